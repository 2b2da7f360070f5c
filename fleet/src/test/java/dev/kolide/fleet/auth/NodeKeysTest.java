package dev.kolide.fleet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeKeysTest {

    @Test
    void nodeKeysAreBase64OfTheConfiguredNumberOfRandomBytes() {
        NodeKeys keys = new NodeKeys(24, new SecureRandom());

        String key = keys.generate();

        assertThat(key).hasSize(32);
        assertThat(Base64.getDecoder().decode(key)).hasSize(24);
    }

    @Test
    void everyNodeKeyIsNew() {
        NodeKeys keys = new NodeKeys(24, new SecureRandom());
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 1_000; i++) {
            seen.add(keys.generate());
        }

        assertThat(seen).hasSize(1_000);
    }

    @Test
    void keysComeFromTheInjectedRandomSource() {
        SecureRandom fixed = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0xff);
            }
        };

        assertThat(new NodeKeys(3, fixed).generate()).isEqualTo("////");
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "secret|secret|true",
        "secret|Secret|false",
        "secret|secre|false",
        "secret|\"secret \"|false",
        "\"\"|secret|false",
        "\"\"|\"\"|true",
        "grüße|grüße|true",
        "grüße|grusse|false",
    })
    void enrollSecretsMatchOnlyWhenEqual(String presented, String expected, boolean matches) {
        assertThat(NodeKeys.secretMatches(presented, expected)).isEqualTo(matches);
    }
}
