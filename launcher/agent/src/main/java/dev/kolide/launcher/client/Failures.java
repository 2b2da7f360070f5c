package dev.kolide.launcher.client;

import static java.util.Objects.requireNonNull;

import dev.kolide.launcher.service.NodeInvalidException;
import dev.kolide.launcher.service.ServiceUnavailableException;

/**
 * The exceptions both transports throw, worded alike: each names the RPC and the server, so a log line says
 * which call to which host failed and why.
 */
public final class Failures {

    private final String server;

    public Failures(ServerAddress server) {
        this.server = requireNonNull(server, "server is null").authority();
    }

    /** The server refused the node key (or the enroll secret); the caller re-enrolls. */
    public NodeInvalidException nodeInvalid(String rpc, String why) {
        return new NodeInvalidException(rpc + " to " + server + ": the server refused the "
                + ("RequestEnrollment".equals(rpc) ? "enroll secret" : "node key") + " (" + why + ")");
    }

    /** The call failed; nothing is known to have been accepted. */
    public ServiceUnavailableException unavailable(String rpc, String why) {
        return new ServiceUnavailableException(rpc + " to " + server + " failed: " + why);
    }

    public ServiceUnavailableException unavailable(String rpc, String why, Throwable cause) {
        return new ServiceUnavailableException(rpc + " to " + server + " failed: " + why, cause);
    }

    /** Throws for a reply that says node_invalid or carries an error code; the transports' replies share these. */
    public void checkReply(String rpc, boolean nodeInvalid, String errorCode) {
        if (nodeInvalid) {
            throw nodeInvalid(rpc, "node_invalid");
        }
        if (errorCode != null && !errorCode.isEmpty()) {
            throw unavailable(rpc, "the server answered with error code \"" + errorCode + "\"");
        }
    }
}
