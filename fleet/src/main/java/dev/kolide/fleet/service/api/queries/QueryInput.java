package dev.kolide.fleet.service.api.queries;

/**
 * A query's fields as a client sends them: to create one ({@code POST queries}), to change one
 * ({@code PATCH queries/{id}}, where null leaves a field as it is) or as a spec ({@code spec/queries}).
 */
public record QueryInput(String name, String description, String query) {
}
