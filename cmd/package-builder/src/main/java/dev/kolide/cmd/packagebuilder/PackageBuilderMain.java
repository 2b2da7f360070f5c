package dev.kolide.cmd.packagebuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import dev.kolide.pkgbuilder.cli.KolideEnv;
import dev.kolide.pkgbuilder.cli.PackageBuilderCommand;
import dev.kolide.pkgbuilder.cli.PackageBuilderContext;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** package-builder's main: builds what the commands need and runs them (flags: {@code package-builder make --help}). */
public final class PackageBuilderMain {
    private PackageBuilderMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(PackageBuilderMain.class, "package-builder");
        // Kolide's bare variables (HOSTNAME, TARGETS, ...) as well as KOLIDE_PACKAGE_BUILDER_<FLAG>
        Map<String, String> env = KolideEnv.withKolideNames(System.getenv());
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Program program = new Program(buildInfo, KolideEnv.PREFIX, env, out, err, new ObjectMapper());
        PackageBuilderContext context = new PackageBuilderContext(buildInfo, Clock.systemUTC(), env, out, err,
                self(), Path.of("").toAbsolutePath());
        return program.run(new PackageBuilderCommand(), context, args);
    }

    /** This program's jar (or single-file program): a launcher built alongside is found next to it. */
    private static Optional<Path> self() {
        try {
            return Optional.of(Path.of(PackageBuilderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
