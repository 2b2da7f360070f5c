package dev.kolide.fleet.transport.http.body;

/**
 * The most bytes a request body may have, on the wire and again after decompression. The numbers are fleetdm
 * Fleet's (reference §6), which Kolide Fleet lacked: 1 MiB by default, 10 MiB for osquery log batches
 * ({@code --logger_tls_max_lines} 1024 lines of results), 5 MiB for distributed query results.
 */
public record BodyLimit(long bytes) {

    public static final long MIB = 1024 * 1024;

    public static final BodyLimit DEFAULT = mebibytes(1);
    public static final BodyLimit OSQUERY_LOG = mebibytes(10);
    public static final BodyLimit DISTRIBUTED_WRITE = mebibytes(5);

    public BodyLimit {
        if (bytes < 0) {
            throw new IllegalArgumentException("a body limit is not negative, got " + bytes);
        }
        // readAllBytes collects into one array.
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a body limit is at most 2 GiB, got " + bytes);
        }
    }

    public static BodyLimit mebibytes(long mebibytes) {
        return new BodyLimit(Math.multiplyExact(mebibytes, MIB));
    }

    public static BodyLimit kibibytes(long kibibytes) {
        return new BodyLimit(Math.multiplyExact(kibibytes, 1024L));
    }
}
