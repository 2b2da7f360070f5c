package dev.kolide.pkgbuilder;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What goes into the packages, already checked ({@link dev.kolide.pkgbuilder.cli.MakeCommand} builds it from the
 * flags). Every target of one run is built from the same options.
 *
 * @param enrollSecret the secret written to {@code <conf>/secret}, unless {@code omitSecret}
 * @param launcher the launcher to install: a jar, a single-file program (stub + jar) or, for MSI, an .exe
 * @param mtime every entry's timestamp and the build time: {@code SOURCE_DATE_EPOCH} when set
 */
public record PackageOptions(
        String hostname,
        String enrollSecret,
        boolean omitSecret,
        String identifier,
        boolean insecure,
        boolean insecureTransport,
        String transport,
        String certPins,
        Optional<Path> rootPem,
        List<String> osqueryFlags,
        Path osqueryd,
        Path launcher,
        String packageVersion,
        String binRootDir,
        Instant mtime) {

    public PackageOptions {
        requireNonNull(hostname, "hostname is null");
        enrollSecret = enrollSecret == null ? "" : enrollSecret;
        requireNonNull(identifier, "identifier is null");
        transport = transport == null ? "" : transport;
        certPins = certPins == null ? "" : certPins;
        requireNonNull(rootPem, "rootPem is null");
        osqueryFlags = List.copyOf(osqueryFlags);
        requireNonNull(osqueryd, "osqueryd is null");
        requireNonNull(launcher, "launcher is null");
        requireNonNull(packageVersion, "packageVersion is null");
        requireNonNull(binRootDir, "binRootDir is null");
        requireNonNull(mtime, "mtime is null");
    }
}
