package dev.kolide.kit.reqid;

import static java.util.Objects.requireNonNull;

import java.net.http.HttpRequest;

/**
 * Carries the current request id on outgoing {@link java.net.http.HttpClient} calls.
 *
 * <p>"Current" is the id in this thread's MDC, as set by {@link RequestIdHandler} or
 * {@link GrpcRequestIdServerInterceptor}. With no id there, no header is added: ids are created where a
 * request enters a server, so the server that receives this call makes one and logs it.
 */
public final class HttpClientRequestIds {

    private HttpClientRequestIds() {}

    /** Adds {@value RequestIds#HTTP_HEADER} with the current id, if any; returns {@code builder}. */
    public static HttpRequest.Builder withCurrentRequestId(HttpRequest.Builder builder) {
        requireNonNull(builder, "builder is null");
        RequestIds.currentFromMdc().ifPresent(id -> builder.setHeader(RequestIds.HTTP_HEADER, id));
        return builder;
    }

    /** Adds {@value RequestIds#HTTP_HEADER} with {@code requestId}, which must be acceptable. */
    public static HttpRequest.Builder withRequestId(HttpRequest.Builder builder, String requestId) {
        requireNonNull(builder, "builder is null");
        requireNonNull(requestId, "requestId is null");
        if (!RequestIds.isAcceptable(requestId)) {
            throw new IllegalArgumentException("request id is not 1.." + RequestIds.MAX_LENGTH
                    + " visible ASCII characters");
        }
        return builder.setHeader(RequestIds.HTTP_HEADER, requestId);
    }
}
