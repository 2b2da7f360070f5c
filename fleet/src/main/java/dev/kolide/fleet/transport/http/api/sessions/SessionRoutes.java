package dev.kolide.fleet.transport.http.api.sessions;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.Viewer;
import dev.kolide.fleet.service.api.sessions.LoginResult;
import dev.kolide.fleet.service.api.sessions.SessionService;
import dev.kolide.fleet.service.api.users.UserService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.api.users.UserJson;
import dev.kolide.fleet.transport.http.routing.JsonReply;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import java.util.Map;

/** {@code login}, {@code logout}, {@code me}, {@code sessions/{id}} and {@code users/{id}/sessions}. */
public final class SessionRoutes {

    /** {@code username} may be the username or the email. */
    record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    /** Kolide's answer to a login: the user and the token to send as {@code Authorization: Bearer}. */
    record LoginResponse(UserJson user, String token) {
        @Override
        public String toString() {
            return "LoginResponse[user=" + user.username() + "]";
        }
    }

    private final SessionService sessions;
    private final UserService users;
    private final Authenticator auth;

    public SessionRoutes(SessionService sessions, UserService users, Authenticator auth) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.users = requireNonNull(users, "users is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.post("/login", request -> {
            LoginRequest body = Bodies.required(request, LoginRequest.class);
            LoginResult result = sessions.login(Bodies.orEmpty(body.username()), Bodies.orEmpty(body.password()),
                    request.clientAddress().getHostAddress());
            return new LoginResponse(UserJson.from(result.user()), result.token());
        });
        api.post("/logout", request -> {
            sessions.logout(auth.viewer(request));
            return JsonReply.empty();
        });
        api.get("/me", request -> {
            Viewer viewer = auth.viewer(request);
            return Map.of("user", UserJson.from(users.me(viewer)));
        });
        api.get("/sessions/{id}", request -> SessionJson.from(
                sessions.get(auth.viewer(request), request.pathParams().getId("id"))));
        api.delete("/sessions/{id}", request -> {
            sessions.delete(auth.viewer(request), request.pathParams().getId("id"));
            return JsonReply.empty();
        });
        api.get("/users/{id}/sessions", request -> Map.of("sessions",
                sessions.listForUser(auth.viewer(request), request.pathParams().getId("id")).stream()
                        .map(SessionJson::from)
                        .toList()));
        api.delete("/users/{id}/sessions", request -> {
            sessions.deleteForUser(auth.viewer(request), request.pathParams().getId("id"));
            return JsonReply.empty();
        });
    }
}
