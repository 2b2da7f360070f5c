/**
 * Run groups: a program is a set of actors (an HTTP server, a signal listener, a periodic job) that start
 * together and stop together, as oklog/run and kolide/kit's {@code actor} do it in Go.
 *
 * <p>{@link dev.kolide.kit.run.RunGroup} runs the actors; {@link dev.kolide.kit.run.SignalActor} ends a
 * group on SIGINT or SIGTERM; {@link dev.kolide.kit.run.PeriodicActor} runs a task every interval.
 */
package dev.kolide.kit.run;
