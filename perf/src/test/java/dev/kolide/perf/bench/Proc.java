package dev.kolide.perf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** What Linux's /proc says about a process: CPU time, resident memory, children, and processes by name. */
final class Proc {
    /** USER_HZ: the unit of utime and stime in /proc/[pid]/stat; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Proc() {}

    /** User + system CPU seconds the process has used so far; 0 once it is gone. */
    static double cpuSeconds(long pid) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return 0;
        }
        // after "pid (comm) ": field 3 is state; utime and stime are fields 14 and 15 of the whole line
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** Resident set size in bytes (VmRSS), or empty once the process is gone. */
    static OptionalLong rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return OptionalLong.empty();
    }

    /** Direct children of {@code pid}. */
    static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        forEachProcess(other -> {
            String[] fields = statFields(other);
            if (fields != null && Long.parseLong(fields[1]) == pid) {
                children.add(other);
            }
        });
        return children;
    }

    /** Processes whose executable name (comm) is {@code name}, e.g. "mariadbd". */
    static List<Long> byName(String name) {
        List<Long> found = new ArrayList<>();
        forEachProcess(pid -> {
            try {
                String comm = Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
                if (comm.equals(name)) {
                    found.add(pid);
                }
            } catch (IOException gone) {
                // ended meanwhile
            }
        });
        return found;
    }

    /** CPU seconds of all processes named {@code name}. */
    static double cpuSecondsOf(String name) {
        return byName(name).stream().mapToDouble(Proc::cpuSeconds).sum();
    }

    private interface PidConsumer {
        void accept(long pid);
    }

    private static void forEachProcess(PidConsumer consumer) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> consumer.accept(Long.parseLong(name)));
        } catch (IOException e) {
            throw new IllegalStateException("listing /proc", e);
        }
    }

    /** The fields after "(comm) ", so that a comm with spaces does not shift them: [0] is the state. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
