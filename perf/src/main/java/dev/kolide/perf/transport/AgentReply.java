package dev.kolide.perf.transport;

/** Any answer of fleet to a host: all of them can tell the host that its node key is no longer valid. */
public interface AgentReply {
    boolean nodeInvalid();
}
