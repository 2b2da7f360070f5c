package dev.kolide.updater.tuf;

import java.util.regex.Pattern;

/** Role names become file names in the trusted store and on the server: keep them to Notary's plain shape. */
final class RoleNames {

    private static final Pattern DELEGATION = Pattern.compile("targets(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+");

    private RoleNames() {
    }

    static boolean isDelegation(String name) {
        return DELEGATION.matcher(name).matches() && !name.contains("/..");
    }

    /** The metadata file name, plain or (consistent snapshots) prefixed with the version: {@code 3.targets/qa.json}. */
    static String fileName(String role, long version, boolean versioned) {
        return (versioned ? version + "." : "") + role + ".json";
    }
}
