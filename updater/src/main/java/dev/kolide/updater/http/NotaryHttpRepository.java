package dev.kolide.updater.http;

import static java.util.Objects.requireNonNull;

import dev.kolide.updater.tuf.FetchFailedException;
import dev.kolide.updater.tuf.RemoteRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Notary's TUF metadata over HTTP(S): {@code GET <notary>/v2/<gun>/_trust/tuf/<name>}. Bodies are read up to the
 * caller's cap and no further; 404 (Notary answers {@code {"errors":[{"code":"METADATA_NOT_FOUND",...}]}}) means
 * "does not exist", every other status or failure is a {@link FetchFailedException} naming the file.
 */
public final class NotaryHttpRepository implements RemoteRepository {
    private static final long HEALTH_CAP = 64 * 1024;

    private final BoundedGet http;
    private final ServerUrl notary;
    private final String gun;

    public NotaryHttpRepository(BoundedGet http, ServerUrl notary, String gun) {
        this.http = requireNonNull(http, "http is null");
        this.notary = requireNonNull(notary, "notary is null");
        this.gun = RepositoryPaths.check("GUN", gun);
    }

    /** Where {@code name} is served. */
    public URI metadataUri(String name) {
        return notary.resolve("v2/" + gun + "/_trust/tuf/" + RepositoryPaths.check("metadata name", name));
    }

    @Override
    public Optional<byte[]> fetch(String name, long maxBytes) {
        URI uri = metadataUri(name);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BoundedGet.Response response = get(name, uri, maxBytes, chunk -> copy(chunk, body));
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw new FetchFailedException(name, HttpFailures.status(uri, response), null);
        }
        return Optional.of(body.toByteArray());
    }

    /** {@code GET /_notary_server/health}: whether the server says it can serve (200). */
    public void health() {
        URI uri = notary.resolve("_notary_server/health");
        BoundedGet.Response response = get("notary health", uri, HEALTH_CAP, chunk -> chunk.position(chunk.limit()));
        if (response.status() != 200) {
            throw new FetchFailedException("notary health", HttpFailures.status(uri, response), null);
        }
    }

    private BoundedGet.Response get(String what, URI uri, long cap, BodySink sink) {
        try {
            return http.get(uri, cap, sink);
        } catch (BodyTooLargeException e) {
            throw new FetchFailedException(what, "GET " + uri + ": longer than the " + e.cap() + " bytes allowed"
                    + " for it", e);
        } catch (IOException e) {
            throw new FetchFailedException(what, "GET " + uri + ": " + HttpFailures.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailedException(what, "GET " + uri + ": interrupted", e);
        }
    }

    private static void copy(ByteBuffer chunk, ByteArrayOutputStream body) {
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        body.write(bytes, 0, bytes.length);
    }

    @Override
    public String toString() {
        return "Notary " + notary + " GUN " + gun;
    }
}
