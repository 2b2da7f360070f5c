package dev.kolide.fleet.transport.http.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = ClientAddresses.trustingProxies(List.of("10.0.0.0/8", "192.0.2.7"));

    @Test
    void withoutTrustedProxiesTheForwardedForHeaderIsIgnored() throws Exception {
        InetAddress peer = InetAddress.getByName("203.0.113.9");

        assertThat(ClientAddresses.direct().resolve(peer, List.of("198.51.100.1"))).isEqualTo(peer);
    }

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            203.0.113.9 | 198.51.100.1                          | 203.0.113.9
            10.1.2.3    | 198.51.100.1                          | 198.51.100.1
            10.1.2.3    | 1.1.1.1, 198.51.100.1                 | 198.51.100.1
            10.1.2.3    | 198.51.100.1, 10.9.9.9                | 198.51.100.1
            10.1.2.3    | 198.51.100.1, 192.0.2.7               | 198.51.100.1
            192.0.2.7   | 198.51.100.1                          | 198.51.100.1
            192.0.2.8   | 198.51.100.1                          | 192.0.2.8
            10.1.2.3    | 10.4.4.4, 10.5.5.5                    | 10.4.4.4
            10.1.2.3    | not-an-address, 10.5.5.5              | 10.5.5.5
            10.1.2.3    | evil.example.com                      | 10.1.2.3
            10.1.2.3    | [2001:db8::1]                         | 2001:db8::1
            10.1.2.3    | ''                                    | 10.1.2.3
            """)
    void aTrustedProxyIsBelievedUpToTheFirstUntrustedHop(String peer, String forwardedFor, String expected)
            throws Exception {
        List<String> lines = forwardedFor.isEmpty() ? List.of() : Arrays.asList(forwardedFor.split("\\|"));

        InetAddress client = behindProxies.resolve(InetAddress.getByName(peer), lines);

        assertThat(client).isEqualTo(InetAddress.getByName(expected));
    }

    @Test
    void hopsSplitOverSeveralHeaderLinesAreReadInOrder() throws Exception {
        InetAddress client = behindProxies.resolve(InetAddress.getByName("10.0.0.1"),
                List.of("198.51.100.1", "10.2.2.2"));

        assertThat(client).isEqualTo(InetAddress.getByName("198.51.100.1"));
    }

    @Test
    void aBadTrustedProxyIsRefusedAtStartUp() {
        assertThatThrownBy(() -> ClientAddresses.trustingProxies(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix length must be 0 to 32");
        assertThatThrownBy(() -> ClientAddresses.trustingProxies(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address or CIDR block");
    }
}
