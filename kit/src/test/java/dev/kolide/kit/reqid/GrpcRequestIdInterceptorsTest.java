package dev.kolide.kit.reqid;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

/**
 * In-process gRPC server and channel with the interceptors. The service runs on an executor of its own, so what
 * it sees in the MDC was put there on its thread by the server interceptor, not left over from the caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcRequestIdInterceptorsTest {

    private static final MethodDescriptor.Marshaller<String> UTF8_STRING = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("reading a test message", e);
            }
        }
    };

    private static final MethodDescriptor<String, String> WHO_AM_I = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Ids", "WhoAmI"))
            .setRequestMarshaller(UTF8_STRING)
            .setResponseMarshaller(UTF8_STRING)
            .build();

    private final String serverName = InProcessServerBuilder.generateName();
    private final ExecutorService serverExecutor = Executors.newSingleThreadExecutor();
    private Server server;
    private ManagedChannel channel;

    @BeforeAll
    void start() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("test.Ids")
                .addMethod(WHO_AM_I, ServerCalls.asyncUnaryCall((request, responses) -> {
                    responses.onNext("mdc=" + MDC.get(RequestIds.MDC_KEY)
                            + " context=" + GrpcRequestIds.currentFromContext().orElse("none"));
                    responses.onCompleted();
                }))
                .build();
        server = InProcessServerBuilder.forName(serverName)
                .executor(serverExecutor)
                .addService(ServerInterceptors.intercept(service, new GrpcRequestIdServerInterceptor()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(serverName).directExecutor().build();
    }

    @AfterAll
    void stop() throws InterruptedException {
        channel.shutdownNow();
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
        serverExecutor.shutdownNow();
    }

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    /** One call through {@code interceptors} (applied last to first); returns what the service saw. */
    private String call(AtomicReference<Metadata> responseHeaders, ClientInterceptor... interceptors) {
        List<ClientInterceptor> all = new java.util.ArrayList<>(List.of(interceptors));
        all.add(0, MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>()));
        Channel intercepted = ClientInterceptors.intercept(channel, all);
        return ClientCalls.blockingUnaryCall(intercepted, WHO_AM_I, CallOptions.DEFAULT, "who");
    }

    @Test
    void idInTheCallersGrpcContextReachesTheServiceMdcAndContext() throws Exception {
        AtomicReference<Metadata> headers = new AtomicReference<>();

        String seen = Context.current().withValue(GrpcRequestIds.CONTEXT_KEY, "ctx-id-1")
                .call(() -> call(headers, new GrpcRequestIdClientInterceptor()));

        assertThat(seen).isEqualTo("mdc=ctx-id-1 context=ctx-id-1");
        assertThat(headers.get().get(GrpcRequestIds.METADATA_KEY)).isEqualTo("ctx-id-1");
    }

    @Test
    void idInTheCallersMdcIsUsedWhenTheContextHasNone() {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        MDC.put(RequestIds.MDC_KEY, "mdc-id-2");

        String seen = call(headers, new GrpcRequestIdClientInterceptor());

        assertThat(seen).isEqualTo("mdc=mdc-id-2 context=mdc-id-2");
    }

    @Test
    void contextIdWinsOverMdcId() throws Exception {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        MDC.put(RequestIds.MDC_KEY, "from-mdc");

        String seen = Context.current().withValue(GrpcRequestIds.CONTEXT_KEY, "from-context")
                .call(() -> call(headers, new GrpcRequestIdClientInterceptor()));

        assertThat(seen).isEqualTo("mdc=from-context context=from-context");
    }

    @Test
    void callWithoutIdGetsAFreshOneFromTheServerEchoedInHeaders() {
        AtomicReference<Metadata> headers = new AtomicReference<>();

        String seen = call(headers, new GrpcRequestIdClientInterceptor());

        String echoed = headers.get().get(GrpcRequestIds.METADATA_KEY);
        assertThat(echoed).matches(RequestIdsTest.UUID_PATTERN);
        assertThat(seen).isEqualTo("mdc=" + echoed + " context=" + echoed);
    }

    @Test
    void malformedIdFromTheWireIsReplaced() {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        Metadata bad = new Metadata();
        bad.put(GrpcRequestIds.METADATA_KEY, "two words");

        String seen = call(headers, MetadataUtils.newAttachHeadersInterceptor(bad));

        String echoed = headers.get().get(GrpcRequestIds.METADATA_KEY);
        assertThat(echoed).matches(RequestIdsTest.UUID_PATTERN);
        assertThat(seen).isEqualTo("mdc=" + echoed + " context=" + echoed);
    }

    @Test
    void serverThreadMdcIsCleanAfterTheCall() throws Exception {
        call(new AtomicReference<>(), new GrpcRequestIdClientInterceptor());

        // The same single thread ran the service; by now it has left every callback.
        String left = serverExecutor.submit(() -> MDC.get(RequestIds.MDC_KEY)).get(5, TimeUnit.SECONDS);

        assertThat(left).isNull();
    }
}
