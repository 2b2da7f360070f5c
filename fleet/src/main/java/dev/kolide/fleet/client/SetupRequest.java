package dev.kolide.fleet.client;

import static java.util.Objects.requireNonNull;

/**
 * The first-run setup: the admin to create, the organization, the address hosts reach fleet at, and optionally
 * the first enroll secret (the server makes one when null).
 */
public record SetupRequest(String username, String name, String email, String password, String orgName,
        String serverUrl, String enrollSecret) {

    public SetupRequest {
        requireNonNull(username, "username is null");
        requireNonNull(email, "email is null");
        requireNonNull(password, "password is null");
        requireNonNull(orgName, "orgName is null");
        requireNonNull(serverUrl, "serverUrl is null");
    }

    @Override
    public String toString() {
        return "SetupRequest[username=" + username + ", orgName=" + orgName + "]";
    }
}
