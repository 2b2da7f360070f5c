package dev.kolide.updater.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.updater.http.RepositoryPaths;
import dev.kolide.updater.http.ServerUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags, checked: every problem is an {@link IllegalArgumentException} naming the flag (a usage error, exit
 * 2), so nothing is fetched with a half-valid configuration. {@link #warnings()} lists what is allowed but weak.
 */
public record Settings(String gun, Path localRepo, ServerUrl notary, ServerUrl mirror, ClientTrust trust) {
    public Settings {
        requireNonNull(gun, "gun is null");
        requireNonNull(localRepo, "localRepo is null");
    }

    /** The GUN and local repository only (enough for {@code init}). */
    public static Settings local(RepositoryFlags flags) {
        return new Settings(gun(flags), localRepo(flags), null, null, null);
    }

    /** Everything {@code check} and {@code download} need. */
    public static Settings remote(RepositoryFlags repository, ServerFlags servers) {
        ServerUrl notary = ServerUrl.parse("--notary_url", servers.notaryUrl);
        ServerUrl mirror = ServerUrl.parse("--mirror_url", servers.mirrorUrl);
        return new Settings(gun(repository), localRepo(repository), notary, mirror, trust(servers));
    }

    private static String gun(RepositoryFlags flags) {
        if (flags.gun == null || flags.gun.isBlank()) {
            throw new IllegalArgumentException("--gun is required (e.g. --gun kolide/osqueryd, or "
                    + "KOLIDE_UPDATER_GUN)");
        }
        return RepositoryPaths.check("--gun", flags.gun.strip());
    }

    private static Path localRepo(RepositoryFlags flags) {
        if (flags.localRepo == null || flags.localRepo.isBlank()) {
            throw new IllegalArgumentException("--local_repo is required (a directory for the trusted metadata, "
                    + "or KOLIDE_UPDATER_LOCAL_REPO)");
        }
        return Path.of(flags.localRepo);
    }

    private static ClientTrust trust(ServerFlags flags) {
        boolean pem = flags.rootPem != null && !flags.rootPem.isBlank();
        if (flags.insecure && pem) {
            throw new IllegalArgumentException("--insecure and --root_pem contradict each other: choose one");
        }
        if (flags.insecure) {
            return ClientTrust.insecureSkipVerification();
        }
        if (!pem) {
            return ClientTrust.systemRoots();
        }
        Path file = Path.of(flags.rootPem);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--root_pem " + file + " is not a readable file");
        }
        try {
            return ClientTrust.rootsFromPem(file);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--root_pem " + file + ": " + e.getMessage(), e);
        }
    }

    /** What the user should hear about before anything is fetched. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (trust != null && trust.isInsecure()) {
            warnings.add("--insecure: TLS certificates are not verified (TUF signatures still are)");
        }
        if (notary != null && notary.isPlainHttp()) {
            warnings.add("--notary_url " + notary + " is plain HTTP (accepted for localhost only)");
        }
        if (mirror != null && mirror.isPlainHttp()) {
            warnings.add("--mirror_url " + mirror + " is plain HTTP (accepted for localhost only)");
        }
        return warnings;
    }
}
