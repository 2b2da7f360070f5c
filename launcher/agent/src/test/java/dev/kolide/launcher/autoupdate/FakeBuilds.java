package dev.kolide.launcher.autoupdate;

import dev.kolide.launcher.runtime.LiteOsqueryd;
import java.nio.file.Path;

/** Bodies of the shell scripts the tests install as binaries. */
final class FakeBuilds {
    private FakeBuilds() {}

    /** Answers {@code --version} with {@code version} and exits 0; does nothing else. */
    static String versionOnly(String version) {
        return "if [ \"$1\" = --version ]; then echo '" + version + "'; exit 0; fi\nexit 0\n";
    }

    /** {@code --version} fails with code 3 and a message on stderr. */
    static String failingVersion() {
        return "echo 'error while loading shared libraries: libfoo.so' >&2\nexit 3\n";
    }

    /** {@code --version} never returns. */
    static String hanging() {
        return "exec sleep 60\n";
    }

    /**
     * osqueryd-lite ({@link LiteOsqueryd} on this JVM's class path) reporting {@code uuid} as its
     * {@code system_info.uuid}, so a query tells which build runs; {@code --version} prints {@code version}.
     */
    static String liteOsqueryd(String version, String uuid) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "if [ \"$1\" = --version ]; then echo 'osqueryd version " + version + "'; exit 0; fi\n"
                + "exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp '"
                + System.getProperty("java.class.path") + "' " + LiteOsqueryd.class.getName()
                + " \"$@\" --lite_host_uuid=" + uuid + "\n";
    }

    /** Passes {@code --version}, then exits at once whenever it is started as osqueryd. */
    static String exitsAtStart(String version) {
        return "if [ \"$1\" = --version ]; then echo '" + version + "'; exit 0; fi\necho 'Segmentation fault' >&2\n"
                + "exit 139\n";
    }
}
