package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * Which TLS versions and cipher suites to accept, after kolide/kit's {@code tlsutil} and Mozilla's server-side
 * TLS guidelines. Both profiles start at TLS 1.2; fleet's {@code tls_compatibility} names one of them.
 *
 * <p>The lists are in order of preference and are filtered to what the running JDK supports, so a suite a JDK
 * lacks is dropped instead of failing every handshake.
 */
public enum TlsProfile {

    /** TLS 1.3, and TLS 1.2 with forward secrecy (ECDHE) and AEAD ciphers (AES-GCM, ChaCha20-Poly1305) only. */
    MODERN(Suites.MODERN),

    /**
     * {@link #MODERN} plus TLS 1.2 ECDHE suites with AES-CBC and SHA-256/384 MACs, for older TLS 1.2 clients
     * without AEAD ciphers.
     */
    INTERMEDIATE(Suites.INTERMEDIATE);

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final List<String> wantedCipherSuites;

    TlsProfile(List<String> wantedCipherSuites) {
        this.wantedCipherSuites = wantedCipherSuites;
    }

    /** The profile called {@code name} ("modern" or "intermediate", any case), as fleet's flag spells it. */
    public static TlsProfile parse(String name) {
        requireNonNull(name, "name is null");
        for (TlsProfile profile : values()) {
            if (profile.name().equalsIgnoreCase(name.strip())) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown TLS profile \"" + name + "\"; expected one of "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.toList()));
    }

    /** TLS 1.3 and 1.2, as far as the running JDK supports them. */
    public List<String> protocols() {
        return supportedSubset(PROTOCOLS, jdkSupported().getProtocols(), "protocols");
    }

    /** This profile's cipher suites (TLS 1.3 and 1.2), in order of preference, that the running JDK supports. */
    public List<String> cipherSuites() {
        return supportedSubset(wantedCipherSuites, jdkSupported().getCipherSuites(), "cipher suites");
    }

    /**
     * Limits {@code parameters} to this profile's protocols and cipher suites, with the server's order of
     * preference winning; returns {@code parameters}.
     */
    public SSLParameters applyTo(SSLParameters parameters) {
        requireNonNull(parameters, "parameters is null");
        parameters.setProtocols(protocols().toArray(String[]::new));
        parameters.setCipherSuites(cipherSuites().toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    /** New parameters limited to this profile, e.g. for {@code java.net.http.HttpClient.Builder#sslParameters}. */
    public SSLParameters sslParameters() {
        return applyTo(new SSLParameters());
    }

    private List<String> supportedSubset(List<String> wanted, String[] supported, String what) {
        Set<String> available = Set.of(supported);
        List<String> subset = wanted.stream().filter(available::contains).collect(Collectors.toUnmodifiableList());
        if (subset.isEmpty()) {
            throw new TlsSetupException("the running JDK supports none of the " + what + " of the " + this
                    + " TLS profile: " + wanted);
        }
        return subset;
    }

    private static SSLParameters jdkSupported() {
        try {
            // Empty key and trust managers: what the JDK supports does not depend on them, and the default context
            // would load (and could fail on) the javax.net.ssl key and trust stores.
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context.getSupportedSSLParameters();
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("asking the JDK which TLS protocols and cipher suites it supports", e);
        }
    }

    /** Java names of the suites; a nested class because enum constants cannot read the enum's own statics. */
    private static final class Suites {
        private static final List<String> TLS13 = List.of(
                "TLS_AES_128_GCM_SHA256",
                "TLS_AES_256_GCM_SHA384",
                "TLS_CHACHA20_POLY1305_SHA256");

        private static final List<String> TLS12_AEAD = List.of(
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

        // The ..._CBC_SHA suites are left out on purpose: their MAC is SHA-1, and Jetty excludes them by default.
        private static final List<String> TLS12_CBC = List.of(
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");

        private static final List<String> MODERN = concat(TLS13, TLS12_AEAD);
        private static final List<String> INTERMEDIATE = concat(MODERN, TLS12_CBC);

        private static List<String> concat(List<String> first, List<String> second) {
            return Stream.concat(first.stream(), second.stream())
                    .collect(Collectors.toUnmodifiableList());
        }
    }
}
