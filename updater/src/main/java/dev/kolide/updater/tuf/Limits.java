package dev.kolide.updater.tuf;

/**
 * Caps that stop endless-data and endless-rotation attacks. Snapshot, targets and delegations are capped at the
 * length their parent's meta gives (Notary always gives one); {@code unknownLength} is for meta without one.
 *
 * @param maxRootFiles how many {@code N.root.json} one cycle fetches at most (spec 5.3.3)
 * @param rootBytes cap per root file
 * @param timestampBytes cap for {@code timestamp.json} (its length is known from nowhere)
 * @param unknownLengthBytes cap for metadata whose parent meta has no length
 * @param maxDelegatedRoles how many delegated roles one traversal visits at most (spec 5.6.7.1)
 */
public record Limits(int maxRootFiles, long rootBytes, long timestampBytes, long unknownLengthBytes,
        int maxDelegatedRoles) {

    public Limits {
        if (maxRootFiles < 1 || rootBytes < 1 || timestampBytes < 1 || unknownLengthBytes < 1
                || maxDelegatedRoles < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** 256 root files of 512 KiB, timestamp 16 KiB, 5 MiB when no length is known (as kolide/updater), 32 delegations. */
    public static Limits defaults() {
        return new Limits(256, 512 * 1024, 16 * 1024, 5 * 1024 * 1024, 32);
    }
}
