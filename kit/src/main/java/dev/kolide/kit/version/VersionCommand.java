package dev.kolide.kit.version;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code version} subcommand every program has: the long text form, or one JSON object with --json. */
@Command(name = "version", description = "Print the program's version and build information.", mixinStandardHelpOptions = true)
public final class VersionCommand implements Callable<Integer> {
    private final BuildInfo buildInfo;
    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean asJson;

    public VersionCommand(BuildInfo buildInfo, ObjectMapper json) {
        this.buildInfo = requireNonNull(buildInfo, "buildInfo is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (asJson) {
            try {
                out.println(json.writeValueAsString(buildInfo.toMap()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("encoding build info as JSON", e);
            }
        } else {
            out.print(buildInfo.toText());
        }
        out.flush();
        return 0;
    }
}
