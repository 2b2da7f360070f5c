package dev.kolide.launcher.client.grpc;

import dev.kolide.kit.reqid.GrpcRequestIds;
import dev.kolide.kit.tls.ServerKeyMaterial;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real-socket (Netty) gRPC server on a free port, plaintext or TLS, serving a {@link RecordingApi}. */
final class GrpcTestServer implements AutoCloseable {

    final RecordingApi api = new RecordingApi();
    /** The request-id metadata of each call, "" where there was none. */
    final List<String> requestIds = new CopyOnWriteArrayList<>();
    private final Server server;

    private GrpcTestServer(ServerCredentials credentials) throws IOException {
        ServerInterceptor recordIds = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
                String id = headers.get(GrpcRequestIds.METADATA_KEY);
                requestIds.add(id == null ? "" : id);
                return next.startCall(call, headers);
            }
        };
        this.server = Grpc.newServerBuilderForPort(0, credentials)
                .addService(ServerInterceptors.intercept(api, recordIds))
                .build()
                .start();
    }

    static GrpcTestServer plaintext() throws IOException {
        return new GrpcTestServer(InsecureServerCredentials.create());
    }

    static GrpcTestServer tls(ServerKeyMaterial key) throws IOException {
        return new GrpcTestServer(TlsServerCredentials.newBuilder().keyManager(key.keyManager()).build());
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow(); // now: a hanging test call must not hold the shutdown up
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
