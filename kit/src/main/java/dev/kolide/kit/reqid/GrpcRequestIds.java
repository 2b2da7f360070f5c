package dev.kolide.kit.reqid;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.Optional;

/**
 * The gRPC side of request ids: the metadata key on the wire and the {@link Context} key in process.
 *
 * <p>The {@link Context} is gRPC's own carrier: it follows a call across the threads gRPC uses, and a server
 * method that calls another service passes it on without touching the MDC.
 */
public final class GrpcRequestIds {

    /** {@value RequestIds#GRPC_METADATA_KEY} as ASCII metadata. */
    public static final Metadata.Key<String> METADATA_KEY =
            Metadata.Key.of(RequestIds.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER);

    /** Holds the id of the call being served; set by {@link GrpcRequestIdServerInterceptor}. */
    public static final Context.Key<String> CONTEXT_KEY = Context.key(RequestIds.MDC_KEY);

    private GrpcRequestIds() {}

    /** The id in the current gRPC {@link Context}, if any. */
    public static Optional<String> currentFromContext() {
        return Optional.ofNullable(CONTEXT_KEY.get());
    }

    /**
     * The id an outgoing call should carry: the current gRPC {@link Context}'s, else an acceptable one from the
     * MDC, else none.
     */
    public static Optional<String> current() {
        Optional<String> fromContext = currentFromContext().filter(RequestIds::isAcceptable);
        return fromContext.isPresent() ? fromContext : RequestIds.currentFromMdc();
    }
}
