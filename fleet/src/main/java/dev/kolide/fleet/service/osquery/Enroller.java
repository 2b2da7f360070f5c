package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.datastore.EnrollSecretStore;
import dev.kolide.fleet.datastore.HostStore;
import dev.kolide.fleet.domain.EnrollSecret;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.service.osquery.cache.HostAuthCache;
import dev.kolide.fleet.service.osquery.detail.DetailQueries;
import dev.kolide.fleet.service.osquery.detail.HostDetails;

/**
 * Enrollment (Kolide Fleet's EnrollAgent): an active secret, a fresh node key, the host upserted by its
 * identifier, and what osquery sent in {@code host_details} stored right away, so that the host has a hostname
 * and platform from the start. Costs 3 statements (secrets, upsert, read back), 4 with host details.
 */
final class Enroller {
    /** The hosts.osquery_host_id column's length. */
    static final int MAX_HOST_IDENTIFIER = 255;

    private final EnrollSecretStore secrets;
    private final HostStore hosts;
    private final NodeKeys nodeKeys;
    private final DetailQueries details;
    private final HostAuthCache cache;

    Enroller(EnrollSecretStore secrets, HostStore hosts, NodeKeys nodeKeys, DetailQueries details,
            HostAuthCache cache) {
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.nodeKeys = requireNonNull(nodeKeys, "nodeKeys is null");
        this.details = requireNonNull(details, "details is null");
        this.cache = requireNonNull(cache, "cache is null");
    }

    Enrollment enroll(EnrollRequest request) {
        requireNonNull(request, "request is null");
        String identifier = request.hostIdentifier();
        if (identifier.isBlank()) {
            throw new InvalidOsqueryRequestException("host_identifier is missing");
        }
        if (identifier.length() > MAX_HOST_IDENTIFIER) {
            throw new InvalidOsqueryRequestException("host_identifier is longer than " + MAX_HOST_IDENTIFIER
                    + " characters");
        }
        if (request.enrollSecret().isEmpty()) {
            throw new HostAuthenticationException("enroll failed: no enroll secret");
        }
        // Every active secret is compared in constant time, through digests of equal length (see the store).
        EnrollSecret secret = secrets.findActiveMatching(request.enrollSecret())
                .orElseThrow(() -> new HostAuthenticationException("enroll failed: the enroll secret is not valid"));
        String nodeKey = nodeKeys.generate();
        Host host = hosts.enroll(identifier, nodeKey, secret.name());
        // The old key must stop working here at once (other nodes drop it when their entry expires).
        cache.evict(host.id());
        HostDetails updated = HostDetails.of(host.inventory(), host.intervals());
        details.ingestEnrollDetails(request.hostDetails(), updated);
        HostInventory inventory = updated.inventory();
        if (!inventory.equals(host.inventory())) {
            // detail_updated_at stays "never": the full detail queries still run at the first check-in.
            hosts.saveInventory(host.id(), inventory, host.detailUpdatedAt());
        }
        return new Enrollment(host.id(), nodeKey);
    }
}
