package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convert -f PACK.json}: an osquery pack file as fleet pack and query specs (YAML on stdout). */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Print an osquery pack file as fleet specs (a pack and its queries), for apply -f.")
final class ConvertCommand implements Callable<Integer> {
    private final Fleetctl fleetctl;

    @Option(names = "-f", required = true, paramLabel = "FILE", description = "The osquery pack (JSON).")
    private Path file;

    @Option(names = "--name", description = "The pack's name in fleet (default: the file name without extension).")
    private String name;

    ConvertCommand(Fleetctl fleetctl) {
        this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
    }

    @Override
    public Integer call() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("reading osquery pack " + file, e);
        }
        SpecFiles files = new SpecFiles();
        OsqueryPackConverter.Conversion conversion = new OsqueryPackConverter(files)
                .convert(text, name != null ? name : baseName(file), file.toString());
        conversion.warnings().forEach(w -> fleetctl.err().println("[!] " + w));
        fleetctl.out().print(files.toYaml(conversion.documents()));
        fleetctl.out().flush();
        return 0;
    }

    private static String baseName(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
