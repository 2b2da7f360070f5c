package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.service.api.ApiTestEnvironment;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Failed logins are limited to 10 a minute per client address and per username: the 11th attempt is a 429 with
 * Retry-After, even with the right password, until the minute is over (the clock is the test's). A class of its
 * own: the limiter's windows outlive a test.
 */
class LoginRateLimitHttpTest extends ApiHttpTestBase {

    private HttpResponse<String> login(String password) {
        return post("/login", null, "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
    }

    @Test
    void theEleventhFailureInAMinuteIs429WithRetryAfterUntilTheMinuteEnds() {
        for (int i = 0; i < 10; i++) {
            assertThat(login("wrong-Passw0rd!").statusCode()).isEqualTo(401);
        }

        env.clock().advance(Duration.ofSeconds(15));
        HttpResponse<String> limited = login(ApiTestEnvironment.PASSWORD);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("45");
        assertThat(json(limited).path("message").asText()).contains("too many failed logins");
        assertThat(limited.body()).doesNotContain(ApiTestEnvironment.PASSWORD);

        env.clock().advance(Duration.ofSeconds(45));
        assertThat(login(ApiTestEnvironment.PASSWORD).statusCode()).isEqualTo(200);
    }
}
