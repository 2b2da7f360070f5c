package dev.kolide.launcher.autoupdate;

/**
 * What an update archive may unpack to at most: a corrupt or hostile archive (a gzip bomb, millions of entries)
 * must not fill the disk the host runs on.
 */
public record ArchiveLimits(long maxTotalBytes, int maxEntries) {

    public ArchiveLimits {
        if (maxTotalBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("archive limits must be positive, not " + maxTotalBytes + " bytes, "
                    + maxEntries + " entries");
        }
    }

    /** 512 MiB and 10 000 entries: far above an osqueryd or launcher build, far below a full disk. */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(512L * 1024 * 1024, 10_000);
    }
}
