package dev.kolide.launcher.service;

import java.util.Locale;

/**
 * The OS and architecture as Go names them ({@code linux}, {@code darwin}, {@code windows}; {@code amd64},
 * {@code arm64}): servers built for Kolide's launcher read those names from {@code goos}/{@code goarch}.
 */
public record GoPlatform(String os, String arch) {

    /** The platform this JVM runs on. */
    public static GoPlatform current() {
        return new GoPlatform(os(System.getProperty("os.name", "")), arch(System.getProperty("os.arch", "")));
    }

    /** Go's name for the Java {@code os.name}. */
    public static String os(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        return name.replace(" ", "");
    }

    /** Go's name for the Java {@code os.arch}. */
    public static String arch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
    }
}
