/**
 * What fleet's services store and read: one interface per concern ({@link dev.kolide.fleet.datastore.HostStore},
 * {@link dev.kolide.fleet.datastore.LabelStore} ...) and {@link dev.kolide.fleet.datastore.Datastore}, which hands
 * out all of them and owns the connection pool. {@code datastore.mysql} implements them on MySQL/MariaDB or an
 * embedded H2 in MySQL mode; {@code Migrations} there creates and upgrades the schema.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>{@code find...} returns {@link java.util.Optional#empty()} when nothing matches; methods that change or
 *       delete one named row throw {@link dev.kolide.fleet.datastore.NotFoundException} when it does not exist.</li>
 *   <li>A unique name, key or secret already taken: {@link dev.kolide.fleet.datastore.AlreadyExistsException}.
 *       An operation the stored state forbids (deleting a built-in label, a carve block out of order):
 *       {@link dev.kolide.fleet.datastore.ConflictException}. Both are {@code ConflictException}s.</li>
 *   <li>Anything else that fails in the database: {@link dev.kolide.fleet.datastore.DatastoreException},
 *       whose message says what was being done and whose cause is the driver's error.</li>
 *   <li>Times that carry meaning (seen times, "now" for statuses, cut-offs) are parameters, so services decide
 *       them from their injected clock; created/updated timestamps come from the datastore's own clock.
 *       Instants are stored in UTC with microsecond precision.</li>
 *   <li>Arguments are never null ({@link java.util.Objects#requireNonNull}) unless documented as nullable.</li>
 * </ul>
 */
package dev.kolide.fleet.datastore;
