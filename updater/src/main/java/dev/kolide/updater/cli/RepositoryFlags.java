package dev.kolide.updater.cli;

import picocli.CommandLine.Option;

/** Where the local trusted repository is and which Notary repository (GUN) it follows: every command needs them. */
public final class RepositoryFlags {
    @Option(names = "--gun", paramLabel = "GUN", description = "The Notary repository (globally unique name), "
            + "e.g. kolide/osqueryd")
    String gun = "";

    @Option(names = "--local_repo", paramLabel = "DIR",
            description = "The directory holding the trusted metadata (root.json, timestamp.json ...)")
    String localRepo = "";
}
