package dev.kolide.launcher.service;

import java.util.List;
import java.util.Optional;

/**
 * The server's live-query stream ({@code WatchQueries}, gRPC only): live queries arrive the moment they start
 * instead of at the next distributed read. Servers without it (Kolide Fleet) answer
 * {@link PushUnsupportedException}; the launcher then relies on distributed reads alone.
 */
public interface QueryPush {

    /**
     * Opens the stream for the host with {@code nodeKey}.
     *
     * @throws NodeInvalidException when the server refuses the key
     * @throws PushUnsupportedException when the server has no such stream
     * @throws ServiceUnavailableException when the server cannot be reached
     */
    Stream watch(String nodeKey);

    /** An open stream. Closing it (from any thread) ends a blocked {@link #next()}. */
    interface Stream extends AutoCloseable {
        /**
         * Blocks for the next batch of queries; an empty list is a heartbeat; empty when the server ended the stream
         * or it was closed.
         *
         * @throws NodeInvalidException, PushUnsupportedException, ServiceUnavailableException as {@link #watch}
         */
        Optional<List<DistributedQuery>> next();

        @Override
        void close();
    }
}
