package dev.kolide.pkgbuilder.init.sysv;

import dev.kolide.pkgbuilder.layout.InstallPaths;

/**
 * The SysV script {@code /etc/init.d/<id>-launcher} (Kolide's {@code init.sh}): LSB header, start-stop-daemon with a
 * pidfile. The launcher is a shell stub that execs java, so the pidfile, not the executable's name, finds the process.
 */
public final class SysvInitScript {
    private SysvInitScript() {}

    public static String serviceName(String identifier) {
        return identifier + "-launcher";
    }

    public static String render(String identifier, InstallPaths paths) {
        String name = serviceName(identifier);
        return "#!/bin/sh\n"
                + "### BEGIN INIT INFO\n"
                + "# Provides:          " + name + "\n"
                + "# Required-Start:    $remote_fs $network $syslog\n"
                + "# Required-Stop:     $remote_fs $network $syslog\n"
                + "# Default-Start:     2 3 4 5\n"
                + "# Default-Stop:      0 1 6\n"
                + "# Short-Description: The Kolide Launcher (" + identifier + ")\n"
                + "# Description:       Runs osqueryd under the launcher, enrolled with " + "its server.\n"
                + "### END INIT INFO\n"
                + "\n"
                + "NAME=" + name + "\n"
                + "DAEMON=" + paths.launcher() + "\n"
                + "FLAGS=" + paths.flagsFile() + "\n"
                + "PIDFILE=/run/$NAME.pid\n"
                + "\n"
                + "[ -x \"$DAEMON\" ] || exit 0\n"
                + "\n"
                + "case \"$1\" in\n"
                + "  start)\n"
                + "    echo \"Starting $NAME\"\n"
                + "    start-stop-daemon --start --quiet --background --make-pidfile --pidfile \"$PIDFILE\" \\\n"
                + "      --startas \"$DAEMON\" -- --config \"$FLAGS\"\n"
                + "    ;;\n"
                + "  stop)\n"
                + "    echo \"Stopping $NAME\"\n"
                + "    start-stop-daemon --stop --quiet --oknodo --retry 10 --pidfile \"$PIDFILE\"\n"
                + "    rm -f \"$PIDFILE\"\n"
                + "    ;;\n"
                + "  restart|force-reload)\n"
                + "    \"$0\" stop\n"
                + "    \"$0\" start\n"
                + "    ;;\n"
                + "  status)\n"
                + "    if start-stop-daemon --status --pidfile \"$PIDFILE\"; then\n"
                + "      echo \"$NAME is running\"\n"
                + "    else\n"
                + "      echo \"$NAME is not running\"\n"
                + "      exit 3\n"
                + "    fi\n"
                + "    ;;\n"
                + "  *)\n"
                + "    echo \"Usage: $0 {start|stop|restart|force-reload|status}\" >&2\n"
                + "    exit 3\n"
                + "    ;;\n"
                + "esac\n"
                + "exit 0\n";
    }
}
