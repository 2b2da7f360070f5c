package dev.kolide.cmd.osqueryperf;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.flags.GoDuration;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.perf.Simulation;
import dev.kolide.perf.SimulationSettings;
import dev.kolide.perf.host.HostTemplates;
import dev.kolide.perf.host.NodeKeyStore;
import dev.kolide.perf.stats.Report;
import dev.kolide.perf.stats.ReportFormat;
import dev.kolide.perf.transport.AgentTransport;
import dev.kolide.perf.transport.GrpcTransport;
import dev.kolide.perf.transport.TlsTransport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The flags, checked, turned into one {@link Simulation}, run, and reported on stdout. */
@Command(name = "osquery-perf", mixinStandardHelpOptions = true,
        description = "Simulates many osquery (TLS API) or launcher (gRPC) hosts in one process against a fleet, and"
                + " reports requests/s, errors and latency per endpoint.")
final class OsqueryPerfCommand implements Callable<Integer> {
    @Mixin
    private ConfigFileOption config;

    @Option(names = "--fleet_url", defaultValue = "https://localhost:8080", paramLabel = "URL",
            description = "fleet's address, https://host:port (default: ${DEFAULT-VALUE})")
    private String fleetUrl;

    @Option(names = "--enroll_secret", defaultValue = "", paramLabel = "SECRET", description = "The enroll secret")
    private String enrollSecret;

    @Option(names = "--hosts", defaultValue = "100", paramLabel = "N",
            description = "How many hosts to simulate (default: ${DEFAULT-VALUE})")
    private int hosts;

    @Option(names = "--transport", defaultValue = "tls", paramLabel = "tls|grpc",
            description = "tls: osquery's TLS API; grpc: the launcher's kolide.agent.Api (default: ${DEFAULT-VALUE})")
    private String transport;

    @Option(names = "--start_period", defaultValue = "10s", converter = GoDuration.class, paramLabel = "DURATION",
            description = "Hosts start evenly spread over this period (default: ${DEFAULT-VALUE})")
    private Duration startPeriod;

    @Option(names = "--distributed_interval", defaultValue = "10s", converter = GoDuration.class,
            paramLabel = "DURATION", description = "Distributed read (and write) interval (default: ${DEFAULT-VALUE})")
    private Duration distributedInterval;

    @Option(names = "--config_interval", defaultValue = "1m", converter = GoDuration.class, paramLabel = "DURATION",
            description = "Config refresh interval (default: ${DEFAULT-VALUE})")
    private Duration configInterval;

    @Option(names = "--logger_interval", defaultValue = "10s", converter = GoDuration.class, paramLabel = "DURATION",
            description = "Log send interval (default: ${DEFAULT-VALUE})")
    private Duration loggerInterval;

    @Option(names = "--duration", defaultValue = "5m", converter = GoDuration.class, paramLabel = "DURATION",
            description = "How long to run (default: ${DEFAULT-VALUE})")
    private Duration duration;

    @Option(names = "--report_interval", defaultValue = "10s", converter = GoDuration.class, paramLabel = "DURATION",
            description = "How often to report (default: ${DEFAULT-VALUE})")
    private Duration reportInterval;

    @Option(names = "--root_pem", defaultValue = "", paramLabel = "FILE",
            description = "PEM file of the CA certificates to trust (default: the system's)")
    private String rootPem;

    @Option(names = "--insecure", description = "Do not verify fleet's TLS certificate")
    private boolean insecure;

    @Option(names = "--node_key_file", defaultValue = "", paramLabel = "FILE",
            description = "Keeps node keys here so a rerun reuses them instead of re-enrolling (default: none)")
    private String nodeKeyFile;

    @Option(names = "--query_no_result_probability", defaultValue = "0.2", paramLabel = "P",
            description = "Chance that a live query finds no rows on a host (default: ${DEFAULT-VALUE})")
    private double noResultProbability;

    @Option(names = "--host_prefix", defaultValue = "perf-host", paramLabel = "PREFIX",
            description = "Host names are PREFIX-00000 ...; another prefix simulates other hosts (default: "
                    + "${DEFAULT-VALUE})")
    private String hostPrefix;

    @Option(names = "--result_logs_per_interval", defaultValue = "1", paramLabel = "N",
            description = "Result log lines each host produces per logger interval (default: ${DEFAULT-VALUE})")
    private int resultLogsPerInterval;

    @Option(names = "--max_in_flight", defaultValue = "256", paramLabel = "N",
            description = "Requests in flight at once; more wait (back-pressure) (default: ${DEFAULT-VALUE})")
    private int maxInFlight;

    @Option(names = "--http_version", defaultValue = "1.1", paramLabel = "1.1|2",
            description = "HTTP version of the TLS transport: 1.1 (keep-alive connections, as osquery) or 2 (one"
                    + " multiplexed connection) (default: ${DEFAULT-VALUE})")
    private String httpVersion;

    @Option(names = "--request_timeout", defaultValue = "30s", converter = GoDuration.class, paramLabel = "DURATION",
            description = "Timeout of each request (default: ${DEFAULT-VALUE})")
    private Duration requestTimeout;

    @Option(names = "--watch_queries", description = "grpc: each host also holds a WatchQueries stream open and"
            + " answers pushed live queries at once, as a launcher does")
    private boolean watchQueries;

    @Option(names = "--grpc_connections", defaultValue = "0", paramLabel = "N",
            description = "grpc: HTTP/2 connections the hosts share (default: 1, or one per "
                    + GrpcTransport.WATCHING_HOSTS_PER_CHANNEL + " hosts with --watch_queries)")
    private int grpcConnections;

    @Option(names = "--json", description = "Print each report as one JSON object per line")
    private boolean json;

    @Spec
    private CommandSpec spec;

    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper mapper;
    private final Clock clock;

    OsqueryPerfCommand(PrintWriter out, PrintWriter err, ObjectMapper mapper, Clock clock) {
        this.out = out;
        this.err = err;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        SimulationSettings settings = settings();
        URI url = fleetUrl();
        ClientTrust trust = insecure ? ClientTrust.insecureSkipVerification()
                : rootPem.isBlank() ? ClientTrust.systemRoots() : ClientTrust.rootsFromPem(Path.of(rootPem));
        NodeKeyStore keys = nodeKeyFile.isBlank() ? NodeKeyStore.inMemory() : NodeKeyStore.file(Path.of(nodeKeyFile));
        HostTemplates templates = new HostTemplates(new HostTemplates.Intervals(distributedInterval, configInterval,
                loggerInterval), noResultProbability, clock, mapper);
        if (watchQueries && !transport.equals("grpc")) {
            throw usage("--watch_queries needs --transport grpc");
        }
        ReportFormat format = new ReportFormat(mapper);
        err.printf("osquery-perf: %d hosts over %s to %s, %s, for %s (%d node keys reused)%n", hosts, transport,
                url, startPeriod, duration, keys.size());
        err.flush();
        try (Simulation simulation = new Simulation(settings, transport(url, trust), templates, keys)) {
            Report last = simulation.run(report -> {
                out.println(json ? format.json(report) : format.text(report));
                out.flush();
            });
            return last.enrolled() > 0 ? 0 : 1;
        }
    }

    private SimulationSettings settings() {
        if (enrollSecret.isBlank() && nodeKeyFile.isBlank()) {
            throw usage("--enroll_secret is required (or --node_key_file with keys of enrolled hosts)");
        }
        try {
            return new SimulationSettings(hosts, hostPrefix, startPeriod, distributedInterval, configInterval,
                    loggerInterval, duration, reportInterval, noResultProbability, resultLogsPerInterval, 10_000,
                    maxInFlight, 2);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private URI fleetUrl() {
        try {
            URI url = URI.create(fleetUrl.contains("://") ? fleetUrl : "https://" + fleetUrl);
            if (url.getHost() == null) {
                throw usage("--fleet_url has no host: " + fleetUrl);
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw usage("--fleet_url is not a URL: " + fleetUrl);
        }
    }

    private AgentTransport transport(URI url, ClientTrust trust) {
        return switch (transport) {
            case "tls" -> TlsTransport.create(url, enrollSecret, trust, httpVersion(), requestTimeout, 2, maxInFlight,
                    mapper);
            case "grpc" -> GrpcTransport.create(url, enrollSecret, trust, requestTimeout, 2, grpcConnections(),
                    watchQueries);
            default -> throw usage("--transport must be tls or grpc, not " + transport);
        };
    }

    private int grpcConnections() {
        if (grpcConnections < 0) {
            throw usage("--grpc_connections must not be negative, not " + grpcConnections);
        }
        if (grpcConnections > 0) {
            return grpcConnections;
        }
        return watchQueries ? (hosts + GrpcTransport.WATCHING_HOSTS_PER_CHANNEL - 1)
                / GrpcTransport.WATCHING_HOSTS_PER_CHANNEL : 1;
    }

    private TlsTransport.Version httpVersion() {
        return switch (httpVersion) {
            case "1.1" -> TlsTransport.Version.HTTP_1_1;
            case "2" -> TlsTransport.Version.HTTP_2;
            default -> throw usage("--http_version must be 1.1 or 2, not " + httpVersion);
        };
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
