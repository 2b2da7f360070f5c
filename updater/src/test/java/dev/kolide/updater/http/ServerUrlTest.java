package dev.kolide.updater.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerUrlTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://notary.kolide.co, https://notary.kolide.co, false",
        "https://notary.kolide.co/, https://notary.kolide.co, false",
        "https://dl.example.com:8443/mirror//, https://dl.example.com:8443/mirror, false",
        "HTTPS://Notary.Example.com, https://Notary.Example.com, false",
        "http://127.0.0.1:4443, http://127.0.0.1:4443, true",
        "http://localhost:4443/, http://localhost:4443, true",
        "http://[::1]:4443, http://[::1]:4443, true",
    })
    void acceptsHttpsAndLoopbackHttp(String value, String expected, boolean plain) {
        ServerUrl url = ServerUrl.parse("--notary_url", value);
        assertThat(url.uri()).hasToString(expected);
        assertThat(url.isPlainHttp()).isEqualTo(plain);
        assertThat(url.resolve("v2/kolide/osqueryd/_trust/tuf/root.json"))
                .hasToString(expected + "/v2/kolide/osqueryd/_trust/tuf/root.json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "notary.kolide.co", "ftp://notary.kolide.co", "http://notary.kolide.co",
        "http://10.0.0.1:4443", "https://notary.kolide.co?x=1", "https://u:p@notary.kolide.co", "https:///x",
        "https://notary.kolide.co/#frag"})
    void refusesTheRestNamingTheFlag(String value) {
        assertThatThrownBy(() -> ServerUrl.parse("--notary_url", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--notary_url");
    }
}
