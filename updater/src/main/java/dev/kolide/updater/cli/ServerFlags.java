package dev.kolide.updater.cli;

import picocli.CommandLine.Option;

/** How to reach Notary and the mirror, and whom to trust on TLS. */
public final class ServerFlags {
    @Option(names = "--notary_url", paramLabel = "URL", defaultValue = "https://notary.kolide.co",
            description = "The Notary server (https; http only to localhost). Default: ${DEFAULT-VALUE}")
    String notaryUrl;

    @Option(names = "--mirror_url", paramLabel = "URL", defaultValue = "https://dl.kolide.co",
            description = "The mirror serving <mirror>/<gun>/<target> (https; http only to localhost). "
                    + "Default: ${DEFAULT-VALUE}")
    String mirrorUrl;

    @Option(names = "--root_pem", paramLabel = "FILE",
            description = "PEM file of the CAs to trust for TLS instead of the system roots")
    String rootPem = "";

    @Option(names = "--insecure", description = "Skip TLS certificate verification (development only; TUF "
            + "signatures are still verified)")
    boolean insecure;
}
