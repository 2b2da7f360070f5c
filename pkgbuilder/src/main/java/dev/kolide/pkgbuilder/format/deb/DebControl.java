package dev.kolide.pkgbuilder.format.deb;

import dev.kolide.pkgbuilder.layout.PackageSpec;
import dev.kolide.pkgbuilder.target.Arch;

/** The deb {@code control} file. */
final class DebControl {
    /**
     * The launcher is a JVM program: depend on a Java 17+ runtime rather than bundle one. Debian's and Ubuntu's
     * newer JREs (openjdk-21-jre-headless, ...) also provide java17-runtime-headless.
     */
    static final String JAVA_DEPENDS = "openjdk-17-jre-headless | java17-runtime-headless";

    private DebControl() {}

    static String render(PackageSpec spec, long installedBytes) {
        StringBuilder out = new StringBuilder();
        field(out, "Package", spec.name());
        field(out, "Version", spec.version());
        field(out, "Architecture", debArch(spec.target().arch()));
        field(out, "Maintainer", PackageSpec.MAINTAINER);
        field(out, "Installed-Size", Long.toString((installedBytes + 1023) / 1024));
        field(out, "Depends", JAVA_DEPENDS);
        if (!spec.replaces().isEmpty()) {
            field(out, "Conflicts", String.join(", ", spec.replaces()));
            field(out, "Replaces", String.join(", ", spec.replaces()));
        }
        field(out, "Section", "admin");
        field(out, "Priority", "optional");
        field(out, "Homepage", PackageSpec.HOMEPAGE);
        field(out, "Description", spec.summary());
        for (String line : spec.description().split("\n")) {
            out.append(' ').append(line).append('\n');
        }
        return out.toString();
    }

    static String debArch(Arch arch) {
        return switch (arch) {
            case AMD64 -> "amd64";
            case ARM64 -> "arm64";
            case UNIVERSAL -> "all";
        };
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append('\n');
    }
}
