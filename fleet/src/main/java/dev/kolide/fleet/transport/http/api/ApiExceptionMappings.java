package dev.kolide.fleet.transport.http.api;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.livequery.LiveQueryUnavailableException;
import dev.kolide.fleet.transport.http.errors.ApiException;

import dev.kolide.fleet.auth.InvalidSessionTokenException;
import dev.kolide.fleet.auth.LoginRateLimitedException;
import dev.kolide.fleet.service.api.AuthenticationFailedException;
import dev.kolide.fleet.service.api.InvalidInputException;
import dev.kolide.fleet.service.api.PermissionDeniedException;
import dev.kolide.fleet.service.api.StateConflictException;
import dev.kolide.fleet.transport.http.errors.ConflictException;
import dev.kolide.fleet.transport.http.errors.ExceptionMappings;
import dev.kolide.fleet.transport.http.errors.FieldError;
import dev.kolide.fleet.transport.http.errors.ForbiddenException;
import dev.kolide.fleet.transport.http.errors.NotFoundException;
import dev.kolide.fleet.transport.http.errors.TooManyRequestsException;
import dev.kolide.fleet.transport.http.errors.UnauthorizedException;
import dev.kolide.fleet.transport.http.errors.ValidationException;
import java.time.Duration;

/**
 * How the REST API's service and datastore exceptions become HTTP errors. The router has one set of mappings
 * for every group, so the wiring adds these to the builder it shares with the osquery side:
 *
 * <pre>{@code
 * ExceptionMappings.Builder mappings = ExceptionMappings.builder();
 * ApiExceptionMappings.addServiceMappings(mappings);
 * ApiExceptionMappings.addDatastoreMappings(mappings);   // once, if the osquery side does not add its own
 * Router.Builder routes = Router.builder(codec, metrics).exceptionMappings(mappings.build());
 * }</pre>
 */
public final class ApiExceptionMappings {

    private ApiExceptionMappings() {}

    /** 401, 403, 409, 422, 429 and 503 (live queries unavailable) for the services' exceptions (and an untrusted session token: 401). */
    public static ExceptionMappings.Builder addServiceMappings(ExceptionMappings.Builder mappings) {
        requireNonNull(mappings, "mappings is null");
        return mappings
                .map(AuthenticationFailedException.class, e -> new UnauthorizedException(e.getMessage(), e))
                .map(InvalidSessionTokenException.class, e -> new UnauthorizedException(e.getMessage(), e))
                .map(PermissionDeniedException.class, e -> new ForbiddenException(e.getMessage(), e))
                .map(StateConflictException.class, e -> new ConflictException(e.getMessage(), e))
                .map(InvalidInputException.class, e -> new ValidationException(e.fields().stream()
                        .map(field -> new FieldError(field.name(), field.reason()))
                        .toList()))
                .map(LoginRateLimitedException.class, e ->
                        new TooManyRequestsException(e.getMessage(), Duration.ofSeconds(e.retryAfterSeconds())))
                // Live queries only: the rest of fleet works without the bus.
                .map(LiveQueryUnavailableException.class, e -> new ApiException(503, e.getMessage(), e));
    }

    /** 404 for NotFoundException; 409 for ConflictException and its AlreadyExistsException. */
    public static ExceptionMappings.Builder addDatastoreMappings(ExceptionMappings.Builder mappings) {
        requireNonNull(mappings, "mappings is null");
        return mappings
                .map(dev.kolide.fleet.datastore.NotFoundException.class, e -> new NotFoundException(e.getMessage(), e))
                .map(dev.kolide.fleet.datastore.ConflictException.class,
                        e -> new ConflictException(e.getMessage(), e));
    }

    /** Both sets, for a router that serves only the REST API (tests). */
    public static ExceptionMappings create() {
        return addDatastoreMappings(addServiceMappings(ExceptionMappings.builder())).build();
    }
}
