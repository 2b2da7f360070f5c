package dev.kolide.updater.http;

import java.util.regex.Pattern;

/**
 * Checks the names that become URL paths (GUNs, metadata and target names), so a name can never climb out of its
 * repository ({@code ..}), carry a query, or need escaping that a server might undo differently.
 */
public final class RepositoryPaths {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*");

    private RepositoryPaths() {}

    /**
     * Returns {@code path} if it is one or more {@code /}-separated segments of letters, digits and
     * {@code . _ + -}, none of them {@code .} or {@code ..}.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static String check(String what, String path) {
        if (path == null || !SAFE.matcher(path).matches()) {
            throw new IllegalArgumentException(what + " \"" + path + "\" must be /-separated segments of letters,"
                    + " digits and . _ + -");
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(what + " \"" + path + "\" must not contain . or .. segments");
            }
        }
        return path;
    }
}
