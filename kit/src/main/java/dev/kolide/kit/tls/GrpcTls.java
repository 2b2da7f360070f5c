package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;

/**
 * gRPC channel credentials from a {@link ClientTrust}. The only class here that needs grpc-api, which is an
 * optional dependency of the kit.
 *
 * <p>The transport (Netty or OkHttp) chooses TLS versions and suites itself, so no {@link TlsProfile} applies;
 * the trust manager is what carries roots, pins and insecure mode. grpc-netty asks its SSL engine for HTTPS
 * host name checks, which the PKIX trust manager performs and the insecure one skips, as launcher's --insecure.
 */
public final class GrpcTls {

    private GrpcTls() {}

    /** Credentials that verify the server with a new {@link ClientTrust#trustManager()}. */
    public static ChannelCredentials channelCredentials(ClientTrust trust) {
        requireNonNull(trust, "trust is null");
        return TlsChannelCredentials.newBuilder().trustManager(trust.trustManager()).build();
    }
}
