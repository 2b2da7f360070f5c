package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.integer;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * osquery's {@code processes} on Linux, from {@code /proc/<pid>/{stat,status,cmdline,exe,cwd,root,io}}. A
 * {@code pid = N} constraint reads only those processes. Times assume Linux's USER_HZ of 100.
 */
public final class ProcessesTable implements Table {
    static final long TICKS_PER_SECOND = 100;

    private final SystemFiles files;

    public ProcessesTable(SystemFiles files) {
        this.files = requireNonNull(files, "files is null");
    }

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(bigint("pid"), text("name"), text("path"), text("cmdline"), text("state"), text("cwd"),
                text("root"), bigint("uid"), bigint("gid"), bigint("euid"), bigint("egid"), bigint("suid"),
                bigint("sgid"), integer("on_disk"), bigint("wired_size"), bigint("resident_size"),
                bigint("total_size"), bigint("user_time"), bigint("system_time"), bigint("disk_bytes_read"),
                bigint("disk_bytes_written"), bigint("start_time"), bigint("parent"), bigint("pgroup"),
                integer("threads"), integer("nice"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        long bootTime = bootTime();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String pid : pids(context)) {
            process(pid, bootTime).ifPresent(rows::add);
        }
        return rows;
    }

    private Set<String> pids(QueryContext context) {
        List<String> wanted = context.constraintsOn("pid").equalities();
        Set<String> pids = new LinkedHashSet<>();
        if (!wanted.isEmpty()) {
            for (String pid : wanted) {
                if (pid.strip().matches("\\d+")) {
                    pids.add(pid.strip());
                }
            }
            return pids;
        }
        for (String name : files.list("/proc")) {
            if (name.matches("\\d+")) {
                pids.add(name);
            }
        }
        return pids;
    }

    long bootTime() {
        return Rows.parseLong(Rows.field(files.read("/proc/stat").orElse(""), "btime", ' '), 0);
    }

    private Optional<Map<String, String>> process(String pid, long bootTime) {
        String dir = "/proc/" + pid;
        Optional<String> stat = files.read(dir + "/stat");
        if (stat.isEmpty()) {
            return Optional.empty(); // ended meanwhile
        }
        String statText = stat.get();
        int close = statText.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        // Fields after "pid (comm) ": state is field 3 of stat(5), so index 0 here.
        String[] f = statText.substring(close + 2).strip().split("\\s+");
        String status = files.read(dir + "/status").orElse("");
        String[] uids = Rows.field(status, "Uid", ':').split("\\s+");
        String[] gids = Rows.field(status, "Gid", ':').split("\\s+");
        String exe = files.readLink(dir + "/exe");
        String io = files.read(dir + "/io").orElse("");
        String cmdline = files.read(dir + "/cmdline").orElse("").replace('\0', ' ').strip();
        String name = Rows.field(status, "Name", ':');
        if (name.isEmpty()) {
            name = statText.substring(statText.indexOf('(') + 1, close);
        }
        int onDisk = exe.isEmpty() ? -1 : exe.endsWith(" (deleted)") ? 0 : 1;
        long startTicks = Rows.parseLong(at(f, 19), -1);
        long startTime = startTicks < 0 || bootTime == 0 ? -1 : bootTime + startTicks / TICKS_PER_SECOND;
        return Optional.of(Rows.of(
                "pid", pid,
                "name", name,
                "path", exe.endsWith(" (deleted)") ? exe.substring(0, exe.length() - 10) : exe,
                "cmdline", cmdline,
                "state", at(f, 0),
                "cwd", files.readLink(dir + "/cwd"),
                "root", files.readLink(dir + "/root"),
                "uid", at(uids, 0), "gid", at(gids, 0),
                "euid", at(uids, 1), "egid", at(gids, 1),
                "suid", at(uids, 2), "sgid", at(gids, 2),
                "on_disk", onDisk,
                "wired_size", 0,
                "resident_size", kilobytes(Rows.field(status, "VmRSS", ':')),
                "total_size", kilobytes(Rows.field(status, "VmSize", ':')),
                "user_time", Rows.parseLong(at(f, 11), 0) * 1000 / TICKS_PER_SECOND,
                "system_time", Rows.parseLong(at(f, 12), 0) * 1000 / TICKS_PER_SECOND,
                "disk_bytes_read", io.isEmpty() ? "-1" : Rows.field(io, "read_bytes", ':'),
                "disk_bytes_written", io.isEmpty() ? "-1" : Rows.field(io, "write_bytes", ':'),
                "start_time", startTime,
                "parent", at(f, 1),
                "pgroup", at(f, 2),
                "threads", at(f, 17),
                "nice", at(f, 16)));
    }

    private static String at(String[] values, int index) {
        return index < values.length ? values[index] : "";
    }

    /** "1234 kB" → bytes; "" (kernel threads have no memory lines) → 0. */
    private static long kilobytes(String value) {
        String number = value.replace("kB", "").strip();
        return Rows.parseLong(number, 0) * 1024;
    }
}
