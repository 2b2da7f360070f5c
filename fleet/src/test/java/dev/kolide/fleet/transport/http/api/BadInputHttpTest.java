package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.transport.http.RawHttps;
import dev.kolide.fleet.transport.http.RawHttps.RawResponse;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What malformed and refused requests get: 400 for what cannot be decoded, 404 for what does not exist, 409 for
 * names taken, 413 for bodies too large, 422 for refused values; always a JSON message in Kolide's shape, never a
 * stack trace.
 */
class BadInputHttpTest extends ApiHttpTestBase {

    private final List<HttpResponse<String>> errors = new ArrayList<>();

    private HttpResponse<String> error(HttpResponse<String> response) {
        errors.add(response);
        return response;
    }

    private String reason(HttpResponse<String> response) {
        return json(response).path("errors").get(0).path("reason").asText();
    }

    @AfterEach
    void everyErrorIsKolidesJsonWithoutInternals() {
        for (HttpResponse<String> response : errors) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            JsonNode body = json(response);
            assertThat(body.path("message").isTextual()).as(response.body()).isTrue();
            assertThat(body.path("errors").isArray()).as(response.body()).isTrue();
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("dev.kolide").doesNotContain("java.");
        }
    }

    @Test
    void malformedJsonIs400SayingWhere() {
        HttpResponse<String> response = error(post("/queries", adminToken, "{\"name\": \"x\", "));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).startsWith("invalid JSON at line 1");
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        HttpResponse<String> string = error(post("/queries", adminToken, "{\"name\":5,\"query\":\"select 1;\"}"));
        HttpResponse<String> number = error(post("/schedule", adminToken, "{\"pack_id\":\"one\"}"));
        HttpResponse<String> list = error(post("/packs", adminToken, "{\"name\":\"p\",\"host_ids\":\"1,2\"}"));
        HttpResponse<String> nullId = error(post("/queries/delete", adminToken, "{\"ids\":[null]}"));

        assertThat(string.statusCode()).isEqualTo(400);
        assertThat(json(string).path("message").asText()).isEqualTo("field name must be a string; got 5");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(json(number).path("message").asText()).contains("pack_id must be an integer");
        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(json(list).path("message").asText()).contains("host_ids must be an array");
        assertThat(nullId.statusCode()).isEqualTo(400);
    }

    @Test
    void aMissingEmptyOrNonObjectBodyIs400() {
        HttpResponse<String> none = error(post("/queries", adminToken, null));
        HttpResponse<String> nullBody = error(post("/queries", adminToken, "null"));
        HttpResponse<String> array = error(post("/labels", adminToken, "[]"));

        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).path("message").asText()).isEqualTo("the request body is empty; expected JSON");
        assertThat(nullBody.statusCode()).isEqualTo(400);
        assertThat(array.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownThingsAre404AndUnknownRoutesToo() {
        HttpResponse<String> query = error(get("/queries/424242", observerToken));
        HttpResponse<String> byName = error(delete("/packs/no-such-pack", adminToken));
        HttpResponse<String> route = error(get("/no/such/route", observerToken));
        HttpResponse<String> method = error(call("PUT", "/hosts", observerToken, "{}"));

        assertThat(query.statusCode()).isEqualTo(404);
        assertThat(query.body()).isEqualTo("{\"message\":\"Resource Not Found\",\"errors\":[{\"name\":\"base\","
                + "\"reason\":\"query 424242 not found\"}]}");
        assertThat(reason(byName)).isEqualTo("pack \"no-such-pack\" not found");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void aTakenNameIs409() {
        post("/labels", adminToken, "{\"name\":\"web\",\"query\":\"select 1;\"}");

        HttpResponse<String> again = error(post("/labels", adminToken, "{\"name\":\"web\",\"query\":\"select 2;\"}"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).isEqualTo("{\"message\":\"Resource Already Exists\",\"errors\":[{\"name\":\"base\","
                + "\"reason\":\"label \\\"web\\\" already exists\"}]}");
    }

    @Test
    void aBodyOverOneMebibyteIs413BeforeItIsRead() {
        // Announced, not sent: the limit is checked against Content-Length before a byte is read.
        RawResponse response = RawHttps.exchange(server, "POST " + API + "/queries HTTP/1.1\r\nHost: fleet\r\n"
                + "Authorization: Bearer " + adminToken + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1048577\r\nConnection: close", new byte[0]);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).startsWith("{\"message\":").doesNotContain("Exception");
    }

    @Test
    void refusedValuesAre422WithOneEntryPerField() {
        HttpResponse<String> response = error(post("/users", adminToken,
                "{\"username\":\"  \",\"email\":\"\",\"password\":\"\"}"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo("{\"message\":\"Validation Failed\",\"errors\":["
                + "{\"name\":\"username\",\"reason\":\"cannot be empty\"},"
                + "{\"name\":\"email\",\"reason\":\"cannot be empty\"},"
                + "{\"name\":\"password\",\"reason\":\"cannot be empty\"}]}");
    }
}
