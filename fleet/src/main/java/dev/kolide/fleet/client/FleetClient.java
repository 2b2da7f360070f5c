package dev.kolide.fleet.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * fleet's REST API for people, typed: setup, login, the specs fleetctl applies and prints, app config, hosts,
 * deletes by name and starting a live query. One instance per endpoint and token; {@link #withToken} makes
 * another sharing the same connection pool. Thread-safe.
 */
public final class FleetClient {
    static final String API = "/api/v1/kolide";

    private final FleetEndpoint endpoint;
    private final HttpClient http;
    private final ObjectMapper json;
    private final String token;

    private FleetClient(FleetEndpoint endpoint, HttpClient http, ObjectMapper json, String token) {
        this.endpoint = endpoint;
        this.http = http;
        this.json = json;
        this.token = token;
    }

    /** A client of {@code endpoint} without credentials (for setup and login). */
    public static FleetClient connect(FleetEndpoint endpoint) {
        requireNonNull(endpoint, "endpoint is null");
        HttpClient http = HttpClientTls.configure(HttpClient.newBuilder(), endpoint.trust(), TlsProfile.MODERN)
                .connectTimeout(endpoint.timeout())
                .build();
        return new FleetClient(endpoint, http, FleetJson.mapper(), null);
    }

    /** This client sending {@code Authorization: Bearer token}. */
    public FleetClient withToken(String token) {
        requireNonNull(token, "token is null");
        return new FleetClient(endpoint, http, json, token);
    }

    public FleetEndpoint endpoint() {
        return endpoint;
    }

    HttpClient http() {
        return http;
    }

    ObjectMapper json() {
        return json;
    }

    String token() {
        return token;
    }

    // --- setup and sessions

    /** First-run setup; answers the admin's session. Refused by the server once any user exists. */
    public Session setup(SetupRequest request) {
        requireNonNull(request, "request is null");
        ObjectNode body = json.createObjectNode();
        body.putObject("admin").put("username", request.username()).put("name", request.name())
                .put("email", request.email()).put("password", request.password()).put("admin", true);
        body.putObject("org_info").put("org_name", request.orgName());
        body.put("kolide_server_url", request.serverUrl());
        if (request.enrollSecret() != null) {
            body.put("osquery_enroll_secret", request.enrollSecret());
        }
        JsonNode reply = call("setting up fleet", "POST", "/api/v1/setup", body, false);
        return new Session(convert(reply.path("admin"), User.class, "setting up fleet"),
                reply.path("token").asText());
    }

    /** Logs in with a username or email; answers the session whose token later calls carry. */
    public Session login(String usernameOrEmail, String password) {
        requireNonNull(usernameOrEmail, "usernameOrEmail is null");
        requireNonNull(password, "password is null");
        String doing = "logging in as " + usernameOrEmail;
        JsonNode reply = call(doing, "POST", API + "/login",
                Map.of("username", usernameOrEmail, "password", password), false);
        return new Session(convert(reply.path("user"), User.class, doing), reply.path("token").asText());
    }

    /** Ends this client's session on the server. */
    public void logout() {
        call("logging out", "POST", API + "/logout", Map.of(), true);
    }

    /** The user this client's token belongs to. */
    public User me() {
        return convert(call("asking who is logged in", "GET", API + "/me", null, true).path("user"), User.class,
                "asking who is logged in");
    }

    // --- specs

    public void applyQuerySpecs(List<QuerySpec> specs) {
        call("applying " + specs.size() + " query spec(s)", "POST", API + "/spec/queries",
                Map.of("specs", specs), true);
    }

    public List<QuerySpec> querySpecs() {
        return list("getting query specs", API + "/spec/queries", "specs", new TypeReference<>() {});
    }

    public void applyPackSpecs(List<PackSpec> specs) {
        call("applying " + specs.size() + " pack spec(s)", "POST", API + "/spec/packs", Map.of("specs", specs),
                true);
    }

    public List<PackSpec> packSpecs() {
        return list("getting pack specs", API + "/spec/packs", "specs", new TypeReference<>() {});
    }

    public void applyLabelSpecs(List<LabelSpec> specs) {
        call("applying " + specs.size() + " label spec(s)", "POST", API + "/spec/labels", Map.of("specs", specs),
                true);
    }

    public List<LabelSpec> labelSpecs() {
        return list("getting label specs", API + "/spec/labels", "specs", new TypeReference<>() {});
    }

    public void applyEnrollSecretSpec(EnrollSecretSpec spec) {
        requireNonNull(spec, "spec is null");
        call("applying the enroll secret spec", "POST", API + "/spec/enroll_secret", Map.of("spec", spec), true);
    }

    public EnrollSecretSpec enrollSecretSpec() {
        String doing = "getting the enroll secret spec";
        return convert(call(doing, "GET", API + "/spec/enroll_secret", null, true).path("specs"),
                EnrollSecretSpec.class, doing);
    }

    public void applyOptionsSpec(OptionsSpec spec) {
        requireNonNull(spec, "spec is null");
        call("applying the osquery options spec", "POST", API + "/spec/osquery_options", Map.of("spec", spec),
                true);
    }

    public OptionsSpec optionsSpec() {
        String doing = "getting the osquery options spec";
        return convert(call(doing, "GET", API + "/spec/osquery_options", null, true).path("spec"),
                OptionsSpec.class, doing);
    }

    // --- app config

    /** The app config ({@code org_info}, {@code server_settings} ...) as the server shows it. */
    public ObjectNode appConfig() {
        JsonNode reply = call("getting the app config", "GET", API + "/config", null, true);
        return reply.isObject() ? (ObjectNode) reply : json.createObjectNode();
    }

    /** Changes what {@code patch} names of the app config; answers the whole config after the change. */
    public ObjectNode modifyAppConfig(JsonNode patch) {
        requireNonNull(patch, "patch is null");
        JsonNode reply = call("changing the app config", "PATCH", API + "/config", patch, true);
        return reply.isObject() ? (ObjectNode) reply : json.createObjectNode();
    }

    // --- hosts

    /** Every host, page by page (the server pages at most {@value #PAGE_SIZE} at a time). */
    public List<Host> hosts() {
        List<Host> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Host> batch = list("listing hosts (page " + page + ")",
                    API + "/hosts?page=" + page + "&per_page=" + PAGE_SIZE, "hosts", new TypeReference<>() {});
            all.addAll(batch);
            if (batch.size() < PAGE_SIZE) {
                return all;
            }
        }
    }

    static final int PAGE_SIZE = 100;

    /** The host whose hostname, UUID or osquery host identifier is {@code identifier}. */
    public Host host(String identifier) {
        requireNonNull(identifier, "identifier is null");
        String doing = "getting host " + identifier;
        return convert(call(doing, "GET", API + "/hosts/identifier/" + segment(identifier), null, true)
                .path("host"), Host.class, doing);
    }

    // --- deletes by name

    public void deleteQuery(String name) {
        deleteByName("queries", "query", name);
    }

    public void deletePack(String name) {
        deleteByName("packs", "pack", name);
    }

    public void deleteLabel(String name) {
        deleteByName("labels", "label", name);
    }

    private void deleteByName(String collection, String what, String name) {
        requireNonNull(name, "name is null");
        call("deleting " + what + " " + name, "DELETE", API + "/" + collection + "/" + segment(name), null, true);
    }

    // --- live queries

    /**
     * Starts a live query of {@code sql} on the hosts and labels named; answers the campaign whose results
     * {@link LiveQueryStream#open} streams.
     */
    public Campaign runQueryByNames(String sql, List<String> hostnames, List<String> labels) {
        requireNonNull(sql, "sql is null");
        String doing = "starting a live query";
        JsonNode reply = call(doing, "POST", API + "/queries/run_by_names", Map.of("query", sql,
                "selected", Map.of("hosts", List.copyOf(hostnames), "labels", List.copyOf(labels))), true);
        return convert(reply.path("campaign"), Campaign.class, doing);
    }

    // --- plumbing

    private <T> List<T> list(String doing, String path, String field, TypeReference<List<T>> type) {
        JsonNode items = call(doing, "GET", path, null, true).path(field);
        if (items.isMissingNode() || items.isNull()) {
            return List.of();
        }
        try {
            return json.readerFor(type).readValue(items);
        } catch (IOException e) {
            throw new FleetClientException(doing + ": the answer's \"" + field + "\" is not what fleet sends", e);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type, String doing) {
        if (node.isMissingNode() || node.isNull()) {
            throw new FleetClientException(doing + ": the answer lacks the expected " + type.getSimpleName());
        }
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new FleetClientException(doing + ": the answer is not a " + type.getSimpleName(), e);
        }
    }

    /** Sends one request; answers the JSON body ({} when empty) or throws with the server's error message. */
    private JsonNode call(String doing, String method, String path, Object body, boolean authenticated) {
        if (authenticated && token == null) {
            throw new FleetClientException(doing + ": not logged in (run fleetctl login)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(endpoint.timeout())
                .header("Accept", "application/json");
        if (authenticated) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode reply = parse(doing, response);
            if (response.statusCode() / 100 != 2) {
                throw apiError(doing, response.statusCode(), reply);
            }
            return reply;
        } catch (IOException e) {
            throw new FleetClientException(doing + ": talking to fleet at " + endpoint.address(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetClientException(doing + ": interrupted", e);
        }
    }

    private JsonNode parse(String doing, HttpResponse<String> response) {
        String text = response.body();
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            if (response.statusCode() / 100 != 2) {
                // A proxy's HTML error page: the status is all there is to say.
                throw new FleetApiException(doing, response.statusCode(), null, List.of());
            }
            throw new FleetClientException(doing + ": fleet at " + endpoint.address() + " answered HTTP "
                    + response.statusCode() + " with something that is not JSON", e);
        }
    }

    private FleetApiException apiError(String doing, int status, JsonNode reply) {
        List<FleetApiException.Reason> reasons = new ArrayList<>();
        for (JsonNode error : reply.path("errors")) {
            reasons.add(new FleetApiException.Reason(error.path("name").asText(null),
                    error.path("reason").asText(null)));
        }
        return new FleetApiException(doing, status, reply.path("message").asText(null), reasons);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
