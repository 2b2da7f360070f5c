package dev.kolide.updater.tuf;

import static dev.kolide.updater.tuf.TestRepository.GUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Notary's key types, signature methods, key ids, root certificate rules and canonical JSON. */
class KeysAndSignaturesTest {

    @TempDir
    Path local;

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static Stream<Arguments> keysAndMethods() {
        Supplier<TestKey> rsa = TestKey::rsa;
        return Stream.of(
                Arguments.of("ed25519/eddsa", (Supplier<TestKey>) TestKey::ed25519, "eddsa"),
                Arguments.of("ecdsa/ecdsa", (Supplier<TestKey>) TestKey::ecdsa, "ecdsa"),
                Arguments.of("ecdsa/ECDSA (case-insensitive)", (Supplier<TestKey>) TestKey::ecdsa, "ECDSA"),
                Arguments.of("ecdsa-x509/ecdsa", (Supplier<TestKey>) () -> TestKey.ecdsaX509("x", NOW), "ecdsa"),
                Arguments.of("rsa/rsapss", rsa, "rsapss"),
                Arguments.of("rsa/rsapkcs1v15", rsa, "rsapkcs1v15"),
                Arguments.of("rsa-x509/rsapss", (Supplier<TestKey>) () -> TestKey.rsaX509("x", NOW), "rsapss"),
                Arguments.of("rsa-x509/RSAPKCS1V15", (Supplier<TestKey>) () -> TestKey.rsaX509("x", NOW),
                        "RSAPKCS1V15"));
    }

    static TufKey parsed(TestKey k) {
        return TufKey.parse("targets", k.id(), k.json());
    }

    @ParameterizedTest(name = "{0} verifies; altered data, another key's method or an unknown method do not")
    @MethodSource("keysAndMethods")
    void everyKeyTypeAndMethod(String label, Supplier<TestKey> make, String method) {
        TestKey k = make.get().withMethod(method);
        byte[] data = "{\"_type\":\"Targets\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sig = k.sign(data);
        TufKey key = parsed(k);
        assertThat(SignatureVerifier.verify(key, method, data, sig)).isTrue();
        assertThat(SignatureVerifier.verify(key, method, "{}".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(SignatureVerifier.verify(key, "hmac", data, sig)).isFalse();
        String other = key.type().startsWith("rsa") ? "ecdsa" : "rsapss";
        assertThat(SignatureVerifier.verify(key, other, data, sig)).isFalse();
    }

    @Test
    void ecdsaSignatureInDerIsNotAccepted() throws Exception {
        TestKey k = TestKey.ecdsa();
        byte[] data = {1, 2, 3};
        java.security.Signature der = java.security.Signature.getInstance("SHA256withECDSA");
        der.initSign(k.privateKey());
        der.update(data);
        assertThat(SignatureVerifier.verify(parsed(k), "ecdsa", data, der.sign())).isFalse();
    }

    @Test
    void keyIdMustBeTheHashOfTheCanonicalKey() {
        TestKey k = TestKey.ecdsa();
        // Notary's timestamp.key body lists public before private: the id is still over the canonical form
        assertThat(k.id()).isEqualTo(java.util.HexFormat.of().formatHex(TufKey.sha256(
                ("{\"keytype\":\"ecdsa\",\"keyval\":{\"private\":null,\"public\":\"" + k.publicB64() + "\"}}")
                        .getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> TufKey.parse("root", "00" + k.id().substring(2), k.json()))
                .isInstanceOfSatisfying(VerificationFailedException.class,
                        e -> assertThat(e.check()).isEqualTo("keyid"));
    }

    @Test
    void rsaKeysUnder2048BitsAreRefused() {
        TestKey small = TestKey.rsa(1024);
        assertThatThrownBy(() -> parsed(small)).isInstanceOfSatisfying(VerificationFailedException.class,
                e -> assertThat(e.check()).isEqualTo("key"));
    }

    @Test
    void thresholdCountsDistinctKeysOfTheRoleOnly() {
        TestKey a = TestKey.ed25519();
        TestKey b = TestKey.ed25519();
        TestKey outsider = TestKey.ed25519();
        Map<String, TufKey> keys = Map.of(a.id(), parsed(a), b.id(), parsed(b), outsider.id(), parsed(outsider));
        ObjectNode signed = TestRepository.JSON.objectNode().put("_type", "Targets").put("version", 1)
                .put("expires", "2030-01-01T00:00:00Z");
        signed.putObject("targets");
        TestRepository repo = new TestRepository();
        RoleKeys role = new RoleKeys("targets", keys, Set.of(a.id(), b.id()), 2);
        SignedMetadata twiceByA = SignedMetadata.parse("targets", "targets", repo.sign("targets", signed,
                List.of(a, a)));
        assertThatThrownBy(() -> role.verify(twiceByA)).hasMessageContaining("threshold");
        SignedMetadata aAndOutsider = SignedMetadata.parse("targets", "targets", repo.sign("targets", signed,
                List.of(a, outsider)));
        assertThatThrownBy(() -> role.verify(aAndOutsider)).hasMessageContaining("threshold");
        role.verify(SignedMetadata.parse("targets", "targets", repo.sign("targets", signed, List.of(a, b))));
    }

    static Stream<Arguments> rootCertificates() {
        return Stream.of(
                Arguments.of("CN = GUN", TestKey.ecdsaX509(GUN, NOW), true),
                Arguments.of("CN = kolide/* wildcard", TestKey.ecdsaX509("kolide/*", NOW), true),
                Arguments.of("CN of another GUN", TestKey.ecdsaX509("kolide/other", NOW), false),
                Arguments.of("expired", TestKey.ecdsaX509(GUN, NOW.minus(Duration.ofDays(30)),
                        NOW.minus(Duration.ofDays(1)), "SHA256withECDSA"), false),
                Arguments.of("not yet valid", TestKey.ecdsaX509(GUN, NOW.plus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(30)), "SHA256withECDSA"), false),
                Arguments.of("SHA-1 signed", TestKey.ecdsaX509(GUN, NOW.minus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(30)), "SHA1withECDSA"), false),
                Arguments.of("rsa-x509, CN = GUN", TestKey.rsaX509(GUN, NOW), true));
    }

    @ParameterizedTest(name = "bootstrap with a root certificate {0}: accepted = {2}")
    @MethodSource("rootCertificates")
    void rootCertificateRules(String label, TestKey rootKey, boolean accepted) throws Exception {
        TestRepository r = new TestRepository();
        r.roles.put("root", new TestRepository.RoleSpec(1, rootKey));
        r.roles.put("targets", new TestRepository.RoleSpec(1, TestKey.ecdsa()));
        r.roles.put("snapshot", new TestRepository.RoleSpec(1, TestKey.ecdsa()));
        r.roles.put("timestamp", new TestRepository.RoleSpec(1, TestKey.ed25519()));
        byte[] root = r.rootBytes();
        if (accepted) {
            TufClient.bootstrap(local, GUN, root, r.clock, false);
            assertThat(local.resolve("root.json")).hasBinaryContent(root);
        } else {
            assertThatThrownBy(() -> TufClient.bootstrap(local, GUN, root, r.clock, false))
                    .isInstanceOfSatisfying(VerificationFailedException.class,
                            e -> assertThat(e.check()).isEqualTo("certificate"));
            assertThat(LocalFiles.read(local)).isEmpty();
        }
    }

    @Test
    void bootstrapRefusesToReplaceUnlessAsked() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        assertThatThrownBy(() -> TufClient.bootstrap(local, GUN, r.firstRoot, r.clock, false))
                .isInstanceOf(IllegalStateException.class);
        TufClient.bootstrap(local, GUN, r.firstRoot, r.clock, true);
        assertThat(LocalFiles.read(local)).containsOnlyKeys("root.json");
    }

    @Test
    void canonicalJsonIsNotarys() {
        JsonNode node = Json.parse("t", ("{\"b\":1,\"a\":{\"z\":[true,null,-12345678901234567890123],"
                + "\"\u00e9\":\"<&>\\u00e9\\\"\\\\\\n\"},\"A\":\"x\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(new String(CanonicalJson.encode(node), StandardCharsets.UTF_8)).isEqualTo(
                "{\"A\":\"x\",\"a\":{\"z\":[true,null,-12345678901234567890123],\"\u00e9\":\"<&>\u00e9\\\"\\\\\n\"},"
                        + "\"b\":1}");
        JsonNode decimal = Json.parse("t", "{\"a\":1.5}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CanonicalJson.encode(decimal)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedMetadata.parse("targets", "targets",
                "{\"signed\":{\"_type\":\"Targets\",\"f\":1.0,\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\"},\"signatures\":[]}"
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(VerificationFailedException.class,
                        e -> assertThat(e.check()).isEqualTo("format"));
        assertThatThrownBy(() -> Json.parse("t", "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(VerificationFailedException.class);
    }

    @Test
    void expiresWithAnyNumberOfFractionalDigits() {
        for (String s : List.of("2036-11-24T02:02:05Z", "2036-11-24T02:02:05.1Z", "2036-11-24T02:02:05.7614882Z",
                "2036-11-24T02:02:05.020702314Z", "2036-11-24T02:02:05+00:00")) {
            JsonNode n = TestRepository.JSON.objectNode().put("expires", s);
            assertThat(Json.instant("t", n, "expires")).isBetween(Instant.parse("2036-11-24T02:02:05Z"),
                    Instant.parse("2036-11-24T02:02:06Z"));
        }
    }
}
