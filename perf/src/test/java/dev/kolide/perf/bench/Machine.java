package dev.kolide.perf.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on. */
record Machine(int cores, String cpuModel, long memoryBytes, String os, String jdk, String mariadb, String redis) {

    static Machine read(String mysqlAddress) throws IOException, InterruptedException {
        String model = "unknown";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).strip();
                break;
            }
        }
        long memory = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memory = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        return new Machine(Runtime.getRuntime().availableProcessors(), model, memory, os, jdk,
                mariadbVersion(mysqlAddress), redisVersion());
    }

    private static String mariadbVersion(String address) {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + address + "/", "root", "");
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT VERSION()")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on " + address + " is needed: " + e.getMessage(), e);
        }
    }

    private static String redisVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(10, TimeUnit.SECONDS);
        int v = text.indexOf("v=");
        return v < 0 ? text : text.substring(v + 2, text.indexOf(' ', v) < 0 ? text.length() : text.indexOf(' ', v));
    }
}
