package dev.kolide.pkgbuilder.format.rpm;

import dev.kolide.pkgbuilder.format.PackageWriter;
import dev.kolide.pkgbuilder.layout.Entry;
import dev.kolide.pkgbuilder.layout.PackageSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.EnumSet;
import org.eclipse.packager.rpm.FileFlags;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.RpmVersion;
import org.eclipse.packager.rpm.build.BuilderContext;
import org.eclipse.packager.rpm.build.BuilderOptions;
import org.eclipse.packager.rpm.build.DigestAlgorithm;
import org.eclipse.packager.rpm.build.FileInformation;
import org.eclipse.packager.rpm.build.RpmBuilder;
import org.eclipse.packager.rpm.coding.PayloadCoding;
import org.eclipse.packager.rpm.deps.RpmDependencyFlags;

/**
 * An .rpm through Eclipse Packager's {@link RpmBuilder}: release 1, gzip payload, SHA-256 file digests,
 * {@code %config(noreplace)} for conffiles, Kolide's {@code Conflicts}/{@code Obsoletes: launcher} (fpm's
 * {@code --replaces}). Only the package's own directories are listed; rpm creates their parents. BUILDTIME
 * and BUILDHOST are pinned so the same inputs give the same bytes.
 */
public final class RpmWriter implements PackageWriter {
    /**
     * The launcher is a JVM program: require a Java 17+ headless runtime. Fedora/RHEL JREs provide
     * {@code jre-headless} with their version (java-17-openjdk-headless, java-21-openjdk-headless, ...).
     */
    static final String JAVA_REQUIRES = "jre-headless";
    static final String JAVA_MIN_VERSION = "17";
    static final String BUILD_HOST = "package-builder";

    @Override
    public void write(PackageSpec spec, Path out) throws IOException {
        Path dir = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".rpm");
        try {
            BuilderOptions options = new BuilderOptions();
            options.setPayloadCoding(PayloadCoding.GZIP);
            options.setFileDigestAlgorithm(DigestAlgorithm.SHA256);
            options.setFileNameProvider(RpmBuilderFileName.FIXED);
            String arch = spec.target().arch().rpmArch();
            Path written;
            try (RpmBuilder builder = new RpmBuilder(spec.name(), new RpmVersion(spec.version(), "1"), arch, dir,
                    options)) {
                describe(builder, spec);
                addEntries(builder, spec);
                Instant mtime = spec.mtime();
                builder.setHeaderCustomizer(header -> {
                    header.putInt(RpmTag.BUILDTIME, (int) mtime.getEpochSecond());
                    header.putString(RpmTag.BUILDHOST, BUILD_HOST);
                    // one changelog entry for this build: rpm -q --changelog says who made it and from what
                    header.putInt(RpmTag.CHANGELOG_TIMESTAMP, (int) mtime.getEpochSecond());
                    header.putStringArray(RpmTag.CHANGELOG_AUTHOR,
                            PackageSpec.MAINTAINER + " - " + spec.version() + "-1");
                    header.putStringArray(RpmTag.CHANGELOG_TEXT, "- built by package-builder for " + spec.identifier());
                });
                builder.build();
                written = builder.getTargetFile();
            }
            Files.move(written, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (RuntimeException e) {
            throw new IOException("writing rpm " + out.getFileName() + ": " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void describe(RpmBuilder builder, PackageSpec spec) {
        RpmBuilder.PackageInformation info = builder.getInformation();
        info.setSummary(spec.summary());
        info.setDescription(spec.description());
        info.setLicense(PackageSpec.LICENSE);
        info.setUrl(PackageSpec.HOMEPAGE);
        info.setVendor("Kolide");
        info.setPackager(PackageSpec.MAINTAINER);
        info.setGroup("Applications/System");
        info.setBuildHost(BUILD_HOST);
        info.setOperatingSystem("linux");
        builder.addRequirement(JAVA_REQUIRES, JAVA_MIN_VERSION, RpmDependencyFlags.GREATER, RpmDependencyFlags.EQUAL);
        for (String other : spec.replaces()) {
            builder.addConflicts(other, null);
            builder.addObsoletes(other, null);
        }
        spec.scripts().postinstall().ifPresent(script -> builder.setPostInstallationScript("/bin/sh", body(script)));
        spec.scripts().prerm().ifPresent(script -> builder.setPreRemoveScript("/bin/sh", body(script)));
        // the postrm only unregisters dpkg's rc.d links on purge: nothing for rpm, whose prerm runs chkconfig --del
    }

    /** rpm runs a script body with its own interpreter: drop the shebang line. */
    static String body(String script) {
        return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
    }

    private static void addEntries(RpmBuilder builder, PackageSpec spec) throws IOException {
        BuilderContext context = builder.newContext();
        for (Entry entry : spec.tree().entries()) {
            FileInformation info = new FileInformation();
            info.setUser(Entry.OWNER);
            info.setGroup(Entry.GROUP);
            info.setMode((short) entry.mode());
            info.setTimestamp(spec.mtime());
            // rpm distributions ship init scripts as plain files (rpmlint: executable-marked-as-config-file)
            if (entry.conffile() && !entry.path().startsWith("/etc/init.d/")) {
                info.setConfiguration(true);
                info.setFileFlags(EnumSet.of(FileFlags.CONFIGURATION, FileFlags.NOREPLACE));
            }
            if (entry.isDirectory()) {
                context.addDirectory(entry.path(), (name, object, type) -> info);
            } else {
                try (InputStream in = entry.content().open()) {
                    context.addFile(entry.path(), in, (name, object, type) -> info);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
