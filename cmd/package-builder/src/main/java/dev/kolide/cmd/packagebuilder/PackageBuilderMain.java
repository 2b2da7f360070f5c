package dev.kolide.cmd.packagebuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Builds deb, rpm, tar and msi packages of launcher and osqueryd. */
@Command(name = "package-builder", mixinStandardHelpOptions = true,
        description = "Builds deb, rpm, tar and msi packages of launcher and osqueryd.")
public final class PackageBuilderMain {
    @Mixin
    private ConfigFileOption config;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(PackageBuilderMain.class, "package-builder");
        Program program = new Program(buildInfo, "KOLIDE_PACKAGE_BUILDER_", System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new ObjectMapper());
        return program.run(new PackageBuilderMain(), args);
    }
}
