package dev.kolide.fleet.service.osquery.detail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses from interface_addresses, parsed as literals only. */
class IpLiteralTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            10.0.4.17,                 10.0.4.17,     true,  false, false
            127.0.0.1,                 127.0.0.1,     true,  true,  false
            169.254.3.4,               169.254.3.4,   true,  false, true
            ::1,                       ::1,           false, true,  false
            fe80::1%en0,               fe80::1,       false, false, true
            2001:db8::17,              2001:db8::17,  false, false, false
            ' 192.168.0.1 ',           192.168.0.1,   true,  false, false
            """)
    void literalsAreRecognized(String value, String text, boolean ipv4, boolean loopback, boolean linkLocal) {
        IpLiteral ip = IpLiteral.parse(value).orElseThrow();

        assertThat(ip.text()).isEqualTo(text);
        assertThat(ip.isIpv4()).isEqualTo(ipv4);
        assertThat(ip.isLoopback()).isEqualTo(loopback);
        assertThat(ip.isLinkLocal()).isEqualTo(linkLocal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "abc", "1.2.3", "256.1.1.1", "1.2.3.4.5", "g::1",
            "12345::1::2", "dead:beef", "10.0.0.1/24"})
    void anythingElseIsNoAddressAndIsNeverLookedUp(String value) {
        assertThat(IpLiteral.parse(value)).isEmpty();
    }

    @Test
    void aHostnameMadeOfHexDigitsIsNotLookedUpEither() {
        // "cafe" starts with a hex digit, which is where the JDK would try it as a literal and then ask DNS.
        assertThat(IpLiteral.parse("cafe")).isEmpty();
        assertThat(IpLiteral.parse("beef.cafe")).isEmpty();
    }
}
