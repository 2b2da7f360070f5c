package dev.kolide.fleet.service.api.labels;

import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Viewer;
import dev.kolide.fleet.service.api.hosts.HostDetails;
import java.util.List;

/**
 * Labels. Everyone reads them; only admins change them. The built-in labels (All Hosts and one per platform)
 * cannot be changed or deleted (409).
 */
public interface LabelService {

    List<LabelDetails> list(Viewer viewer, Page page);

    LabelDetails get(Viewer viewer, long id);

    LabelDetails create(Viewer viewer, LabelInput input);

    /** Renames or re-describes a label (Kolide's PATCH changes nothing else); null leaves a field as it is. */
    LabelDetails modify(Viewer viewer, long id, String name, String description);

    void deleteByName(Viewer viewer, String name);

    void delete(Viewer viewer, long id);

    /** A page of the label's hosts. */
    List<HostDetails> listHosts(Viewer viewer, long id, Page page);

    /**
     * Creates or replaces each label by name. A spec for a built-in label is accepted when it matches the
     * label as it is (so that specs printed by {@link #specs} apply again) and refused otherwise.
     */
    void applySpecs(Viewer viewer, List<LabelSpec> specs);

    List<LabelSpec> specs(Viewer viewer);

    LabelSpec spec(Viewer viewer, String name);
}
