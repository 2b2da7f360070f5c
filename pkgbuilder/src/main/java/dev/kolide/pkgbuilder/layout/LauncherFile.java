package dev.kolide.pkgbuilder.layout;

import dev.kolide.pkgbuilder.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a launcher input is, told by its first bytes, and the content to install for it. */
public enum LauncherFile {
    /** A runnable jar (cmd/launcher/target/launcher.jar): installed behind the shell stub. */
    JAR,
    /** A single-file program (build/launcher): already a shell stub followed by the jar. */
    SCRIPT,
    /** A Windows executable (MZ header): what a Windows service needs. */
    WINDOWS_EXE;

    /** Reads the first bytes of {@code path}; anything else is a {@link BadInputException}. */
    public static LauncherFile detect(Path path) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new BadInputException("--launcher_version: cannot read launcher " + path + ": " + e, e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return JAR;
        }
        if (n >= 2 && head[0] == '#' && head[1] == '!') {
            return SCRIPT;
        }
        if (n >= 2 && head[0] == 'M' && head[1] == 'Z') {
            return WINDOWS_EXE;
        }
        throw new BadInputException("--launcher_version: " + path + " is neither a launcher jar, a single-file "
                + "launcher (build/launcher) nor a Windows executable");
    }
}
