package dev.kolide.kit.reqid;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.Optional;

/**
 * Attaches the current request id ({@link GrpcRequestIds#current()}: gRPC {@link io.grpc.Context}, else MDC) to
 * outgoing calls as {@value RequestIds#GRPC_METADATA_KEY} metadata.
 *
 * <p>With no current id, nothing is attached and none is made up here: ids are created where a request enters a
 * server, so the receiving server creates one, logs it and echoes it back. An id the caller already put in the
 * metadata is left as is.
 */
public final class GrpcRequestIdClientInterceptor implements ClientInterceptor {

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(
            MethodDescriptor<Q, A> method, CallOptions callOptions, Channel next) {
        // Read at interception time, on the caller's thread, where its Context and MDC are.
        Optional<String> id = GrpcRequestIds.current();
        ClientCall<Q, A> call = next.newCall(method, callOptions);
        if (id.isEmpty()) {
            return call;
        }
        return new SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<A> responseListener, Metadata headers) {
                if (!headers.containsKey(GrpcRequestIds.METADATA_KEY)) {
                    headers.put(GrpcRequestIds.METADATA_KEY, id.get());
                }
                super.start(responseListener, headers);
            }
        };
    }
}
