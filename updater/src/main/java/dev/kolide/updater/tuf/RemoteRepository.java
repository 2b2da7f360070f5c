package dev.kolide.updater.tuf;

import java.util.Optional;

/**
 * Where metadata comes from: Notary's {@code GET /v2/<gun>/_trust/tuf/<name>} over HTTP(S), or a directory in
 * tests. Implementations read at most {@code maxBytes} and fail past it (endless-data attacks).
 */
public interface RemoteRepository {

    /**
     * The exact served bytes of metadata file {@code name} ({@code root.json}, {@code 2.root.json},
     * {@code timestamp.json}, {@code snapshot.json}, {@code targets.json}, {@code targets/releases.json} ...), or
     * empty when the server says it does not exist (404).
     *
     * @throws FetchFailedException for any other failure, including a body longer than {@code maxBytes}
     */
    Optional<byte[]> fetch(String name, long maxBytes);
}
