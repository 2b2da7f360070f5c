package dev.kolide.osquery.sdk.testing;

import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionManager;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OptionInfo;
import dev.kolide.osquery.sdk.thrift.ExtensionProcessor;
import dev.kolide.osquery.sdk.transport.UnixSocketServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scripted osqueryd manager peer on a real socket: answers registerExtension with a scripted status and records
 * what it was sent.
 */
public final class FakeManager implements ExtensionManager, AutoCloseable {
    public final AtomicReference<ExtensionStatus> registerAnswer =
            new AtomicReference<>(new ExtensionStatus(0, "OK", 4242));
    public final AtomicReference<ExtensionStatus> pingAnswer = new AtomicReference<>(new ExtensionStatus(0, "pong", 0));
    public final List<ExtensionInfo> registeredInfos = new CopyOnWriteArrayList<>();
    public final List<Map<String, Map<String, List<Map<String, String>>>>> registeredRoutes =
            new CopyOnWriteArrayList<>();
    public final List<Long> deregistered = new CopyOnWriteArrayList<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final UnixSocketServer server;

    public FakeManager(Path socket) throws IOException {
        server = UnixSocketServer.start(socket, "fake-manager", ExtensionProcessor.forManager(this));
    }

    @Override
    public ExtensionStatus ping() {
        calls.add("ping");
        return pingAnswer.get();
    }

    @Override
    public ExtensionResponse call(String registry, String item, Map<String, String> request) {
        calls.add("call");
        return ExtensionResponse.failed("not scripted");
    }

    @Override
    public void shutdown() {
        calls.add("shutdown");
    }

    @Override
    public Map<Long, ExtensionInfo> extensions() {
        return Map.of();
    }

    @Override
    public Map<String, OptionInfo> options() {
        return Map.of("verbose", new OptionInfo("false", "false", "bool"));
    }

    @Override
    public ExtensionStatus registerExtension(ExtensionInfo info,
            Map<String, Map<String, List<Map<String, String>>>> registry) {
        calls.add("registerExtension");
        registeredInfos.add(info);
        registeredRoutes.add(registry);
        return registerAnswer.get();
    }

    @Override
    public ExtensionStatus deregisterExtension(long uuid) {
        calls.add("deregisterExtension");
        deregistered.add(uuid);
        return ExtensionStatus.ok();
    }

    @Override
    public ExtensionResponse query(String sql) {
        return ExtensionResponse.ok(List.of(Map.of("sql", sql)));
    }

    @Override
    public ExtensionResponse getQueryColumns(String sql) {
        return ExtensionResponse.ok(List.of(Map.of("sql", "TEXT")));
    }

    @Override
    public void close() {
        server.close();
    }
}
