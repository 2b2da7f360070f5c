/**
 * The osquery runtime (reference launcher.md §1.2): {@link dev.kolide.launcher.runtime.OsqueryInstance} starts
 * osqueryd, serves the launcher's extension plugins on its socket, checks both are healthy and restarts osqueryd
 * with back-off, forever, until shut down; {@link dev.kolide.launcher.runtime.OsqueryOptions} are its functional
 * options.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Process group: osqueryd starts through util-linux {@code setsid} (which execs, so the pid is osqueryd's and
 *       is its group id) and is stopped with {@code kill -TERM -- -pgid}, a grace period, then {@code kill -KILL}; the
 *       group is also killed after osqueryd dies on its own, so its orphaned children do not linger. Without setsid
 *       the JVM-visible descendants are signalled instead.</li>
 *   <li>Socket path: at most 97 bytes (osquery-go's limit; extensions listen on {@code <socket>.<uuid>}). A longer
 *       one fails {@code create} with a message naming the fix; no other path is substituted, since users point
 *       osqueryi at the socket they configured.</li>
 *   <li>Output: osqueryd's stdout and stderr go line by line to the launcher's log at debug (logger
 *       {@code dev.kolide.launcher.runtime.osqueryd}) unless a file or stream is given.</li>
 *   <li>Stale files: a socket nothing listens on and a pidfile naming a dead process are removed before each start;
 *       a live owner is left alone (pids get reused), and osqueryd reports the conflict.</li>
 *   <li>Plugins outlive each osqueryd: a restart does not shut them down; the runtime's shutdown does, once.</li>
 * </ul>
 */
package dev.kolide.launcher.runtime;
