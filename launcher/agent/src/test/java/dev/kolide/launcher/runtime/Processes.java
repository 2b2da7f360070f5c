package dev.kolide.launcher.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looks at processes through /proc (Linux), where ProcessHandle does not tell. */
final class Processes {
    private Processes() {}

    /** Alive and not a zombie: an orphan nobody reaps has exited all the same. */
    static boolean isAlive(long pid) {
        String state = stat(pid, 0);
        return state != null && !state.equals("Z") && !state.equals("X");
    }

    /** The process group id, or -1 when the process is gone. */
    static long processGroup(long pid) {
        String pgrp = stat(pid, 2);
        return pgrp == null ? -1 : Long.parseLong(pgrp);
    }

    /** Field {@code index} after the command name of /proc/pid/stat: 0 state, 1 ppid, 2 pgrp. */
    private static String stat(long pid, int index) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields[index];
        } catch (IOException e) {
            return null;
        }
    }

    static long readPid(Path pidfile) throws IOException {
        return Long.parseLong(Files.readString(pidfile, StandardCharsets.UTF_8).strip());
    }
}
