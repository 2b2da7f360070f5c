package dev.kolide.launcher.extension;

import static java.util.Objects.requireNonNull;

import dev.kolide.launcher.enroll.NodeKeys;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.store.LogBatch;
import dev.kolide.launcher.store.LogBuffer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends buffered logs to the server (reference launcher.md §1.4): status first, then results, oldest first, in
 * batches the buffer bounds (3 MiB). A batch is deleted only after the server accepted it; on any failure the
 * pass stops and the logs stay for the next one, so an unreachable server costs nothing but disk.
 */
public final class LogPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(LogPublisher.class);
    private static final List<LogKind> ORDER = List.of(LogKind.STATUS, LogKind.RESULT, LogKind.AGENT);

    private final KolideService service;
    private final NodeKeys nodeKeys;
    private final LogBuffer buffer;

    public LogPublisher(KolideService service, NodeKeys nodeKeys, LogBuffer buffer) {
        this.service = requireNonNull(service, "service is null");
        this.nodeKeys = requireNonNull(nodeKeys, "nodeKeys is null");
        this.buffer = requireNonNull(buffer, "buffer is null");
    }

    /** One pass over every kind; returns how many logs the server accepted. Never throws for a server failure. */
    public long flush() {
        long sent = 0;
        for (LogKind kind : ORDER) {
            try {
                sent += drain(kind);
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("type", kind).addKeyValue("buffered", buffer.count(kind))
                        .addKeyValue("err", e.getMessage())
                        .log("publishing logs failed; they stay buffered for the next attempt");
                break;
            }
        }
        if (sent > 0) {
            buffer.compact();
            LOG.atDebug().addKeyValue("sent", sent).log("published logs");
        }
        return sent;
    }

    private long drain(LogKind kind) {
        long sent = 0;
        Optional<LogBatch> next = buffer.nextBatch(kind);
        while (next.isPresent()) {
            LogBatch batch = next.get();
            nodeKeys.call(key -> {
                service.publishLogs(key, kind, batch.logs());
                return null;
            });
            buffer.acknowledge(batch);
            sent += batch.logs().size();
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            next = buffer.nextBatch(kind);
        }
        return sent;
    }
}
