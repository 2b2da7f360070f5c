/**
 * The services behind the REST API for people ({@code /api/v1/kolide/*}, {@code /api/v1/setup}): one interface
 * and one implementation per concern, in sub-packages ({@code sessions}, {@code users}, {@code setup},
 * {@code queries}, {@code packs}, {@code labels}, {@code hosts}, {@code targets}, {@code config},
 * {@code carves}); {@link dev.kolide.fleet.service.api.ApiServices} builds them all.
 *
 * <h2>Rules live here</h2>
 * Transports decode, call a service and encode; they decide nothing. Every method that acts for a person takes
 * the {@link dev.kolide.fleet.service.api.Viewer} that
 * {@link dev.kolide.fleet.service.api.sessions.SessionService#authenticate} returned and checks it first with
 * {@link dev.kolide.fleet.service.api.Access}: observers read, admins change; a user whose reset was forced
 * does nothing until they set a new password. Validation, the password rule and setup-once live here too.
 *
 * <h2>Failures</h2>
 * The services throw their own exceptions and the datastore's, never HTTP ones; the transport maps them:
 * <table>
 *   <caption>exception → meaning</caption>
 *   <tr><td>{@link dev.kolide.fleet.service.api.AuthenticationFailedException}</td><td>401</td></tr>
 *   <tr><td>{@link dev.kolide.fleet.service.api.PermissionDeniedException}</td><td>403</td></tr>
 *   <tr><td>{@link dev.kolide.fleet.datastore.NotFoundException}</td><td>404</td></tr>
 *   <tr><td>{@link dev.kolide.fleet.service.api.StateConflictException}, datastore ConflictException and
 *       AlreadyExistsException</td><td>409</td></tr>
 *   <tr><td>{@link dev.kolide.fleet.service.api.InvalidInputException}</td><td>422, one entry per field</td></tr>
 *   <tr><td>{@link dev.kolide.fleet.auth.LoginRateLimitedException}</td><td>429 with Retry-After</td></tr>
 * </table>
 *
 * <p>Nothing here logs a password, token, session key or enroll secret; records that carry one leave it out
 * of {@code toString()}.
 */
package dev.kolide.fleet.service.api;
