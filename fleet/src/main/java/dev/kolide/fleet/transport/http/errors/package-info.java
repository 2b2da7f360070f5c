/**
 * What an HTTP error says and in which shape. Handlers and services throw {@link
 * dev.kolide.fleet.transport.http.errors.ApiException} subclasses (or their own exceptions, mapped by {@link
 * dev.kolide.fleet.transport.http.errors.ExceptionMappings}); the router answers them in the {@link
 * dev.kolide.fleet.transport.http.errors.ErrorStyle} of the route's group:
 *
 * <table>
 *   <caption>exception → status</caption>
 *   <tr><td>BadRequestException</td><td>400</td></tr>
 *   <tr><td>UnauthorizedException, NodeInvalidException</td><td>401 (osquery style adds "node_invalid": true
 *       for the latter)</td></tr>
 *   <tr><td>ForbiddenException</td><td>403</td></tr>
 *   <tr><td>NotFoundException</td><td>404</td></tr>
 *   <tr><td>MethodNotAllowedException</td><td>405 + Allow (the router's own)</td></tr>
 *   <tr><td>ConflictException</td><td>409</td></tr>
 *   <tr><td>PayloadTooLargeException</td><td>413</td></tr>
 *   <tr><td>ValidationException</td><td>422, one reason per field</td></tr>
 *   <tr><td>TooManyRequestsException</td><td>429 + Retry-After</td></tr>
 *   <tr><td>ApiException(status, message)</td><td>any other 4xx/5xx</td></tr>
 *   <tr><td>anything else</td><td>500, "internal server error (request id ...)", logged once with its stack</td></tr>
 * </table>
 *
 * <p>Nothing here knows about Jetty: services may throw these without depending on the server.
 */
package dev.kolide.fleet.transport.http.errors;
