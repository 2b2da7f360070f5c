package dev.kolide.fleet.transport.http.osquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.service.osquery.CarveBegin;
import dev.kolide.fleet.service.osquery.Enrollment;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import dev.kolide.fleet.transport.http.RawHttps;
import dev.kolide.fleet.transport.http.RawHttps.RawResponse;
import dev.kolide.fleet.transport.http.TestHttpServer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, endpoint by endpoint: what the client gets back (status, osquery-style {@code {"error"}} with
 * node_invalid only for refused keys and secrets, never a stack trace), and a few loose-but-valid shapes osquery
 * versions send that must be accepted. Bodies name {@code $KEY} (a valid node key) and {@code $SESSION} (a carve
 * session of one 10-byte block, request id "r").
 */
@Timeout(120)
class OsqueryBadInputHttpTest extends OsqueryDatabaseTestBase {
    private static final int MIB = 1024 * 1024;

    private TestHttpServer server;
    private OsqueryHttpClient osqueryd;
    private String nodeKey;
    private String sessionId;

    /** The request's body, given the valid node key and carve session id. */
    record Body(Function<Body.Context, byte[]> make) {
        record Context(String nodeKey, String sessionId) {}

        static Body json(String template) {
            return new Body(ctx -> template.replace("$KEY", ctx.nodeKey()).replace("$SESSION", ctx.sessionId())
                    .getBytes(StandardCharsets.UTF_8));
        }

        /** {@code {"node_key": ..., "<field>": "xxx..."}}, {@code bytes} long in all. */
        static Body padded(String fields, int bytes) {
            return new Body(ctx -> {
                String head = "{\"node_key\":\"" + ctx.nodeKey() + "\"," + fields + ",\"padding\":\"";
                return (head + "x".repeat(Math.max(0, bytes - head.length() - 2)) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            });
        }

        static Body gzip(Body inner) {
            return new Body(ctx -> OsqueryHttpClient.gzip(inner.make().apply(ctx)));
        }
    }

    @BeforeEach
    void startServer() {
        server = TestHttpServer.builder()
                .setup(setup -> OsqueryRoutes.register(setup.routes(), service, setup.codec()))
                .start();
        osqueryd = new OsqueryHttpClient(server);
        Enrollment enrollment = enroll("uuid-1", "web-01");
        nodeKey = enrollment.nodeKey();
        sessionId = service.carveBegin(service.authenticate(nodeKey), new CarveBegin(1, 10, 10, "c", "r")).sessionId();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static Arguments bad(String name, String path, Body body, int status, String error) {
        return Arguments.of(name, path, body, status, error, false);
    }

    private static Arguments invalidNode(String name, String path, Body body) {
        return Arguments.of(name, path, body, 401, "", true);
    }

    private static Arguments accepted(String name, String path, Body body) {
        return Arguments.of(name, path, body, 200, null, false);
    }

    static Stream<Arguments> cases() {
        String detailsOk = "\"enroll_secret\":\"" + SECRET + "\",\"host_identifier\":\"uuid-9\"";
        return Stream.of(
                // enroll
                bad("enroll: malformed JSON", "/enroll", Body.json("{\"enroll_secret\":"), 400, "invalid JSON"),
                bad("enroll: not an object", "/enroll", Body.json("[1,2]"), 400, "the request body must be an object"),
                bad("enroll: empty body", "/enroll", Body.json(""), 400, "the request body is empty"),
                bad("enroll: secret as a number", "/enroll", Body.json("{\"enroll_secret\":5,\"host_identifier\":\"x\"}"),
                        400, "field enroll_secret must be a string"),
                invalidNode("enroll: wrong secret", "/enroll",
                        Body.json("{\"enroll_secret\":\"guess\",\"host_identifier\":\"x\"}")),
                invalidNode("enroll: no secret", "/enroll", Body.json("{\"host_identifier\":\"x\"}")),
                bad("enroll: no host identifier", "/enroll", Body.json("{\"enroll_secret\":\"" + SECRET + "\"}"), 400,
                        "host_identifier is missing"),
                bad("enroll: host_details an array", "/enroll", Body.json("{" + detailsOk + ",\"host_details\":[1]}"),
                        400, "host_details must be an object"),
                bad("enroll: a host_details table a string", "/enroll",
                        Body.json("{" + detailsOk + ",\"host_details\":{\"os_version\":\"ubuntu\"}}"), 400,
                        "host_details.os_version must be an object of column values"),
                accepted("enroll: platform_type as a number, values as numbers", "/enroll", Body.json("{" + detailsOk
                        + ",\"platform_type\":9,\"host_details\":{\"system_info\":{\"hostname\":\"h\","
                        + "\"cpu_logical_cores\":8}}}")),
                accepted("enroll: gzipped", "/enroll", Body.gzip(Body.json("{" + detailsOk + "}"))),
                bad("enroll: corrupt gzip", "/enroll", new Body(ctx -> new byte[] {31, -117, 8, 0, 1, 2, 3}), 400,
                        "not valid gzip"),
                bad("enroll: over 1 MiB", "/enroll", Body.padded(detailsOk, MIB + 1), 413, "at most 1048576"),
                // config
                invalidNode("config: no node key", "/config", Body.json("{}")),
                invalidNode("config: unknown node key", "/config", Body.json("{\"node_key\":\"nope\"}")),
                bad("config: node key as a number", "/config", Body.json("{\"node_key\":12}"), 400,
                        "field node_key must be a string"),
                bad("config: trailing garbage", "/config", Body.json("{\"node_key\":\"$KEY\"} {}"), 400,
                        "more than one JSON value"),
                bad("config: over 1 MiB", "/config", Body.padded("\"x\":1", MIB + 1), 413, "at most 1048576"),
                // log
                bad("log: unknown log_type", "/log", Body.json("{\"node_key\":\"$KEY\",\"log_type\":\"nonsense\","
                        + "\"data\":[]}"), 400, "unknown log_type \"nonsense\"; expected result or status"),
                bad("log: no log_type", "/log", Body.json("{\"node_key\":\"$KEY\",\"data\":[]}"), 400,
                        "unknown log_type"),
                bad("log: data an object", "/log", Body.json("{\"node_key\":\"$KEY\",\"log_type\":\"result\","
                        + "\"data\":{}}"), 400, "data must be an array of log entries"),
                bad("log: no data", "/log", Body.json("{\"node_key\":\"$KEY\",\"log_type\":\"status\"}"), 400,
                        "data must be an array"),
                invalidNode("log: unknown node key", "/log",
                        Body.json("{\"node_key\":\"nope\",\"log_type\":\"result\",\"data\":[]}")),
                accepted("log: 2 MiB is within its 10 MiB", "/log", Body.padded("\"log_type\":\"status\",\"data\":[]",
                        2 * MIB)),
                bad("log: over 10 MiB", "/log", Body.padded("\"log_type\":\"status\",\"data\":[]", 10 * MIB + 1), 413,
                        "at most 10485760"),
                bad("log: gzip inflating past 10 MiB", "/log", Body.gzip(Body.padded("\"log_type\":\"status\","
                        + "\"data\":[]", 11 * MIB)), 413, "decompresses to more than"),
                // distributed/read
                invalidNode("read: unknown node key", "/distributed/read", Body.json("{\"node_key\":\"nope\"}")),
                bad("read: malformed", "/distributed/read", Body.json("{node_key: 1}"), 400, "invalid JSON"),
                // distributed/write
                bad("write: queries an array", "/distributed/write",
                        Body.json("{\"node_key\":\"$KEY\",\"queries\":[]}"), 400, "queries must be an object"),
                bad("write: rows not an array", "/distributed/write",
                        Body.json("{\"node_key\":\"$KEY\",\"queries\":{\"q\":\"rows\"}}"), 400,
                        "queries.q must be an array of rows"),
                bad("write: a row not an object", "/distributed/write",
                        Body.json("{\"node_key\":\"$KEY\",\"queries\":{\"q\":[[\"a\"]]}}"), 400,
                        "queries.q[0] must be an object of column values"),
                bad("write: a value an object", "/distributed/write",
                        Body.json("{\"node_key\":\"$KEY\",\"queries\":{\"q\":[{\"c\":{}}]}}"), 400,
                        "queries.q[0].c must be a string"),
                bad("write: status not a number", "/distributed/write",
                        Body.json("{\"node_key\":\"$KEY\",\"queries\":{},\"statuses\":{\"q\":\"failed\"}}"), 400,
                        "statuses.q must be a whole number"),
                bad("write: status a fraction", "/distributed/write",
                        Body.json("{\"node_key\":\"$KEY\",\"queries\":{},\"statuses\":{\"q\":1.5}}"), 400,
                        "statuses.q must be a whole number"),
                bad("write: status out of range", "/distributed/write",
                        Body.json("{\"node_key\":\"$KEY\",\"queries\":{},\"statuses\":{\"q\":99999999999}}"), 400,
                        "statuses.q is out of range"),
                bad("write: message an object", "/distributed/write",
                        Body.json("{\"node_key\":\"$KEY\",\"queries\":{},\"messages\":{\"q\":{}}}"), 400,
                        "messages.q must be a string"),
                accepted("write: statuses as numbers and numeric strings, values as numbers and null",
                        "/distributed/write", Body.json("{\"node_key\":\"$KEY\",\"queries\":{\"q\":[{\"a\":1,"
                                + "\"b\":null,\"c\":true}],\"r\":null},\"statuses\":{\"q\":0,\"r\":\"1\"},"
                                + "\"messages\":{\"r\":\"no such table\"},\"stats\":{\"q\":{\"wall_time_ms\":3}}}")),
                invalidNode("write: unknown node key", "/distributed/write",
                        Body.json("{\"node_key\":\"nope\",\"queries\":{}}")),
                accepted("write: 4 MiB is within its 5 MiB", "/distributed/write",
                        Body.padded("\"queries\":{}", 4 * MIB)),
                bad("write: over 5 MiB", "/distributed/write", Body.padded("\"queries\":{}", 5 * MIB + 1), 413,
                        "at most 5242880"),
                // carve/begin
                bad("carve begin: no block_count", "/carve/begin", Body.json("{\"node_key\":\"$KEY\",\"block_size\":10,"
                        + "\"carve_size\":10,\"carve_id\":\"c\",\"request_id\":\"r\"}"), 400, "block_count is missing"),
                bad("carve begin: block_count not a number", "/carve/begin", Body.json("{\"node_key\":\"$KEY\","
                        + "\"block_count\":\"many\",\"block_size\":10,\"carve_size\":10,\"carve_id\":\"c\","
                        + "\"request_id\":\"r\"}"), 400, "block_count must be a whole number"),
                accepted("carve begin: numbers as strings", "/carve/begin", Body.json("{\"node_key\":\"$KEY\","
                        + "\"block_count\":\"1\",\"block_size\":\"10\",\"carve_size\":\"10\",\"carve_id\":\"c\","
                        + "\"request_id\":\"r2\"}")),
                bad("carve begin: block over 8 MiB", "/carve/begin", Body.json("{\"node_key\":\"$KEY\","
                        + "\"block_count\":1,\"block_size\":8388609,\"carve_size\":10,\"carve_id\":\"c\","
                        + "\"request_id\":\"r\"}"), 400, "block_size must be 1 to 8388608 bytes"),
                bad("carve begin: sizes that do not add up", "/carve/begin", Body.json("{\"node_key\":\"$KEY\","
                        + "\"block_count\":5,\"block_size\":10,\"carve_size\":10,\"carve_id\":\"c\","
                        + "\"request_id\":\"r\"}"), 400, "carve_size does not match block_size and block_count"),
                invalidNode("carve begin: unknown node key", "/carve/begin", Body.json("{\"node_key\":\"nope\","
                        + "\"block_count\":1,\"block_size\":10,\"carve_size\":10,\"carve_id\":\"c\","
                        + "\"request_id\":\"r\"}")),
                // carve/block
                bad("carve block: data not base64", "/carve/block", Body.json("{\"block_id\":0,"
                        + "\"session_id\":\"$SESSION\",\"request_id\":\"r\",\"data\":\"!!not base64!!\"}"), 400,
                        "data is not valid base64"),
                bad("carve block: no data", "/carve/block", Body.json("{\"block_id\":0,\"session_id\":\"$SESSION\","
                        + "\"request_id\":\"r\"}"), 400, "data is missing"),
                bad("carve block: no block_id", "/carve/block", Body.json("{\"session_id\":\"$SESSION\","
                        + "\"request_id\":\"r\",\"data\":\"AAAAAAAAAAAAAA==\"}"), 400, "block_id is missing"),
                bad("carve block: unknown session", "/carve/block", Body.json("{\"block_id\":0,\"session_id\":\"nope\","
                        + "\"request_id\":\"r\",\"data\":\"AAAAAAAAAAAAAA==\"}"), 401, "no carve has this session_id"),
                bad("carve block: wrong request id", "/carve/block", Body.json("{\"block_id\":0,"
                        + "\"session_id\":\"$SESSION\",\"request_id\":\"other\",\"data\":\"AAAAAAAAAAAAAA==\"}"), 401,
                        "request_id does not match the carve session"),
                bad("carve block: out of sequence", "/carve/block", Body.json("{\"block_id\":1,"
                        + "\"session_id\":\"$SESSION\",\"request_id\":\"r\",\"data\":\"AAAAAAAAAAAAAA==\"}"), 400,
                        "block_id must be 0 to 0, got 1"),
                bad("carve block: wrong size", "/carve/block", Body.json("{\"block_id\":0,"
                        + "\"session_id\":\"$SESSION\",\"request_id\":\"r\",\"data\":\"AAAA\"}"), 400,
                        "block 0 must hold 10 bytes, got 3"),
                accepted("carve block: 10 bytes", "/carve/block", Body.json("{\"block_id\":0,"
                        + "\"session_id\":\"$SESSION\",\"request_id\":\"r\",\"data\":\"AAAAAAAAAAAAAA==\"}")),
                bad("carve block: over 12 MiB", "/carve/block", Body.padded("\"block_id\":0", 12 * MIB + 1), 413,
                        "at most 12582912"),
                // paths
                bad("unknown endpoint", "/distributed/nothing", Body.json("{}"), 404, "no such endpoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsAnsweredInTheOsqueryErrorStyle(String name, String path, Body body, int status, String error,
            boolean nodeInvalid) {
        RawResponse response = send(path, body);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode json = osqueryd.parse(response.body());
        if (status == 200) {
            assertThat(json.has("error")).isFalse();
            return;
        }
        assertThat(json.get("error").asText()).contains(error);
        assertThat(json.has("node_invalid")).isEqualTo(nodeInvalid);
        if (nodeInvalid) {
            assertThat(json.get("node_invalid").asBoolean()).isTrue();
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(nodeKey)
                .doesNotContain(SECRET);
    }

    /**
     * Sends the body over HTTP/1.1 on a connection of its own, as osquery does, with Content-Length (the server may
     * answer 413 from it before reading the body, which java.net.http does not wait for).
     */
    private RawResponse send(String path, Body body) {
        byte[] bytes = body.make().apply(new Body.Context(nodeKey, sessionId));
        boolean gzipped = bytes.length > 1 && bytes[0] == 31 && bytes[1] == (byte) 0x8b;
        String head = "POST " + OsqueryRoutes.PREFIX + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "User-Agent: " + OsqueryHttpClient.USER_AGENT + "\r\nContent-Type: application/json\r\n"
                + (gzipped ? "Content-Encoding: gzip\r\n" : "") + "Content-Length: " + bytes.length
                + "\r\nConnection: close";
        return RawHttps.exchange(server, head, bytes);
    }
}
