package dev.kolide.launcher.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --transport=osquery}: the osqueryd flags that make osqueryd talk to the server's osquery TLS API with its
 * own {@code tls} plugins (reference launcher.md §1.6; fleet's endpoints, fleet.md §1). The launcher then only
 * supervises osqueryd and serves its own tables.
 */
final class OsqueryTlsFlags {
    static final String PLUGIN = "tls";
    /** osqueryd reads the secret from a file; a secret given by flag is written here, mode 0600. */
    static final String SECRET_FILE = "enroll_secret";

    private OsqueryTlsFlags() {}

    static List<String> flags(LauncherOptions options) {
        List<String> flags = new ArrayList<>();
        flags.add("--tls_hostname=" + options.hostname());
        flags.add("--enroll_tls_endpoint=/api/v1/osquery/enroll");
        flags.add("--config_tls_endpoint=/api/v1/osquery/config");
        flags.add("--logger_tls_endpoint=/api/v1/osquery/log");
        flags.add("--distributed_tls_read_endpoint=/api/v1/osquery/distributed/read");
        flags.add("--distributed_tls_write_endpoint=/api/v1/osquery/distributed/write");
        flags.add("--logger_tls_period=" + Math.max(1, options.loggingInterval().toSeconds()));
        flags.add("--enroll_secret_path=" + secretFile(options));
        options.rootPem().ifPresent(pem -> flags.add("--tls_server_certs=" + pem));
        return flags;
    }

    private static Path secretFile(LauncherOptions options) {
        if (options.enrollSecret().path().isPresent()) {
            return options.enrollSecret().path().get();
        }
        Path file = options.rootDirectory().resolve(SECRET_FILE);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, options.enrollSecret().get(), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the enroll secret for osqueryd to " + file, e);
        }
    }
}
