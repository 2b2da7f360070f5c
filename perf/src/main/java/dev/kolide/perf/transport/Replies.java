package dev.kolide.perf.transport;

import java.util.Map;

/** The answers a transport turns fleet's responses into. */
public final class Replies {
    private Replies() {}

    /** Enrollment: a node key, or node_invalid (a refused secret). */
    public record Enrolled(String nodeKey, boolean nodeInvalid) implements AgentReply {}

    /** Config, distributed write, logs: only whether the key was accepted. */
    public record Ack(boolean nodeInvalid) implements AgentReply {}

    /** Distributed read: query name → SQL. */
    public record Queries(Map<String, String> queries, boolean nodeInvalid) implements AgentReply {
        public Queries {
            queries = Map.copyOf(queries);
        }
    }
}
