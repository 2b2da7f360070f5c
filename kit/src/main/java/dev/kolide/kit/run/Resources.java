package dev.kolide.kit.run;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a composition root opened, closed in reverse order: the last thing opened may use the ones before it. A
 * failure to close one is logged and the rest are still closed, so a shutdown never stops half way.
 */
public final class Resources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Remembers {@code resource} to be closed; returns it. */
    public synchronized <T extends AutoCloseable> T add(T resource) {
        opened.add(requireNonNull(resource, "resource is null"));
        return resource;
    }

    /** Closes everything added, newest first, once. */
    @Override
    public synchronized void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            AutoCloseable resource = opened.get(i);
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", resource, e.toString());
            }
        }
        opened.clear();
    }
}
