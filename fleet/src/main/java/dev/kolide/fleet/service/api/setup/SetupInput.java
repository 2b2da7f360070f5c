package dev.kolide.fleet.service.api.setup;

import dev.kolide.fleet.service.api.users.NewUserInput;

/**
 * First-run setup ({@code POST /api/v1/setup}): the first admin, the organization, the URL fleet is reached at,
 * and optionally the enroll secret hosts will present. Null means not given.
 */
public record SetupInput(
        NewUserInput admin, String orgName, String orgLogoUrl, String serverUrl, String enrollSecret) {

    /** Leaves out the password and the enroll secret. */
    @Override
    public String toString() {
        return "SetupInput[admin=" + admin + ", orgName=" + orgName + ", serverUrl=" + serverUrl + "]";
    }
}
