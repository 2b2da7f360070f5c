package dev.kolide.launcher.client.grpc;

import static java.util.Objects.requireNonNull;

import dev.kolide.agent.api.AgentApiResponse;
import dev.kolide.agent.api.ApiGrpc;
import dev.kolide.agent.api.ConfigResponse;
import dev.kolide.agent.api.EnrollmentResponse;
import dev.kolide.agent.api.HealthCheckResponse;
import dev.kolide.agent.api.QueryCollection;
import dev.kolide.kit.reqid.GrpcRequestIdClientInterceptor;
import dev.kolide.kit.tls.GrpcTls;
import dev.kolide.launcher.client.ClientOptions;
import dev.kolide.launcher.client.Failures;
import dev.kolide.launcher.service.DistributedQuery;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.PushUnsupportedException;
import dev.kolide.launcher.service.QueryPush;
import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.service.QueryResult;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link KolideService} over gRPC ({@code kolide.agent.Api}, reference launcher.md §1.6, §2.1): one channel to
 * the server, TLS with the server name taken from the host part of {@code --hostname} unless
 * {@code --insecure_transport}. Thread-safe; {@link #close()} shuts the channel down.
 *
 * <p>Every call has a deadline ({@link ClientOptions#requestTimeout()}) and does not wait for the channel to become
 * ready: with the server down a call fails within the deadline (usually at once) instead of queueing, and the
 * caller, which keeps its data, retries later. The channel reconnects by itself in the meantime.
 *
 * <p>Failures: {@code node_invalid} or {@code UNAUTHENTICATED} → {@link
 * dev.kolide.launcher.service.NodeInvalidException}; any other status or a non-empty {@code error_code} →
 * {@link dev.kolide.launcher.service.ServiceUnavailableException}, naming the RPC and the server.
 */
public final class GrpcKolideClient implements KolideService, QueryPush, AutoCloseable {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final ManagedChannel channel;
    private final ApiGrpc.ApiBlockingStub stub;
    private final Duration timeout;
    private final Failures failures;

    public GrpcKolideClient(ClientOptions options) {
        requireNonNull(options, "options is null");
        ChannelCredentials credentials = options.insecureTransport()
                ? InsecureChannelCredentials.create()
                : GrpcTls.channelCredentials(options.trust());
        this.channel = Grpc.newChannelBuilderForAddress(options.server().host(), options.server().port(), credentials)
                .maxInboundMessageSize(options.maxReplyBytes())
                .intercept(new GrpcRequestIdClientInterceptor())
                .build();
        this.stub = ApiGrpc.newBlockingStub(channel);
        this.timeout = options.requestTimeout();
        this.failures = new Failures(options.server());
    }

    @Override
    public String requestEnrollment(String enrollSecret, String hostIdentifier, EnrollmentDetails details) {
        requireNonNull(enrollSecret, "enrollSecret is null");
        requireNonNull(hostIdentifier, "hostIdentifier is null");
        requireNonNull(details, "details is null");
        String rpc = "RequestEnrollment";
        EnrollmentResponse reply =
                call(rpc, api -> api.requestEnrollment(GrpcMessages.enrollment(enrollSecret, hostIdentifier, details)));
        failures.checkReply(rpc, reply.getNodeInvalid(), reply.getErrorCode());
        if (reply.getNodeKey().isEmpty()) {
            throw failures.unavailable(rpc, "the server answered without a node key");
        }
        return reply.getNodeKey();
    }

    @Override
    public String requestConfig(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        String rpc = "RequestConfig";
        ConfigResponse reply = call(rpc, api -> api.requestConfig(GrpcMessages.nodeKey(nodeKey)));
        failures.checkReply(rpc, reply.getNodeInvalid(), reply.getErrorCode());
        return reply.getConfigJsonBlob();
    }

    @Override
    public List<DistributedQuery> requestQueries(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        String rpc = "RequestQueries";
        QueryCollection reply = call(rpc, api -> api.requestQueries(GrpcMessages.nodeKey(nodeKey)));
        failures.checkReply(rpc, reply.getNodeInvalid(), reply.getErrorCode());
        return GrpcMessages.queries(reply);
    }

    @Override
    public void publishLogs(String nodeKey, LogKind kind, List<String> logs) {
        requireNonNull(nodeKey, "nodeKey is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(logs, "logs is null");
        String rpc = "PublishLogs";
        AgentApiResponse reply = call(rpc, api -> api.publishLogs(GrpcMessages.logs(nodeKey, kind, logs)));
        failures.checkReply(rpc, reply.getNodeInvalid(), reply.getErrorCode());
    }

    @Override
    public void publishResults(String nodeKey, List<QueryResult> results) {
        requireNonNull(nodeKey, "nodeKey is null");
        requireNonNull(results, "results is null");
        String rpc = "PublishResults";
        AgentApiResponse reply = call(rpc, api -> api.publishResults(GrpcMessages.results(nodeKey, results)));
        failures.checkReply(rpc, reply.getNodeInvalid(), reply.getErrorCode());
    }

    @Override
    public boolean checkHealth(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        HealthCheckResponse reply = call("CheckHealth", api -> api.checkHealth(GrpcMessages.nodeKey(nodeKey)));
        return reply.getStatus() == HealthCheckResponse.ServingStatus.SERVING;
    }

    /**
     * Opens {@code WatchQueries}: no deadline (it lives as long as the connection), cancelled by
     * {@link Stream#close()}.
     */
    @Override
    public Stream watch(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        Context.CancellableContext context = Context.current().withCancellation();
        Iterator<QueryCollection> replies;
        // The call takes the context current when it starts: cancelling that context ends it.
        Context previous = context.attach();
        try {
            replies = stub.watchQueries(GrpcMessages.nodeKey(nodeKey));
        } finally {
            context.detach(previous);
        }
        return new Stream() {
            @Override
            public Optional<List<DistributedQuery>> next() {
                String rpc = "WatchQueries";
                try {
                    if (!replies.hasNext()) {
                        return Optional.empty();
                    }
                    QueryCollection reply = replies.next();
                    failures.checkReply(rpc, reply.getNodeInvalid(), reply.getErrorCode());
                    return Optional.of(GrpcMessages.queries(reply));
                } catch (StatusRuntimeException e) {
                    Status status = e.getStatus();
                    switch (status.getCode()) {
                        case CANCELLED:
                            if (context.isCancelled()) {
                                return Optional.empty();
                            }
                            throw failures.unavailable(rpc, describe(status), e);
                        case UNIMPLEMENTED:
                            throw new PushUnsupportedException("the server does not push live queries"
                                    + " (WatchQueries: UNIMPLEMENTED)");
                        case UNAUTHENTICATED:
                            throw failures.nodeInvalid(rpc, describe(status));
                        default:
                            throw failures.unavailable(rpc, describe(status), e);
                    }
                }
            }

            @Override
            public void close() {
                context.cancel(null);
            }
        };
    }

    /** Shuts the channel down, waiting a few seconds for calls in flight. */
    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private <T> T call(String rpc, Function<ApiGrpc.ApiBlockingStub, T> invocation) {
        ApiGrpc.ApiBlockingStub api = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return invocation.apply(api);
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            if (status.getCode() == Status.Code.UNAUTHENTICATED) {
                throw failures.nodeInvalid(rpc, describe(status));
            }
            throw failures.unavailable(rpc, describe(status), e);
        }
    }

    private static String describe(Status status) {
        StringBuilder text = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            text.append(": ").append(status.getDescription());
        }
        if (status.getCause() != null) {
            text.append(" (").append(status.getCause()).append(')');
        }
        return text.toString();
    }
}
