package dev.kolide.fleet.service.api.carves;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.CarveMetadata;
import java.io.InputStream;

/** A carve and its reassembled content, read lazily a block at a time; close {@code content} when done. */
public record CarveContent(CarveMetadata carve, InputStream content) {

    public CarveContent {
        requireNonNull(carve, "carve is null");
        requireNonNull(content, "content is null");
    }
}
