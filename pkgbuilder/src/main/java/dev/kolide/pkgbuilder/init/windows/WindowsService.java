package dev.kolide.pkgbuilder.init.windows;

import static java.util.Objects.requireNonNull;

import dev.kolide.pkgbuilder.layout.InstallPaths;

/**
 * The Windows service Kolide installs: {@code Launcher<Id>Svc}, LocalSystem, automatic start, depending on
 * Dnscache, restarted 5 s after a failure. Our launcher takes {@code --config FILE} directly (Kolide's Go binary
 * took a {@code svc} subcommand).
 */
public record WindowsService(String name, String displayName, String arguments, String account,
        String dependsOn) {
    public WindowsService {
        requireNonNull(name, "name is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(arguments, "arguments is null");
        requireNonNull(account, "account is null");
        requireNonNull(dependsOn, "dependsOn is null");
    }

    public static WindowsService of(String identifier, InstallPaths paths) {
        return new WindowsService("Launcher" + titleCase(identifier) + "Svc",
                "Kolide Launcher (" + identifier + ")",
                "--config \"" + paths.flagsFile() + "\"", "LocalSystem", "Dnscache");
    }

    /** {@code kolide-k2} → {@code KolideK2}: Kolide title-cases the identifier and drops what is not a letter or digit. */
    static String titleCase(String identifier) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : identifier.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = false;
        }
        return out.toString();
    }
}
