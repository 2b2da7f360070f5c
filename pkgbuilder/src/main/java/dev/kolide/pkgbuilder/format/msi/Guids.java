package dev.kolide.pkgbuilder.format.msi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/** Name-based (SHA-1, version 5) GUIDs: stable across builds, as WiX component and upgrade codes must be. */
final class Guids {
    private Guids() {}

    static String of(String name) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-1", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (hash[i] & 0xff);
            low = (low << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(high, low).toString().toUpperCase(Locale.ROOT);
    }
}
