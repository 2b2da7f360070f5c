package dev.kolide.perf.transport;

import dev.kolide.agent.api.AgentApiRequest;
import dev.kolide.agent.api.ApiGrpc;
import dev.kolide.agent.api.EnrollmentDetails;
import dev.kolide.agent.api.EnrollmentRequest;
import dev.kolide.agent.api.LogCollection;
import dev.kolide.agent.api.QueryCollection;
import dev.kolide.agent.api.ResultCollection;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.GrpcTls;
import dev.kolide.perf.host.HostIdentity;
import dev.kolide.perf.host.OsTemplate;
import dev.kolide.perf.host.QueryAnswer;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The launcher's {@code kolide.agent.Api} (reference launcher.md §2.1) over a few shared gRPC channels (HTTP/2
 * connections, requests multiplexed) with asynchronous stubs; a call's channel is picked by a hash of the host's
 * key. With {@code watchQueries}, every host also holds a {@code WatchQueries} stream open, as a launcher does; a
 * server caps the streams open on one connection (Jetty: 128), so watching needs a channel per few dozen hosts.
 */
public final class GrpcTransport implements AgentTransport {
    private static final String LAUNCHER_VERSION = "1.6.0-perf";

    /**
     * Hosts per channel when watching: hashing spreads them unevenly, and each channel must stay under the 128
     * concurrent streams Jetty allows on one connection, unary calls included.
     */
    public static final int WATCHING_HOSTS_PER_CHANNEL = 64;

    private final String enrollSecret;
    private final Duration timeout;
    private final boolean watchQueries;
    private final ExecutorService callbacks;
    private final List<ManagedChannel> channels;
    private final List<ApiGrpc.ApiStub> stubs;

    private GrpcTransport(String enrollSecret, Duration timeout, boolean watchQueries, ExecutorService callbacks,
            List<ManagedChannel> channels) {
        this.enrollSecret = enrollSecret;
        this.timeout = timeout;
        this.watchQueries = watchQueries;
        this.callbacks = callbacks;
        this.channels = List.copyOf(channels);
        this.stubs = channels.stream().map(ApiGrpc::newStub).toList();
    }

    /**
     * A channel to fleet at {@code fleetUrl}: https:// with TLS verified by {@code trust}, http:// in plaintext
     * (h2c).
     */
    public static GrpcTransport create(URI fleetUrl, String enrollSecret, ClientTrust trust, Duration timeout,
            int callbackThreads) {
        return create(fleetUrl, enrollSecret, trust, timeout, callbackThreads, 1, false);
    }

    /**
     * As {@link #create(URI, String, ClientTrust, Duration, int)}, over {@code channelCount} channels, and with
     * {@code watchQueries} each host watching for pushed live queries.
     */
    public static GrpcTransport create(URI fleetUrl, String enrollSecret, ClientTrust trust, Duration timeout,
            int callbackThreads, int channelCount, boolean watchQueries) {
        if (channelCount < 1) {
            throw new IllegalArgumentException("at least one channel, not " + channelCount);
        }
        boolean plaintext = "http".equalsIgnoreCase(fleetUrl.getScheme());
        int port = fleetUrl.getPort() > 0 ? fleetUrl.getPort() : plaintext ? 80 : 443;
        ChannelCredentials credentials = plaintext ? InsecureChannelCredentials.create()
                : GrpcTls.channelCredentials(trust);
        ExecutorService callbacks = Executors.newFixedThreadPool(callbackThreads, runnable -> {
            Thread thread = new Thread(runnable, "perf-grpc");
            thread.setDaemon(true);
            return thread;
        });
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < channelCount; i++) {
            channels.add(Grpc.newChannelBuilderForAddress(fleetUrl.getHost(), port, credentials)
                    .executor(callbacks)
                    .userAgent("launcher/" + LAUNCHER_VERSION)
                    .build());
        }
        return new GrpcTransport(enrollSecret, timeout, watchQueries, callbacks, channels);
    }

    @Override
    public CompletableFuture<Replies.Enrolled> enroll(HostIdentity host, Map<String, Map<String, String>> details) {
        OsTemplate os = host.os();
        EnrollmentRequest request = EnrollmentRequest.newBuilder()
                .setEnrollSecret(enrollSecret)
                .setHostIdentifier(host.hostIdentifier())
                .setEnrollmentDetails(EnrollmentDetails.newBuilder()
                        .setOsVersion(os.version()).setOsBuild(os.build()).setOsPlatform(os.platform())
                        .setHostname(host.hostname()).setHardwareVendor(os.hardwareVendor())
                        .setHardwareModel(os.hardwareModel()).setHardwareSerial(host.serial())
                        .setOsqueryVersion(os.osqueryVersion()).setLauncherVersion(LAUNCHER_VERSION)
                        .setOsName(os.name()).setOsPlatformLike(os.platformLike()).setHardwareUuid(host.uuid()))
                .build();
        return call(stub(host.hostIdentifier())::requestEnrollment, request,
                reply -> new Replies.Enrolled(reply.getNodeKey(), reply.getNodeInvalid()));
    }

    @Override
    public CompletableFuture<Replies.Ack> config(String nodeKey) {
        return call(stub(nodeKey)::requestConfig, key(nodeKey), reply -> new Replies.Ack(reply.getNodeInvalid()));
    }

    @Override
    public CompletableFuture<Replies.Queries> readQueries(String nodeKey) {
        return call(stub(nodeKey)::requestQueries, key(nodeKey), reply -> {
            Map<String, String> queries = new LinkedHashMap<>();
            reply.getQueriesList().forEach(query -> queries.put(query.getId(), query.getQuery()));
            return new Replies.Queries(queries, reply.getNodeInvalid());
        });
    }

    @Override
    public CompletableFuture<Replies.Ack> writeResults(String nodeKey, Map<String, QueryAnswer> answers) {
        ResultCollection.Builder results = ResultCollection.newBuilder().setNodeKey(nodeKey);
        answers.forEach((name, answer) -> {
            ResultCollection.Result.Builder result = ResultCollection.Result.newBuilder()
                    .setId(name).setStatus(answer.status());
            for (Map<String, String> row : answer.rows()) {
                ResultCollection.Result.ResultRow.Builder columns = ResultCollection.Result.ResultRow.newBuilder();
                row.forEach((column, value) -> columns.addColumns(
                        ResultCollection.Result.ResultRow.Column.newBuilder().setName(column).setValue(value)));
                result.addRows(columns);
            }
            results.addResults(result);
        });
        return call(stub(nodeKey)::publishResults, results.build(), reply -> new Replies.Ack(reply.getNodeInvalid()));
    }

    @Override
    public CompletableFuture<Replies.Ack> publishLogs(String nodeKey, LogType type, List<String> lines) {
        LogCollection.Builder logs = LogCollection.newBuilder().setNodeKey(nodeKey)
                .setLogType(type == LogType.STATUS ? LogCollection.LogType.STATUS : LogCollection.LogType.RESULT);
        lines.forEach(line -> logs.addLogs(LogCollection.Log.newBuilder().setData(line)));
        return call(stub(nodeKey)::publishLogs, logs.build(), reply -> new Replies.Ack(reply.getNodeInvalid()));
    }

    @Override
    public QueryWatch watchQueries(String nodeKey, QueryWatch.Listener listener) {
        if (!watchQueries) {
            return null;
        }
        AtomicReference<ClientCallStreamObserver<AgentApiRequest>> call = new AtomicReference<>();
        // no deadline: the stream stays open until fleet, the connection or cancel() ends it
        channelStub(nodeKey).watchQueries(key(nodeKey), new ClientResponseObserver<AgentApiRequest, QueryCollection>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<AgentApiRequest> requestStream) {
                call.set(requestStream);
            }

            @Override
            public void onNext(QueryCollection collection) {
                if (collection.getNodeInvalid()) {
                    listener.onNodeInvalid();
                    return;
                }
                if (collection.getQueriesCount() > 0) {
                    Map<String, String> queries = new LinkedHashMap<>();
                    collection.getQueriesList().forEach(query -> queries.put(query.getId(), query.getQuery()));
                    listener.onQueries(queries);
                }
            }

            @Override
            public void onError(Throwable error) {
                listener.onEnd(error instanceof StatusRuntimeException status
                        && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED);
            }

            @Override
            public void onCompleted() {
                listener.onEnd(false);
            }
        });
        return () -> {
            ClientCallStreamObserver<AgentApiRequest> stream = call.get();
            if (stream != null) {
                stream.cancel("host stopped watching", null);
            }
        };
    }

    /** The stub of the channel this host (by node key or identifier) keeps to, with the request deadline. */
    private ApiGrpc.ApiStub stub(String hostKey) {
        return channelStub(hostKey).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ApiGrpc.ApiStub channelStub(String hostKey) {
        return stubs.get(Math.floorMod(hostKey.hashCode(), stubs.size()));
    }

    private static AgentApiRequest key(String nodeKey) {
        return AgentApiRequest.newBuilder().setNodeKey(nodeKey).build();
    }

    /** One unary call as a future; a gRPC error becomes a {@link TransportFailure} labelled by its status code. */
    private static <Q, R, T> CompletableFuture<T> call(BiConsumer<Q, StreamObserver<R>> method, Q request,
            Function<R, T> read) {
        CompletableFuture<T> future = new CompletableFuture<>();
        method.accept(request, new StreamObserver<>() {
            @Override
            public void onNext(R reply) {
                try {
                    future.complete(read.apply(reply));
                } catch (RuntimeException e) {
                    future.completeExceptionally(new TransportFailure("decode", "reading a reply", e));
                }
            }

            @Override
            public void onError(Throwable error) {
                String kind = error instanceof StatusRuntimeException status
                        ? "grpc_" + status.getStatus().getCode() : "grpc";
                future.completeExceptionally(new TransportFailure(kind, error.getMessage(), error));
            }

            @Override
            public void onCompleted() {
                if (!future.isDone()) {
                    future.completeExceptionally(new TransportFailure("grpc_no_reply", "the call ended without a reply"));
                }
            }
        });
        return future;
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        try {
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callbacks.shutdownNow();
    }
}
