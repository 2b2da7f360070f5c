package dev.kolide.fleet.service.api.config;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.EnrollSecretStore;
import dev.kolide.fleet.domain.EnrollSecret;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.Problems;
import dev.kolide.fleet.service.api.Viewer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link EnrollSecretService} over the enroll secret store. */
public final class DefaultEnrollSecretService implements EnrollSecretService {

    private final EnrollSecretStore store;

    public DefaultEnrollSecretService(EnrollSecretStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public void apply(Viewer viewer, List<EnrollSecretInput> secrets) {
        Access.requireAdmin(viewer);
        requireNonNull(secrets, "secrets is null");
        Problems problems = new Problems();
        Set<String> names = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < secrets.size(); i++) {
            String prefix = "spec.secrets[" + i + "]";
            EnrollSecretInput secret = secrets.get(i);
            if (secret == null) {
                problems.add(prefix, "cannot be null");
                continue;
            }
            problems.requireText(prefix + ".name", secret.name()).limitLength(prefix + ".name", secret.name(), 255)
                    .requireText(prefix + ".secret", secret.secret())
                    .limitLength(prefix + ".secret", secret.secret(), 255);
            if (secret.name() != null && !names.add(secret.name())) {
                problems.add(prefix + ".name", "appears twice in the spec");
            }
            if (secret.secret() != null && !secret.secret().isBlank() && !values.add(secret.secret())) {
                // Never echo the secret itself.
                problems.add(prefix + ".secret", "is the same as another secret in the spec");
            }
        }
        problems.throwIfAny();
        List<EnrollSecret> toApply = new ArrayList<>();
        for (EnrollSecretInput secret : secrets) {
            toApply.add(new EnrollSecret(secret.name(), secret.secret(), !Boolean.FALSE.equals(secret.active())));
        }
        store.apply(toApply);
    }

    @Override
    public List<EnrollSecret> list(Viewer viewer) {
        Access.requireAdmin(viewer);
        return store.list();
    }
}
