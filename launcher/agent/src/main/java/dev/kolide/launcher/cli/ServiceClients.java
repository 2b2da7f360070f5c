package dev.kolide.launcher.cli;

import dev.kolide.kit.flags.FlagException;
import dev.kolide.kit.run.Resources;
import dev.kolide.launcher.client.ClientOptions;
import dev.kolide.launcher.client.grpc.GrpcKolideClient;
import dev.kolide.launcher.client.jsonrpc.JsonRpcKolideClient;
import dev.kolide.launcher.service.KolideService;

/** The server client {@code --transport} names, set up from the TLS flags. */
final class ServiceClients {
    private ServiceClients() {}

    /** Opens the client; one that holds a connection is added to {@code resources} to be closed. */
    static KolideService open(LauncherOptions options, Resources resources) {
        ClientOptions.Builder builder = ClientOptions.builder(options.hostname())
                .insecure(options.insecure())
                .insecureTransport(options.insecureTransport())
                .certPins(options.certPins());
        options.rootPem().ifPresent(builder::rootPem);
        ClientOptions client;
        try {
            client = builder.build();
        } catch (IllegalArgumentException e) {
            throw new FlagException(e.getMessage(), e);
        }
        return switch (options.transport()) {
            case GRPC -> {
                GrpcKolideClient grpc = new GrpcKolideClient(client);
                resources.add(grpc);
                yield grpc;
            }
            case JSONRPC -> new JsonRpcKolideClient(client);
            case OSQUERY -> throw new IllegalArgumentException("--transport=osquery needs no launcher client");
        };
    }
}
