package dev.kolide.fleet.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * osquery node keys and enroll secrets. A node key is what a host presents on every call after enrolling: base64
 * of {@code osquery.node_key_size} random bytes (Kolide: 24), a new one at each enrollment.
 */
public final class NodeKeys {
    public static final int DEFAULT_NODE_KEY_SIZE = 24;

    private final int keySize;
    private final SecureRandom random;

    public NodeKeys(int keySize, SecureRandom random) {
        if (keySize < 1) {
            throw new IllegalArgumentException("node key size must be positive, not " + keySize);
        }
        this.keySize = keySize;
        this.random = requireNonNull(random, "random is null");
    }

    /** A new node key. */
    public String generate() {
        byte[] bytes = new byte[keySize];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Whether the enroll secret a host {@code presented} is {@code expected}, in time that does not depend on
     * where they differ, so a secret cannot be guessed a character at a time. The time does reveal whether the
     * lengths differ, which tells nothing useful about a random secret.
     */
    public static boolean secretMatches(String presented, String expected) {
        requireNonNull(presented, "presented is null");
        requireNonNull(expected, "expected is null");
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
