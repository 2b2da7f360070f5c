package dev.kolide.fleet.client;

/** A fleet user as the API shows one; {@code admin} false is an observer. */
public record User(long id, String username, String name, String email, boolean admin, boolean enabled) {}
