package dev.kolide.launcher.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Shell scripts the tests run as osqueryd. */
final class Scripts {
    private final Path dir;

    Scripts(Path dir) {
        this.dir = dir;
    }

    /** This JVM's java and test classpath running {@link LiteOsqueryd}: osqueryd-lite with osqueryd's flags. */
    String execLite() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // surefire puts the test classpath (osqueryd-lite and its dependencies included) in java.class.path
        String classpath = System.getProperty("java.class.path");
        return "exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp '" + classpath + "' "
                + LiteOsqueryd.class.getName() + " \"$@\"\n";
    }

    /** osqueryd-lite itself. */
    Path osqueryd() throws IOException {
        return write("osqueryd", execLite());
    }

    /** osqueryd-lite with a {@code sleep 300} child it started, whose pid goes to {@code childPid}. */
    Path osquerydWithChild(Path childPid) throws IOException {
        return write("osqueryd-with-child", "sleep 300 &\necho $! > '" + childPid + "'\n" + execLite());
    }

    /** Appends a line to {@code counter} and exits with {@code code} at once. */
    Path exiting(int code, Path counter) throws IOException {
        return write("osqueryd-exits", "echo start >> '" + counter + "'\nexit " + code + "\n");
    }

    private Path write(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
