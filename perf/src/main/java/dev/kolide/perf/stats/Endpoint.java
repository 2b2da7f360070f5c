package dev.kolide.perf.stats;

/** The calls a simulated host makes, named as in reports (TLS path / gRPC method in the comments). */
public enum Endpoint {
    /** {@code /api/v1/osquery/enroll}, {@code RequestEnrollment}. */
    ENROLL("enroll"),
    /** {@code /api/v1/osquery/config}, {@code RequestConfig}. */
    CONFIG("config"),
    /** {@code /api/v1/osquery/distributed/read}, {@code RequestQueries}. */
    DISTRIBUTED_READ("distributed_read"),
    /** {@code /api/v1/osquery/distributed/write}, {@code PublishResults}. */
    DISTRIBUTED_WRITE("distributed_write"),
    /** {@code /api/v1/osquery/log}, {@code PublishLogs}. */
    LOG("log");

    private final String reportName;

    Endpoint(String reportName) {
        this.reportName = reportName;
    }

    public String reportName() {
        return reportName;
    }
}
