package dev.kolide.fleet.service.api.config;

import dev.kolide.fleet.domain.EnrollSecret;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;

/**
 * The enroll secret spec ({@code spec/enroll_secret}). Admins only, reading included: a secret lets anyone
 * enroll a host. Secrets are created or updated by name and never deleted, only deactivated.
 */
public interface EnrollSecretService {

    void apply(Viewer viewer, List<EnrollSecretInput> secrets);

    List<EnrollSecret> list(Viewer viewer);
}
