package dev.kolide.fleet.transport.http.errors;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns exceptions that are not {@link ApiException}s (the services' and datastore's own, say
 * {@code HostNotFoundException}) into API errors, by type. The wiring in main fills it in, so that services need
 * not know about HTTP:
 *
 * <pre>{@code
 * ExceptionMappings mappings = ExceptionMappings.builder()
 *         .map(HostNotFoundException.class, e -> new NotFoundException(e.getMessage()))
 *         .map(InvalidEnrollSecretException.class, e -> new NodeInvalidException(e.getMessage()))
 *         .map(DuplicateNameException.class, 409)
 *         .build();
 * }</pre>
 *
 * <p>A mapping for a class applies to its subclasses too; the most specific one wins (the thrown class, then
 * its interfaces, then its superclass and that one's interfaces, and so on). Only the thrown exception is looked
 * at, not its causes: a service that wraps a "not found" in its own exception has decided it is something else.
 */
public final class ExceptionMappings {

    private final Map<Class<?>, Function<Throwable, ApiException>> byType;

    private ExceptionMappings(Map<Class<?>, Function<Throwable, ApiException>> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** No mappings: only {@link ApiException}s are client errors; everything else is a 500. */
    public static ExceptionMappings none() {
        return new ExceptionMappings(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code failure} itself if it is an {@link ApiException}, else what its mapping makes of it, if any. */
    public Optional<ApiException> toApiException(Throwable failure) {
        requireNonNull(failure, "failure is null");
        if (failure instanceof ApiException api) {
            return Optional.of(api);
        }
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            Function<Throwable, ApiException> mapping = byType.get(type);
            if (mapping == null) {
                mapping = forInterfaces(type);
            }
            if (mapping != null) {
                ApiException mapped = mapping.apply(failure);
                if (mapped == null) {
                    throw new IllegalStateException("the exception mapping for " + type.getName() + " returned null");
                }
                return Optional.of(mapped);
            }
        }
        return Optional.empty();
    }

    private Function<Throwable, ApiException> forInterfaces(Class<?> type) {
        for (Class<?> implemented : type.getInterfaces()) {
            Function<Throwable, ApiException> mapping = byType.get(implemented);
            if (mapping != null) {
                return mapping;
            }
        }
        return null;
    }

    public static final class Builder {
        private final Map<Class<?>, Function<Throwable, ApiException>> byType = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Exceptions of {@code type} become what {@code mapping} returns. The type is an exception class, or an
         * interface that exceptions implement (a service's "not found" marker, say).
         */
        public <T> Builder map(Class<T> type, Function<? super T, ? extends ApiException> mapping) {
            requireNonNull(type, "type is null");
            requireNonNull(mapping, "mapping is null");
            if (!type.isInterface() && !Throwable.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is neither an exception nor an interface");
            }
            if (ApiException.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is already an API error; it needs no mapping");
            }
            if (byType.putIfAbsent(type, failure -> mapping.apply(type.cast(failure))) != null) {
                throw new IllegalArgumentException("there is already a mapping for " + type.getName());
            }
            return this;
        }

        /** Exceptions of {@code type} answer {@code status} with their own message. */
        public Builder map(Class<?> type, int status) {
            return map(type, failure -> {
                Throwable thrown = (Throwable) failure; // only exceptions are ever looked up
                return new ApiException(status, messageOf(thrown), thrown);
            });
        }

        public ExceptionMappings build() {
            return new ExceptionMappings(byType);
        }

        private static String messageOf(Throwable failure) {
            String message = failure.getMessage();
            return message == null || message.isBlank() ? "request refused" : message;
        }
    }
}
