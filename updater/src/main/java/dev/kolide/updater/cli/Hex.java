package dev.kolide.updater.cli;

import java.util.HexFormat;

/** Hashes as people and {@code sha256sum} write them. */
final class Hex {
    private Hex() {}

    static String of(byte[] bytes) {
        return bytes == null ? "" : HexFormat.of().formatHex(bytes);
    }
}
