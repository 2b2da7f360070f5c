package dev.kolide.kit.reqid;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Gives every incoming gRPC call an id: the client's {@value RequestIds#GRPC_METADATA_KEY} metadata if
 * acceptable, else a fresh one. The id is put in the call's {@link Context} ({@link GrpcRequestIds#CONTEXT_KEY}),
 * in the MDC around every listener callback, and echoed in the response headers.
 *
 * <p>gRPC may run each callback (message, half-close, cancel) on a different executor thread, so the MDC is
 * set and restored per callback rather than once per call.
 */
@SuppressWarnings("try") // the scopes are opened for their effect on the MDC, not used in the body
public final class GrpcRequestIdServerInterceptor implements ServerInterceptor {

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String id = RequestIds.acceptOrCreate(headers.get(GrpcRequestIds.METADATA_KEY));
        Context context = Context.current().withValue(GrpcRequestIds.CONTEXT_KEY, id);
        ServerCall<Q, A> echoing = new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.put(GrpcRequestIds.METADATA_KEY, id);
                super.sendHeaders(responseHeaders);
            }
        };
        ServerCall.Listener<Q> listener;
        try (RequestIdScope ignored = RequestIdScope.open(id)) {
            listener = Contexts.interceptCall(context, echoing, headers, next);
        }
        return new MdcListener<>(listener, id);
    }

    private static final class MdcListener<Q> extends SimpleForwardingServerCallListener<Q> {
        private final String id;

        MdcListener(ServerCall.Listener<Q> delegate, String id) {
            super(delegate);
            this.id = id;
        }

        @Override
        public void onMessage(Q message) {
            try (RequestIdScope ignored = RequestIdScope.open(id)) {
                super.onMessage(message);
            }
        }

        @Override
        public void onHalfClose() {
            try (RequestIdScope ignored = RequestIdScope.open(id)) {
                super.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            try (RequestIdScope ignored = RequestIdScope.open(id)) {
                super.onCancel();
            }
        }

        @Override
        public void onComplete() {
            try (RequestIdScope ignored = RequestIdScope.open(id)) {
                super.onComplete();
            }
        }

        @Override
        public void onReady() {
            try (RequestIdScope ignored = RequestIdScope.open(id)) {
                super.onReady();
            }
        }
    }
}
