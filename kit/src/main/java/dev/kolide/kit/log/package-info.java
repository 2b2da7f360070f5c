/**
 * Structured logging over SLF4J and Logback, as kolide/kit's logutil: one line per event, logfmt for
 * command-line tools and JSON for servers, with the same keys ({@code ts level caller msg}, the event's
 * key-values, MDC entries such as {@code request_id}, {@code logger}, {@code err}, {@code stacktrace}).
 *
 * <p>A program wires it once in {@code main}:
 * <pre>{@code
 * LogLevelSwitch levels = LogSetup.configure(withFormat(LogFormat.JSON), withDebug(flags.debug()));
 * Optional<DebugSignal> usr2 = DebugSignal.installUsr2(levels);   // kill -USR2 <pid> flips debug
 * Logger log = LoggerFactory.getLogger(FleetServer.class);
 * log.atInfo().addKeyValue("addr", flags.address()).log("listening");
 * }</pre>
 * and passes {@code levels} on to whatever else may switch debug at run time (an admin endpoint, say).
 *
 * <p>Before {@code main} runs, {@link dev.kolide.kit.log.KitLogbackConfigurator} (registered as a Logback
 * service) gives the same logfmt format at INFO and keeps Logback from reading logback.xml.
 */
package dev.kolide.kit.log;
