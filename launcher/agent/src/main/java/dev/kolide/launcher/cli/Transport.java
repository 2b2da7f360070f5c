package dev.kolide.launcher.cli;

import dev.kolide.kit.flags.FlagException;
import java.util.Locale;

/** How the launcher talks to its server (reference launcher.md §1.6). */
public enum Transport {
    /** gRPC {@code kolide.agent.Api}, the launcher's plugins serving osqueryd. */
    GRPC,
    /** JSON-RPC over HTTPS, the same calls as gRPC. */
    JSONRPC,
    /** osqueryd's own TLS plugins against the server's osquery API; the launcher only supervises. */
    OSQUERY;

    static Transport parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FlagException("--transport: unknown transport '" + value + "' (want grpc, jsonrpc or osquery)");
        }
    }
}
