package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * osquery's TLS flags, as the {@code tls} config, logger, distributed and enroll plugins read them. Defaults are
 * osquery's, except where noted. Built with {@link #builder()}.
 *
 * @param hostname {@code --tls_hostname}: {@code host[:port]} of the server
 * @param serverCerts {@code --tls_server_certs}: a PEM file of the roots to trust instead of the JDK's
 * @param retryBackoff osqueryd-lite only: the unit of osquery's {@code i * i} seconds between attempts (tests
 *     shorten it)
 * @param requestTimeout osqueryd-lite only: the connect and answer timeout of each request
 */
public record TlsOptions(String hostname, String enrollEndpoint, String configEndpoint, String loggerEndpoint,
        String distributedReadEndpoint, String distributedWriteEndpoint, Optional<Path> serverCerts,
        Optional<Path> enrollSecretPath, boolean disableEnrollment, int configMaxAttempts,
        int distributedMaxAttempts, Duration loggerPeriod, int loggerMaxLines, long loggerMaxLineSize,
        boolean sessionReuse, Duration retryBackoff, Duration requestTimeout) {

    public TlsOptions {
        requireNonNull(hostname, "hostname is null");
        requireNonNull(enrollEndpoint, "enrollEndpoint is null");
        requireNonNull(configEndpoint, "configEndpoint is null");
        requireNonNull(loggerEndpoint, "loggerEndpoint is null");
        requireNonNull(distributedReadEndpoint, "distributedReadEndpoint is null");
        requireNonNull(distributedWriteEndpoint, "distributedWriteEndpoint is null");
        requireNonNull(serverCerts, "serverCerts is null");
        requireNonNull(enrollSecretPath, "enrollSecretPath is null");
        requirePositive(loggerPeriod, "logger period");
        requirePositive(retryBackoff, "retry back-off");
        requirePositive(requestTimeout, "request timeout");
        if (configMaxAttempts < 1 || distributedMaxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        if (loggerMaxLines < 1 || loggerMaxLineSize < 1) {
            throw new IllegalArgumentException("logger max lines and line size must be positive");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        requireNonNull(duration, what + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + duration);
        }
    }

    /** osquery's defaults: no host, no endpoints (each must be given for its plugin to work). */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the flags; {@link #build()} checks them. */
    public static final class Builder {
        private String hostname = "";
        private String enrollEndpoint = "";
        private String configEndpoint = "";
        private String loggerEndpoint = "";
        private String distributedReadEndpoint = "";
        private String distributedWriteEndpoint = "";
        private Path serverCerts;
        private Path enrollSecretPath;
        private boolean disableEnrollment;
        private int configMaxAttempts = 3;
        private int distributedMaxAttempts = 3;
        private Duration loggerPeriod = Duration.ofSeconds(4);
        private int loggerMaxLines = 1024;
        private long loggerMaxLineSize = 1024 * 1024;
        private boolean sessionReuse = true;
        private Duration retryBackoff = Duration.ofSeconds(1);
        private Duration requestTimeout = Duration.ofSeconds(30);

        private Builder() {}

        public Builder hostname(String value) {
            hostname = requireNonNull(value, "hostname is null").strip();
            return this;
        }

        public Builder enrollEndpoint(String value) {
            enrollEndpoint = requireNonNull(value, "enrollEndpoint is null");
            return this;
        }

        public Builder configEndpoint(String value) {
            configEndpoint = requireNonNull(value, "configEndpoint is null");
            return this;
        }

        public Builder loggerEndpoint(String value) {
            loggerEndpoint = requireNonNull(value, "loggerEndpoint is null");
            return this;
        }

        public Builder distributedReadEndpoint(String value) {
            distributedReadEndpoint = requireNonNull(value, "distributedReadEndpoint is null");
            return this;
        }

        public Builder distributedWriteEndpoint(String value) {
            distributedWriteEndpoint = requireNonNull(value, "distributedWriteEndpoint is null");
            return this;
        }

        /** {@code null} or a blank path: the JDK's roots. */
        public Builder serverCerts(Path value) {
            serverCerts = blankToNull(value);
            return this;
        }

        /** {@code null} or a blank path: an empty secret. */
        public Builder enrollSecretPath(Path value) {
            enrollSecretPath = blankToNull(value);
            return this;
        }

        public Builder disableEnrollment(boolean value) {
            disableEnrollment = value;
            return this;
        }

        public Builder configMaxAttempts(int value) {
            configMaxAttempts = value;
            return this;
        }

        public Builder distributedMaxAttempts(int value) {
            distributedMaxAttempts = value;
            return this;
        }

        public Builder loggerPeriod(Duration value) {
            loggerPeriod = value;
            return this;
        }

        public Builder loggerMaxLines(int value) {
            loggerMaxLines = value;
            return this;
        }

        public Builder loggerMaxLineSize(long value) {
            loggerMaxLineSize = value;
            return this;
        }

        public Builder sessionReuse(boolean value) {
            sessionReuse = value;
            return this;
        }

        public Builder retryBackoff(Duration value) {
            retryBackoff = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public TlsOptions build() {
            return new TlsOptions(hostname, enrollEndpoint, configEndpoint, loggerEndpoint, distributedReadEndpoint,
                    distributedWriteEndpoint, Optional.ofNullable(serverCerts), Optional.ofNullable(enrollSecretPath),
                    disableEnrollment, configMaxAttempts, distributedMaxAttempts, loggerPeriod, loggerMaxLines,
                    loggerMaxLineSize, sessionReuse, retryBackoff, requestTimeout);
        }

        private static Path blankToNull(Path path) {
            return path == null || path.toString().isBlank() ? null : path;
        }
    }
}
