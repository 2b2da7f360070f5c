package dev.kolide.cmd.updater;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** A TUF client for Notary: verified metadata, then verified downloads from a mirror. */
@Command(name = "updater", mixinStandardHelpOptions = true,
        description = "A TUF client for Notary: verified metadata, then verified downloads from a mirror.")
public final class UpdaterMain {
    @Mixin
    private ConfigFileOption config;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(UpdaterMain.class, "updater");
        Program program = new Program(buildInfo, "KOLIDE_UPDATER_", System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new ObjectMapper());
        return program.run(new UpdaterMain(), args);
    }
}
