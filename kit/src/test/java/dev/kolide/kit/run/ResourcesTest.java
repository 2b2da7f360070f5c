package dev.kolide.kit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {
    @Test
    void closesNewestFirstEvenWhenOneFailsAndOnlyOnce() {
        List<String> closed = new ArrayList<>();
        Resources resources = new Resources();
        resources.add(() -> closed.add("database"));
        resources.add(() -> {
            closed.add("broken");
            throw new IllegalStateException("cannot close");
        });
        AutoCloseable server = resources.add(() -> closed.add("server"));

        resources.close();
        resources.close();

        assertThat(closed).containsExactly("server", "broken", "database");
        assertThat(server).isNotNull();
    }
}
