package dev.kolide.pkgbuilder.layout;

import static java.util.Objects.requireNonNull;

/**
 * One path in a package. Paths are absolute POSIX paths ({@code /etc/launcher/secret}); the MSI writer maps them
 * to Windows folders itself. Every entry is owned by root:root, as Kolide's packages are.
 *
 * @param content the file's bytes; {@code null} for a directory
 * @param conffile whether the package manager keeps local edits (deb conffiles, rpm %config(noreplace))
 */
public record Entry(String path, Kind kind, int mode, Content content, boolean conffile) {
    public static final String OWNER = "root";
    public static final String GROUP = "root";

    public enum Kind { DIRECTORY, FILE }

    public Entry {
        requireNonNull(path, "path is null");
        requireNonNull(kind, "kind is null");
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("not a clean absolute path: " + path);
        }
        if ((kind == Kind.FILE) != (content != null)) {
            throw new IllegalArgumentException(path + ": a file needs content, a directory none");
        }
        if (conffile && kind != Kind.FILE) {
            throw new IllegalArgumentException(path + ": only files are conffiles");
        }
    }

    public static Entry directory(String path, int mode) {
        return new Entry(path, Kind.DIRECTORY, mode, null, false);
    }

    public static Entry file(String path, int mode, Content content) {
        return new Entry(path, Kind.FILE, mode, content, false);
    }

    public static Entry conffile(String path, int mode, Content content) {
        return new Entry(path, Kind.FILE, mode, content, true);
    }

    public boolean isDirectory() {
        return kind == Kind.DIRECTORY;
    }

    /** The parent path, or {@code null} for a top-level entry. */
    public String parent() {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }
}
