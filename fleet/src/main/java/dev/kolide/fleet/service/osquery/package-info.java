/**
 * The osquery side of fleet: what enrolled hosts ask for, whatever the transport. {@link
 * dev.kolide.fleet.service.osquery.OsqueryService} is the interface, {@link
 * dev.kolide.fleet.service.osquery.OsqueryServiceImpl} its one implementation, {@link
 * dev.kolide.fleet.service.osquery.OsqueryModule} builds it with its caches and actors.
 *
 * <ul>
 *   <li>{@code detail/}: Kolide Fleet's six detail queries, their exact SQL, and how their rows fill the host's
 *       inventory;</li>
 *   <li>{@code cache/}: the node key → host cache and the batched check-in times, which keep steady check-ins
 *       off the database;</li>
 *   <li>{@code snapshot/}: options, packs, targets and labels held in memory, reloaded every few seconds;</li>
 *   <li>{@code maintenance/}: host expiry and the clean-up of hosts that never sent details.</li>
 * </ul>
 *
 * <p>Rules: no JSON bodies or HTTP here (transports decode and encode); times come from the injected clock;
 * node keys, enroll secrets and carve session ids are never logged nor put in messages.
 */
package dev.kolide.fleet.service.osquery;
