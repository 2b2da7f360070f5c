package dev.kolide.fleet.service.api.packs;

import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;

/** Packs of scheduled queries and their targets. Everyone reads them; only admins change them. */
public interface PackService {

    List<PackDetails> list(Viewer viewer, Page page);

    PackDetails get(Viewer viewer, long id);

    /** A new pack; the name is required and unique, target ids must exist. */
    PackDetails create(Viewer viewer, PackInput input);

    PackDetails modify(Viewer viewer, long id, PackInput changes);

    void deleteByName(Viewer viewer, String name);

    void delete(Viewer viewer, long id);

    /** The pack's scheduled queries, by name. */
    List<ScheduledQueryDetails> listScheduled(Viewer viewer, long packId);

    /**
     * Creates or updates each pack by name, replacing its label targets (host targets are dropped, as in
     * Kolide) and its whole schedule. Every spec is checked first (label and query names must exist), then
     * applied pack by pack.
     */
    void applySpecs(Viewer viewer, List<PackSpec> specs);

    List<PackSpec> specs(Viewer viewer);

    PackSpec spec(Viewer viewer, String name);
}
