package dev.kolide.kit.reqid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

@SuppressWarnings("try")
class RequestIdsTest {

    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "abc-123", "0f8fad5b-d9cb-469f-a165-70867728950e", "trace:1/2;x=y", "~!\"#$%&'()*+"})
    void visibleAsciiIdsAreAccepted(String id) {
        assertThat(RequestIds.isAcceptable(id)).isTrue();
        assertThat(RequestIds.acceptOrCreate(id)).isEqualTo(id);
    }

    @Test
    void idOfExactlyMaxLengthIsAcceptedOneMoreIsNot() {
        assertThat(RequestIds.isAcceptable("x".repeat(RequestIds.MAX_LENGTH))).isTrue();
        assertThat(RequestIds.isAcceptable("x".repeat(RequestIds.MAX_LENGTH + 1))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", " lead", "tab\there", "new\nline", "ret\r", "nul\u0000", "del\u007f",
        "ünicode", "emoji\uD83D\uDE00", "nbsp\u00a0"})
    void unacceptableIdsAreReplacedByAFreshUuid(String id) {
        assertThat(RequestIds.isAcceptable(id)).isFalse();
        assertThat(RequestIds.acceptOrCreate(id)).matches(UUID_PATTERN);
    }

    @Test
    void freshIdsAreRandomUuids() {
        String first = RequestIds.newId();
        String second = RequestIds.newId();

        assertThat(first).matches(UUID_PATTERN).isNotEqualTo(second);
        assertThat(UUID.fromString(first).version()).isEqualTo(4);
    }

    @Test
    void scopeSetsTheMdcAndRestoresTheOuterValue() {
        try (RequestIdScope outer = RequestIdScope.open("outer")) {
            try (RequestIdScope inner = RequestIdScope.open("inner")) {
                assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("inner");
            }
            assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("outer");
        }
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
    }

    @Test
    void scopeClosedOnAnotherThreadIsRefused() throws Exception {
        RequestIdScope scope = RequestIdScope.open("abc");
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                scope.close();
            } catch (IllegalStateException e) {
                thrown[0] = e;
            }
        });
        other.start();
        other.join();
        scope.close();

        assertThat(thrown[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("opened on");
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
    }

    @Test
    void currentFromMdcIgnoresAnUnacceptableValue() {
        MDC.put(RequestIds.MDC_KEY, "not acceptable");

        assertThat(RequestIds.currentFromMdc()).isEmpty();
    }

    @Test
    void outgoingHttpRequestCarriesTheCurrentId() {
        MDC.put(RequestIds.MDC_KEY, "abc-123");

        HttpRequest request = HttpClientRequestIds.withCurrentRequestId(HttpRequest.newBuilder(URI.create("http://x/")))
                .build();

        assertThat(request.headers().allValues(RequestIds.HTTP_HEADER)).containsExactly("abc-123");
    }

    @Test
    void outgoingHttpRequestWithoutCurrentIdHasNoHeader() {
        HttpRequest request = HttpClientRequestIds.withCurrentRequestId(HttpRequest.newBuilder(URI.create("http://x/")))
                .build();

        assertThat(request.headers().firstValue(RequestIds.HTTP_HEADER)).isEmpty();
    }

    @Test
    void explicitUnacceptableIdForOutgoingRequestIsRefused() {
        assertThatThrownBy(() -> HttpClientRequestIds.withRequestId(
                HttpRequest.newBuilder(URI.create("http://x/")), "two words"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
