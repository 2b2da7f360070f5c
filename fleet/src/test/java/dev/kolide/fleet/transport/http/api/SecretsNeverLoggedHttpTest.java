package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Passwords, tokens and enroll secrets go through the API without reaching the logs, at DEBUG included: every
 * event fleet logs while they are used is captured and searched.
 */
class SecretsNeverLoggedHttpTest extends ApiHttpTestBase {

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Logger fleetLogger;
    private Level previousLevel;

    @BeforeEach
    void captureFleetLogs() {
        fleetLogger = (Logger) LoggerFactory.getLogger("dev.kolide");
        previousLevel = fleetLogger.getLevel();
        fleetLogger.setLevel(Level.DEBUG);
        events.start();
        fleetLogger.addAppender(events);
    }

    @AfterEach
    void stopCapturing() {
        fleetLogger.detachAppender(events);
        fleetLogger.setLevel(previousLevel);
    }

    @Test
    void loginsPasswordChangesTokensAndEnrollSecretsStayOutOfTheLogs() {
        String wrong = "Wr0ng-password-" + System.nanoTime();
        String secret = "enroll-secret-" + System.nanoTime();
        String newPassword = "N3w-password-" + System.nanoTime();
        post("/login", null, "{\"username\":\"observer\",\"password\":\"" + wrong + "\"}");
        String token = json(post("/login", null, "{\"username\":\"observer\",\"password\":\""
                + ApiTestEnvironment.PASSWORD + "\"}")).path("token").asText();
        post("/change_password", token, "{\"old_password\":\"" + ApiTestEnvironment.PASSWORD
                + "\",\"new_password\":\"" + newPassword + "\"}");
        post("/spec/enroll_secret", adminToken, "{\"spec\":{\"secrets\":[{\"name\":\"default\",\"secret\":\"" + secret
                + "\"}]}}");
        post("/spec/enroll_secret", adminToken, "{\"spec\":{\"secrets\":[{\"name\":\"again\",\"secret\":\"" + secret
                + "\"}]}}");
        get("/me", token + "tampered");

        List<String> logged = events.list.stream()
                .map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? ""
                        : e.getThrowableProxy().getMessage()))
                .toList();
        assertThat(logged).isNotEmpty();
        assertThat(logged).allSatisfy(line -> assertThat(line)
                .doesNotContain(wrong)
                .doesNotContain(ApiTestEnvironment.PASSWORD)
                .doesNotContain(newPassword)
                .doesNotContain(secret)
                .doesNotContain(token)
                .doesNotContain(adminToken));
    }
}
