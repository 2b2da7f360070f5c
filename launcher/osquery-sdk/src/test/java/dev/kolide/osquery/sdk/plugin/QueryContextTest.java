package dev.kolide.osquery.sdk.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryContextTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void osquerysContextJsonParsesWithEveryOperator() {
        StringBuilder list = new StringBuilder();
        for (Operator op : Operator.values()) {
            list.append(list.length() == 0 ? "" : ",").append("{\"op\":").append(op.code()).append(",\"expr\":\"")
                    .append(op.name()).append("\"}");
        }
        QueryContext context = QueryContext.parse(
                "{\"constraints\":[{\"name\":\"c\",\"affinity\":\"INTEGER\",\"list\":[" + list + "]}]}", json);

        assertThat(context.constraintsOn("c").affinity()).isEqualTo("INTEGER");
        assertThat(context.constraintsOn("c").constraints()).extracting(Constraint::operator)
                .containsExactly(Operator.values());
    }

    @Test
    void toJsonIsWhatParseReads() {
        QueryContext context = new QueryContext(Map.of(
                "path", new ConstraintList("TEXT", List.of(new Constraint(Operator.LIKE, "/tmp/%"))),
                "size", new ConstraintList("BIGINT", List.of())));

        assertThat(QueryContext.parse(context.toJson(json), json)).isEqualTo(context);
        assertThat(context.toJson(json)).contains("\"list\":\"\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"constraints\":5}", "{\"constraints\":[{\"list\":\"\"}]}",
            "{\"constraints\":[{\"name\":\"a\",\"list\":[{\"op\":3,\"expr\":\"x\"}]}]}"})
    void malformedContextsAreRefusedWithAReason(String text) {
        assertThatThrownBy(() -> QueryContext.parse(text, json)).isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank();
    }
}
