package dev.kolide.fleet.service.api.carves;

import dev.kolide.fleet.domain.CarveMetadata;
import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;

/**
 * File carves osquery uploaded. Everyone sees the list; only admins download contents (a carve is a copy of
 * any file on a host: keys, password databases).
 */
public interface CarveService {

    List<CarveMetadata> list(Viewer viewer, Page page);

    CarveMetadata get(Viewer viewer, long id);

    /**
     * The reassembled file of a complete carve.
     *
     * @throws dev.kolide.fleet.service.api.StateConflictException while blocks are still missing
     * @throws dev.kolide.fleet.datastore.ConflictException once the carve has expired
     */
    CarveContent open(Viewer viewer, long id);
}
