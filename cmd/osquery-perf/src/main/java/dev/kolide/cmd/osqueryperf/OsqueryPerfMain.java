package dev.kolide.cmd.osqueryperf;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** osquery-perf's main: simulated osquery/launcher hosts against a fleet (flags: {@code osquery-perf --help}). */
public final class OsqueryPerfMain {
    static final String ENV_PREFIX = "KOLIDE_OSQUERY_PERF_";

    private OsqueryPerfMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        BuildInfo buildInfo = BuildInfo.load(OsqueryPerfMain.class, "osquery-perf");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        Program program = new Program(buildInfo, ENV_PREFIX, env, out, err, json);
        return program.run(new OsqueryPerfCommand(out, err, json, Clock.systemUTC()), args);
    }
}
