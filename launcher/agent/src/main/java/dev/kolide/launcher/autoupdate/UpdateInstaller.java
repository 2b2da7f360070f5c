package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs one binary's update from a staged {@code .tar.gz} (reference §1.7): unpacks it safely into a staging
 * directory beside the installed versions, finds {@code <binary>} (or {@code <binary>.exe}) at the top or one
 * directory deep, makes it executable, runs {@code <binary> --version} (5 s), and only then renames the directory
 * into place as {@code <updatesDir>/<unix-seconds>/} in one atomic step, so a crash or a refusal never leaves a
 * half-installed version that would be chosen. Then all but the two newest versions are removed.
 */
public final class UpdateInstaller {
    /** Staging directories start with this; {@link InstalledUpdates} ignores them and prunes leftovers. */
    static final String STAGING_PREFIX = ".staging-";
    static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);
    static final int VERSIONS_KEPT = 2;

    private final Logger log = LoggerFactory.getLogger(UpdateInstaller.class);
    private final String binary;
    private final InstalledUpdates installed;
    private final TarGzExtractor extractor;
    private final VersionCheck versionCheck;
    private final Clock clock;

    public UpdateInstaller(String binary, Path updatesDir, Clock clock) {
        this(binary, updatesDir, ArchiveLimits.defaults(), VERSION_TIMEOUT, clock);
    }

    public UpdateInstaller(String binary, Path updatesDir, ArchiveLimits limits, Duration versionTimeout,
            Clock clock) {
        this.binary = requireNonNull(binary, "binary is null");
        this.installed = new InstalledUpdates(updatesDir, binary);
        this.extractor = new TarGzExtractor(limits);
        this.versionCheck = new VersionCheck(versionTimeout);
        this.clock = requireNonNull(clock, "clock is null");
    }

    public InstalledUpdates installed() {
        return installed;
    }

    /**
     * Installs the binary in {@code archive}; returns the installed binary's path.
     *
     * @throws UpdateRefusedException when the archive or the binary in it is refused; nothing is left installed
     * @throws UpdateFailedException when the updates directory cannot be written
     */
    public Path install(Path archive) throws UpdateFailedException {
        requireNonNull(archive, "archive is null");
        Path updatesDir = installed.updatesDir();
        Path staging;
        try {
            Files.createDirectories(updatesDir);
            staging = Files.createTempDirectory(updatesDir, STAGING_PREFIX);
        } catch (IOException e) {
            throw new UpdateFailedException("preparing to install " + binary + " in " + updatesDir + ": " + e, e);
        }
        try {
            extractor.extract(archive, staging);
            Path found = findBinary(staging);
            makeExecutable(found);
            String version = versionCheck.check(found, updatesDir);
            Path versionDir = moveIntoPlace(found.getParent());
            Path binaryPath = versionDir.resolve(found.getFileName());
            log.atInfo().addKeyValue("binary", binary).addKeyValue("path", binaryPath)
                    .addKeyValue("version", firstLine(version)).log("installed update");
            installed.prune(VERSIONS_KEPT);
            return binaryPath;
        } catch (UpdateRefusedException e) {
            log.atWarn().addKeyValue("binary", binary).addKeyValue("archive", archive.getFileName())
                    .addKeyValue("reason", e.getMessage()).log("refused update");
            throw e;
        } finally {
            deleteQuietly(staging);
        }
    }

    /** {@code <binary>} at the top of the archive, else in exactly one of its directories. */
    private Path findBinary(Path staging) throws UpdateRefusedException {
        Path top = binaryIn(staging);
        if (top != null) {
            return top;
        }
        List<Path> nested = new ArrayList<>();
        try (Stream<Path> entries = Files.list(staging)) {
            for (Path dir : entries.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .toList()) {
                Path candidate = binaryIn(dir);
                if (candidate != null) {
                    nested.add(candidate);
                }
            }
        } catch (IOException e) {
            throw new UpdateRefusedException("looking for " + binary + " in the archive: " + e, e);
        }
        if (nested.size() == 1) {
            return nested.get(0);
        }
        throw new UpdateRefusedException(nested.isEmpty()
                ? "archive holds no " + binary + " (at its top or one directory deep)"
                : "archive holds " + binary + " in " + nested.size() + " directories: which one is meant is unclear");
    }

    private Path binaryIn(Path dir) throws UpdateRefusedException {
        for (String name : List.of(binary, binary + ".exe")) {
            Path candidate = dir.resolve(name);
            if (Files.isSymbolicLink(candidate)) {
                throw new UpdateRefusedException("archive's " + name + " is a link, not the binary");
            }
            if (TarGzExtractor.isPlainFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void makeExecutable(Path file) throws UpdateRefusedException {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UpdateRefusedException("making " + file.getFileName() + " executable: " + e, e);
        }
    }

    /**
     * Renames the directory holding the binary to {@code <unix-seconds>} (the next free second when two updates
     * land in the same one): one rename, so the version appears complete or not at all.
     */
    private Path moveIntoPlace(Path binaryDir) throws UpdateFailedException {
        long seconds = clock.instant().getEpochSecond();
        Path updatesDir = installed.updatesDir();
        for (int attempt = 0; attempt < 100; attempt++) {
            Path target = updatesDir.resolve(Long.toString(seconds + attempt));
            if (Files.exists(target)) {
                continue;
            }
            try {
                return Files.move(binaryDir, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken between the check and the rename: try the next second
            } catch (IOException e) {
                throw new UpdateFailedException("moving " + binary + " into place as " + target + ": " + e, e);
            }
        }
        throw new UpdateFailedException("no free version directory for " + binary + " in " + updatesDir);
    }

    private void deleteQuietly(Path dir) {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            log.atWarn().addKeyValue("dir", dir).addKeyValue("error", e.toString())
                    .log("could not remove an update's staging directory; it goes at the next install");
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
