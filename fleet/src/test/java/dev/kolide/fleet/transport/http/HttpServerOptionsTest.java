package dev.kolide.fleet.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpServerOptionsTest {

    @Test
    void theDefaultsAreKolideFleetsAndKitsHttputil() {
        HttpServerOptions options = HttpServerOptions.plaintext();

        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.ioTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(options.tlsEnabled()).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\" -> host \"{1}\", port {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0:8080    | 0.0.0.0   | 8080
            127.0.0.1:0     | 127.0.0.1 | 0
            :9000           | ''        | 9000
            [::1]:8443      | ::1       | 8443
            fleet.local:443 | fleet.local | 443
            """)
    void anAddressIsHostColonPort(String address, String host, int port) {
        HttpServerOptions options = HttpServerOptions.plaintext().withAddress(address);

        assertThat(options.host()).isEqualTo(host);
        assertThat(options.port()).isEqualTo(port);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            8080            | is not host:port
            localhost:http  | has no numeric port
            ::1:8080        | put an IPv6 host in brackets
            localhost:70000 | is not 0 to 65535
            """)
    void aMalformedAddressIsRefusedWithTheReason(String address, String reason) {
        assertThatThrownBy(() -> HttpServerOptions.plaintext().withAddress(address))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
