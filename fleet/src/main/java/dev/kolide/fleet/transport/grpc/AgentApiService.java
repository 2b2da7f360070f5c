package dev.kolide.fleet.transport.grpc;

import static java.util.Objects.requireNonNull;

import dev.kolide.agent.api.AgentApiRequest;
import dev.kolide.agent.api.AgentApiResponse;
import dev.kolide.agent.api.ApiGrpc;
import dev.kolide.agent.api.ConfigResponse;
import dev.kolide.agent.api.EnrollmentRequest;
import dev.kolide.agent.api.EnrollmentResponse;
import dev.kolide.agent.api.HealthCheckResponse;
import dev.kolide.agent.api.LogCollection;
import dev.kolide.agent.api.QueryCollection;
import dev.kolide.agent.api.ResultCollection;
import dev.kolide.fleet.datastore.DatastoreException;
import dev.kolide.fleet.service.launcher.EnrollmentDetails;
import dev.kolide.fleet.service.launcher.LauncherApi;
import dev.kolide.fleet.service.launcher.LiveQueryPush;
import dev.kolide.fleet.service.launcher.LauncherLogType;
import dev.kolide.fleet.service.launcher.QueryResult;
import dev.kolide.fleet.service.osquery.HostAuthenticationException;
import dev.kolide.fleet.service.osquery.InvalidOsqueryRequestException;
import dev.kolide.fleet.service.osquery.LogsNotStoredException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kolide.agent.Api} over {@link LauncherApi}. Answers as Kolide Fleet did, which is what launcher expects:
 * a refused node key or enroll secret is a normal reply with {@code node_invalid = true} (launcher then enrolls
 * again and retries once); a malformed request is {@code INVALID_ARGUMENT} with the reason; logs that could not
 * be stored are {@code UNAVAILABLE} (launcher keeps them and sends them again); a database failure or a bug is
 * {@code INTERNAL} with a short message, its details only in fleet's log.
 */
public final class AgentApiService extends ApiGrpc.ApiImplBase {

    private final Logger log = LoggerFactory.getLogger(AgentApiService.class);
    private final LauncherApi api;
    private final LiveQueryPush push;

    /** @param push live queries pushed to launchers' {@code WatchQueries} streams */
    public AgentApiService(LauncherApi api, LiveQueryPush push) {
        this.api = requireNonNull(api, "api is null");
        this.push = requireNonNull(push, "push is null");
    }

    @Override
    public void requestEnrollment(EnrollmentRequest request, StreamObserver<EnrollmentResponse> replies) {
        answer("RequestEnrollment", replies,
                () -> EnrollmentResponse.newBuilder().setNodeKey(api.enroll(request.getEnrollSecret(),
                        request.getHostIdentifier(), details(request))).build(),
                invalid -> EnrollmentResponse.newBuilder().setNodeInvalid(true).build());
    }

    @Override
    public void requestConfig(AgentApiRequest request, StreamObserver<ConfigResponse> replies) {
        answer("RequestConfig", replies,
                () -> ConfigResponse.newBuilder().setConfigJsonBlob(api.config(request.getNodeKey())).build(),
                invalid -> ConfigResponse.newBuilder().setNodeInvalid(true).build());
    }

    @Override
    public void requestQueries(AgentApiRequest request, StreamObserver<QueryCollection> replies) {
        answer("RequestQueries", replies, () -> {
            QueryCollection.Builder reply = QueryCollection.newBuilder();
            // The proto has no accelerate (or discovery): a new host checks in at its usual interval.
            api.queries(request.getNodeKey()).queries().forEach((name, sql) ->
                    reply.addQueries(QueryCollection.Query.newBuilder().setId(name).setQuery(sql)));
            return reply.build();
        }, invalid -> QueryCollection.newBuilder().setNodeInvalid(true).build());
    }

    @Override
    public void publishLogs(LogCollection request, StreamObserver<AgentApiResponse> replies) {
        answer("PublishLogs", replies, () -> {
            List<String> logs = new ArrayList<>(request.getLogsCount());
            request.getLogsList().forEach(entry -> logs.add(entry.getData()));
            api.publishLogs(request.getNodeKey(), logType(request.getLogType()), logs);
            return AgentApiResponse.getDefaultInstance();
        }, invalid -> AgentApiResponse.newBuilder().setNodeInvalid(true).build());
    }

    @Override
    public void publishResults(ResultCollection request, StreamObserver<AgentApiResponse> replies) {
        answer("PublishResults", replies, () -> {
            List<QueryResult> results = new ArrayList<>(request.getResultsCount());
            for (ResultCollection.Result result : request.getResultsList()) {
                List<Map<String, String>> rows = new ArrayList<>(result.getRowsCount());
                for (ResultCollection.Result.ResultRow row : result.getRowsList()) {
                    Map<String, String> columns = new LinkedHashMap<>();
                    row.getColumnsList().forEach(column -> columns.put(column.getName(), column.getValue()));
                    rows.add(columns);
                }
                results.add(new QueryResult(result.getId(), result.getStatus(), rows));
            }
            api.publishResults(request.getNodeKey(), results);
            return AgentApiResponse.getDefaultInstance();
        }, invalid -> AgentApiResponse.newBuilder().setNodeInvalid(true).build());
    }

    @Override
    public void checkHealth(AgentApiRequest request, StreamObserver<HealthCheckResponse> replies) {
        answer("CheckHealth", replies, () -> HealthCheckResponse.newBuilder()
                .setStatus(api.healthy() ? HealthCheckResponse.ServingStatus.SERVING
                        : HealthCheckResponse.ServingStatus.NOT_SERVING)
                .build(), invalid -> HealthCheckResponse.newBuilder()
                .setStatus(HealthCheckResponse.ServingStatus.NOT_SERVING).build());
    }

    /**
     * Keeps the stream open and sends each live query meant for the host as it starts (and an empty collection
     * as a heartbeat). A refused node key gets one reply with {@code node_invalid} and the end of the stream.
     */
    @Override
    public void watchQueries(AgentApiRequest request, StreamObserver<QueryCollection> replies) {
        long hostId;
        try {
            hostId = api.hostId(request.getNodeKey());
        } catch (HostAuthenticationException e) {
            replies.onNext(QueryCollection.newBuilder().setNodeInvalid(true).build());
            replies.onCompleted();
            return;
        } catch (RuntimeException e) {
            replies.onError(status("WatchQueries", e));
            return;
        }
        ServerCallStreamObserver<QueryCollection> stream = (ServerCallStreamObserver<QueryCollection>) replies;
        LiveQueryPush.Connection[] connection = new LiveQueryPush.Connection[1];
        Object lock = new Object();
        boolean[] closed = new boolean[1];
        // Set before connecting: a stream cancelled meanwhile is still disconnected.
        stream.setOnCancelHandler(() -> {
            synchronized (lock) {
                closed[0] = true;
                if (connection[0] != null) {
                    connection[0].close();
                }
            }
        });
        LiveQueryPush.Connection opened = push.connect(hostId, queries -> {
            QueryCollection.Builder message = QueryCollection.newBuilder();
            queries.forEach((name, sql) -> message.addQueries(QueryCollection.Query.newBuilder().setId(name)
                    .setQuery(sql)));
            synchronized (lock) {
                if (!closed[0]) {
                    stream.onNext(message.build());
                }
            }
        });
        synchronized (lock) {
            if (closed[0]) {
                opened.close();
            } else {
                connection[0] = opened;
            }
        }
    }

    private static EnrollmentDetails details(EnrollmentRequest request) {
        if (!request.hasEnrollmentDetails()) {
            return EnrollmentDetails.none();
        }
        dev.kolide.agent.api.EnrollmentDetails d = request.getEnrollmentDetails();
        return new EnrollmentDetails(d.getOsVersion(), d.getOsBuild(), d.getOsPlatform(), d.getHostname(),
                d.getHardwareVendor(), d.getHardwareModel(), d.getHardwareSerial(), d.getOsqueryVersion(),
                d.getLauncherVersion(), d.getOsName(), d.getOsPlatformLike());
    }

    private static LauncherLogType logType(LogCollection.LogType type) {
        return switch (type) {
            case RESULT -> LauncherLogType.RESULT;
            case STATUS -> LauncherLogType.STATUS;
            case AGENT -> LauncherLogType.AGENT;
            // A number this proto does not know (a newer launcher): refuse it rather than guess.
            case UNRECOGNIZED -> throw new InvalidOsqueryRequestException("unknown log_type; expected RESULT (0),"
                    + " STATUS (1) or AGENT (2)");
        };
    }

    /** Runs a call and sends its reply, the node-invalid reply, or the status its failure maps to. */
    private <T> void answer(String method, StreamObserver<T> replies, Supplier<T> call,
            Function<HostAuthenticationException, T> nodeInvalid) {
        T reply;
        try {
            reply = call.get();
        } catch (HostAuthenticationException e) {
            log.debug("{}: {}", method, e.getMessage());
            reply = nodeInvalid.apply(e);
        } catch (RuntimeException e) {
            replies.onError(status(method, e));
            return;
        }
        replies.onNext(reply);
        replies.onCompleted();
    }

    private StatusRuntimeException status(String method, RuntimeException e) {
        if (e instanceof InvalidOsqueryRequestException) {
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof LogsNotStoredException) {
            log.warn("{}: {}", method, e.getMessage(), e);
            return Status.UNAVAILABLE.withDescription("the logs could not be stored; send them again")
                    .asRuntimeException();
        }
        if (e instanceof DatastoreException) {
            log.error("{}: the datastore failed", method, e);
            return Status.INTERNAL.withDescription("the datastore failed; try again later").asRuntimeException();
        }
        log.error("{} failed", method, e);
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }
}
