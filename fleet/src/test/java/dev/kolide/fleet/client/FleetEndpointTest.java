package dev.kolide.fleet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.kit.tls.ClientTrust;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FleetEndpointTest {

    @ParameterizedTest
    @CsvSource({
        "https://fleet:8080,,https://fleet:8080/api/v1/kolide/me",
        "https://fleet:8080/,'',https://fleet:8080/api/v1/kolide/me",
        "https://fleet,/proxy/fleet/,https://fleet/proxy/fleet/api/v1/kolide/me",
        "https://fleet,proxy,https://fleet/proxy/api/v1/kolide/me"})
    void urlPrefixIsPutBeforeEveryApiPathHoweverItIsSpelled(String address, String prefix, String expected) {
        FleetEndpoint endpoint = new FleetEndpoint(URI.create(address), prefix, ClientTrust.systemRoots());

        assertThat(endpoint.resolve("/api/v1/kolide/me")).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"https://fleet:8080,wss://fleet:8080/p/x", "http://fleet,ws://fleet/p/x"})
    void webSocketAddressUsesTheMatchingScheme(String address, String expected) {
        FleetEndpoint endpoint = new FleetEndpoint(URI.create(address), "p", ClientTrust.systemRoots());

        assertThat(endpoint.resolveWebSocket("/x")).hasToString(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fleet.example.com:8080", "ftp://fleet", "localhost"})
    void anAddressWithoutHttpsSchemeIsRefusedWithTheAddress(String address) {
        assertThatThrownBy(() -> new FleetEndpoint(URI.create(address), "", ClientTrust.systemRoots()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(address);
    }
}
