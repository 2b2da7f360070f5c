package dev.kolide.fleet.transport.http.api.users;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.service.api.users.NewUserInput;
import dev.kolide.fleet.service.api.users.UserChanges;
import dev.kolide.fleet.service.api.users.UserService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.api.ListParams;
import dev.kolide.fleet.transport.http.routing.JsonReply;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import java.util.Map;

/**
 * {@code users}, {@code users/{id}}, {@code users/{id}/enable|admin|require_password_reset},
 * {@code change_password} and {@code perform_required_password_reset}.
 */
public final class UserRoutes {

    /** {@code POST users}: an admin creates a user directly (Kolide's invite flow needs mail, which fleet lacks). */
    record CreateUserRequest(
            String username,
            String name,
            String email,
            String password,
            String position,
            String gravatarUrl,
            Boolean admin,
            Boolean ssoEnabled,
            Boolean forcePasswordReset) {

        @Override
        public String toString() {
            return "CreateUserRequest[username=" + username + "]";
        }
    }

    record ModifyUserRequest(
            String username, String name, String email, String position, String gravatarUrl, Boolean ssoEnabled) {}

    record AdminRequest(boolean admin) {}

    record EnableRequest(boolean enabled) {}

    record RequirePasswordResetRequest(boolean require) {}

    record ChangePasswordRequest(String oldPassword, String newPassword) {
        @Override
        public String toString() {
            return "ChangePasswordRequest[********]";
        }
    }

    record PerformRequiredPasswordResetRequest(String newPassword) {
        @Override
        public String toString() {
            return "PerformRequiredPasswordResetRequest[********]";
        }
    }

    private final UserService users;
    private final Authenticator auth;

    public UserRoutes(UserService users, Authenticator auth) {
        this.users = requireNonNull(users, "users is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.get("/users", request -> Map.of("users",
                users.list(auth.viewer(request), ListParams.page(request)).stream().map(UserJson::from).toList()));
        api.post("/users", request -> {
            CreateUserRequest body = Bodies.required(request, CreateUserRequest.class);
            return user(users.create(auth.viewer(request), new NewUserInput(body.username(), body.name(),
                    body.email(), body.password(), body.position(), body.gravatarUrl(), body.admin(),
                    body.ssoEnabled(), body.forcePasswordReset())));
        });
        api.get("/users/{id}", request ->
                user(users.get(auth.viewer(request), request.pathParams().getId("id"))));
        api.patch("/users/{id}", request -> {
            ModifyUserRequest body = Bodies.required(request, ModifyUserRequest.class);
            return user(users.modify(auth.viewer(request), request.pathParams().getId("id"), new UserChanges(
                    body.username(), body.name(), body.email(), body.position(), body.gravatarUrl(),
                    body.ssoEnabled())));
        });
        api.post("/users/{id}/admin", request -> user(users.setAdmin(auth.viewer(request),
                request.pathParams().getId("id"), Bodies.required(request, AdminRequest.class).admin())));
        api.post("/users/{id}/enable", request -> user(users.setEnabled(auth.viewer(request),
                request.pathParams().getId("id"), Bodies.required(request, EnableRequest.class).enabled())));
        api.post("/users/{id}/require_password_reset", request -> user(users.requirePasswordReset(
                auth.viewer(request), request.pathParams().getId("id"),
                Bodies.required(request, RequirePasswordResetRequest.class).require())));
        api.post("/change_password", request -> {
            ChangePasswordRequest body = Bodies.required(request, ChangePasswordRequest.class);
            users.changePassword(auth.viewer(request), body.oldPassword(), body.newPassword());
            return JsonReply.empty();
        });
        api.post("/perform_required_password_reset", request -> {
            PerformRequiredPasswordResetRequest body =
                    Bodies.required(request, PerformRequiredPasswordResetRequest.class);
            return user(users.performRequiredPasswordReset(auth.viewer(request), body.newPassword()));
        });
    }

    private static Map<String, UserJson> user(User user) {
        return Map.of("user", UserJson.from(user));
    }
}
