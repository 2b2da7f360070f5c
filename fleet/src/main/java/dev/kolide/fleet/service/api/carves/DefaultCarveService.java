package dev.kolide.fleet.service.api.carves;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.CarveStore;
import dev.kolide.fleet.datastore.ConflictException;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.CarveMetadata;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.StateConflictException;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;

/** {@link CarveService} over the carve store. */
public final class DefaultCarveService implements CarveService {

    private final CarveStore carves;

    public DefaultCarveService(CarveStore carves) {
        this.carves = requireNonNull(carves, "carves is null");
    }

    @Override
    public List<CarveMetadata> list(Viewer viewer, Page page) {
        Access.requireActive(viewer);
        requireNonNull(page, "page is null");
        return page.list(carves::list);
    }

    @Override
    public CarveMetadata get(Viewer viewer, long id) {
        Access.requireActive(viewer);
        return find(id);
    }

    @Override
    public CarveContent open(Viewer viewer, long id) {
        Access.requireAdmin(viewer);
        CarveMetadata carve = find(id);
        if (carve.expired()) {
            throw new ConflictException("carve \"" + carve.name() + "\" has expired; its blocks were deleted");
        }
        if (!carve.isComplete()) {
            throw new StateConflictException("carve \"" + carve.name() + "\" is incomplete: " + carve.blocksReceived()
                    + " of " + carve.blockCount() + " blocks received");
        }
        return new CarveContent(carve, carves.openContent(id));
    }

    private CarveMetadata find(long id) {
        return carves.find(id).orElseThrow(() -> NotFoundException.of("carve", id));
    }
}
