package dev.kolide.pkgbuilder.layout;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files and directories of one package, sorted by path so every writer emits them in the same order
 * (a condition of byte-identical builds).
 *
 * <p>Directories added explicitly are the package's own ({@code /etc/<id>}); their parents ({@code /etc},
 * {@code /usr}) are not. deb and tar archives must still carry those parents, so {@link #withParents()} adds
 * them as 0755 directories; rpm lists only owned directories and lets rpm create the rest.
 */
public final class PackageTree {
    private final Map<String, Entry> entries;

    private PackageTree(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static PackageTree of(Collection<Entry> entries) {
        Map<String, Entry> sorted = new TreeMap<>();
        for (Entry entry : requireNonNull(entries, "entries is null")) {
            if (sorted.put(entry.path(), entry) != null) {
                throw new IllegalArgumentException("path twice in one package: " + entry.path());
            }
        }
        return new PackageTree(sorted);
    }

    /** Every entry, sorted by path. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<Entry> get(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    public List<Entry> files() {
        return entries.values().stream().filter(e -> !e.isDirectory()).toList();
    }

    public List<Entry> conffiles() {
        return entries.values().stream().filter(Entry::conffile).toList();
    }

    /** This tree plus every missing parent directory (mode 0755), sorted so parents precede children. */
    public PackageTree withParents() {
        Map<String, Entry> all = new TreeMap<>(entries);
        for (Entry entry : new ArrayList<>(entries.values())) {
            for (String parent = entry.parent(); parent != null; parent = parentOf(parent)) {
                all.putIfAbsent(parent, Entry.directory(parent, 0755));
            }
        }
        return new PackageTree(all);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }

    /** The installed size of the files, in bytes. */
    public long installedBytes() {
        long total = 0;
        for (Entry entry : files()) {
            try {
                total += entry.content().size();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("sizing " + entry.path(), e);
            }
        }
        return total;
    }
}
