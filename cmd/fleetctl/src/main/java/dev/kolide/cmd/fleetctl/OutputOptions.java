package dev.kolide.cmd.fleetctl;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --yaml} or {@code --json} instead of the table; YAML is what {@code apply -f} takes back. */
public final class OutputOptions {
    /** The two formats exclude each other. */
    static final class Format {
        @Option(names = "--yaml", description = "Print specs as YAML (what apply -f reads).")
        boolean yaml;

        @Option(names = "--json", description = "Print specs as JSON, one per line.")
        boolean json;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Format format;

    boolean yaml() {
        return format != null && format.yaml;
    }

    boolean json() {
        return format != null && format.json;
    }

    /** Prints {@code documents} as asked, or {@code table} when neither format was asked for. */
    void print(PrintWriter out, SpecFiles files, List<SpecDocument> documents, Table table) {
        if (json()) {
            out.print(files.toJsonLines(documents));
        } else if (yaml() || table == null) {
            out.print(files.toYaml(documents));
        } else {
            table.print(out);
        }
        out.flush();
    }
}
