package dev.kolide.perf.transport;

import java.util.Map;

/** An open stream of live queries fleet pushes to one host ({@code WatchQueries}); cancel it to close it. */
public interface QueryWatch {

    void cancel();

    /** What the stream delivers; called on the transport's threads, so it must not block. */
    interface Listener {
        /** New live queries (query name → SQL); heartbeats (empty collections) are not passed on. */
        void onQueries(Map<String, String> queries);

        /** fleet refused the node key: the stream is over and the host must enroll again. */
        void onNodeInvalid();

        /**
         * The stream ended (fleet stopped, the connection broke, it was cancelled).
         *
         * @param unsupported fleet does not have the call (an older server): do not open it again
         */
        void onEnd(boolean unsupported);
    }
}
