package dev.kolide.fleet.transport.http.api.setup;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.setup.SetupInput;
import dev.kolide.fleet.service.api.setup.SetupResult;
import dev.kolide.fleet.service.api.setup.SetupService;
import dev.kolide.fleet.service.api.users.NewUserInput;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.api.users.UserJson;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;

/** {@code POST /api/v1/setup}: first-run setup, without credentials, refused once a user exists. */
public final class SetupRoutes {

    record AdminRequest(String username, String name, String email, String password) {
        @Override
        public String toString() {
            return "AdminRequest[username=" + username + "]";
        }
    }

    record OrgInfo(String orgName, String orgLogoUrl) {}

    record SetupRequest(AdminRequest admin, OrgInfo orgInfo, String kolideServerUrl, String osqueryEnrollSecret) {
        @Override
        public String toString() {
            return "SetupRequest[admin=" + admin + "]";
        }
    }

    record SetupResponse(UserJson admin, OrgInfo orgInfo, String kolideServerUrl, String osqueryEnrollSecret,
            String token) {
        @Override
        public String toString() {
            return "SetupResponse[admin=" + admin.username() + "]";
        }
    }

    private final SetupService setup;

    public SetupRoutes(SetupService setup) {
        this.setup = requireNonNull(setup, "setup is null");
    }

    /** Registers {@code POST ""} on the {@code /api/v1/setup} group. */
    public void register(ApiRouteGroup group) {
        group.post("", request -> {
            SetupRequest body = Bodies.required(request, SetupRequest.class);
            AdminRequest admin = body.admin();
            OrgInfo org = body.orgInfo() == null ? new OrgInfo(null, null) : body.orgInfo();
            SetupResult result = setup.setup(new SetupInput(admin == null ? null : new NewUserInput(
                    admin.username(), admin.name(), admin.email(), admin.password(), null, null, true, false,
                    false), org.orgName(), org.orgLogoUrl(), body.kolideServerUrl(), body.osqueryEnrollSecret()));
            return new SetupResponse(UserJson.from(result.admin()),
                    new OrgInfo(result.config().orgName(), result.config().orgLogoUrl()),
                    result.config().serverUrl(), result.enrollSecret(), result.token());
        });
    }
}
