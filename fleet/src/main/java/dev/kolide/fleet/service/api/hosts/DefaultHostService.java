package dev.kolide.fleet.service.api.hosts;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.HostStore;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostStatus;
import dev.kolide.fleet.domain.HostSummary;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Viewer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/** {@link HostService} over the host and label stores. */
public final class DefaultHostService implements HostService {

    /** Kolide's UI orders by {@code host_name}, the column's old name. */
    private static final Map<String, String> ORDER_KEY_ALIASES = Map.of("host_name", "hostname");

    private final HostStore hosts;
    private final HostDetailsLoader details;
    private final Clock clock;
    private final LongConsumer onHostDeleted;

    /**
     * @param onHostDeleted called with a host's id after it is deleted; the wiring passes the osquery side's
     *     authentication-cache eviction, so that the deleted host's node key is refused at once on this node
     */
    public DefaultHostService(HostStore hosts, HostDetailsLoader details, Clock clock, LongConsumer onHostDeleted) {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.details = requireNonNull(details, "details is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.onHostDeleted = requireNonNull(onHostDeleted, "onHostDeleted is null");
    }

    @Override
    public List<HostDetails> list(Viewer viewer, Page page, HostStatus status) {
        Access.requireActive(viewer);
        requireNonNull(page, "page is null");
        List<Host> found = status == null
                ? page.list(ORDER_KEY_ALIASES, hosts::list)
                : page.list(ORDER_KEY_ALIASES, options -> hosts.listByStatus(status, clock.instant(), options));
        return details.load(found);
    }

    @Override
    public HostSummary summary(Viewer viewer) {
        Access.requireActive(viewer);
        return hosts.summary(clock.instant());
    }

    @Override
    public HostDetails get(Viewer viewer, long id) {
        Access.requireActive(viewer);
        return details.load(hosts.find(id).orElseThrow(() -> NotFoundException.of("host", id)));
    }

    @Override
    public HostDetails getByIdentifier(Viewer viewer, String identifier) {
        Access.requireActive(viewer);
        requireNonNull(identifier, "identifier is null");
        return details.load(hosts.findByIdentifier(identifier)
                .orElseThrow(() -> NotFoundException.of("host with identifier", identifier)));
    }

    @Override
    public void delete(Viewer viewer, long id) {
        Access.requireAdmin(viewer);
        hosts.delete(id);
        onHostDeleted.accept(id);
    }
}
