package dev.kolide.pkgbuilder.cli;

import dev.kolide.pkgbuilder.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The launcher to package when {@code --launcher_version} is not given: the one built with this package-builder.
 * In order: {@code launcher} or {@code launcher.jar} next to the package-builder (build/package-builder sits next to
 * build/launcher), {@code ../../launcher/target/launcher.jar} from its jar (cmd/package-builder/target), then
 * {@code cmd/launcher/target/launcher.jar} under the working directory.
 */
final class LauncherLocator {
    private LauncherLocator() {}

    static Path locate(Optional<Path> self, Path workingDir) {
        List<Path> candidates = new ArrayList<>();
        self.map(Path::toAbsolutePath).map(Path::getParent).ifPresent(dir -> {
            candidates.add(dir.resolve("launcher"));
            candidates.add(dir.resolve("launcher.jar"));
            candidates.add(dir.resolve("../../launcher/target/launcher.jar").normalize());
        });
        candidates.add(workingDir.resolve("cmd/launcher/target/launcher.jar"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
                return candidate;
            }
        }
        throw new BadInputException("--launcher_version not given and no launcher found in " + candidates
                + "; build one (make build) or pass --launcher_version=/path/to/launcher.jar");
    }
}
