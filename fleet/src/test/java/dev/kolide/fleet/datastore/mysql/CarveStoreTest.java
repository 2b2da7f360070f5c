package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.datastore.AlreadyExistsException;
import dev.kolide.fleet.datastore.ConflictException;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.CarveMetadata;
import dev.kolide.fleet.domain.NewCarve;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CarveStoreTest extends DatastoreTestBase {
    private static final int BLOCK_SIZE = 8192;

    private CarveMetadata carve(String name, long blockCount) {
        return ds.carves().create(new NewCarve(1, name, blockCount, BLOCK_SIZE, blockCount * BLOCK_SIZE - 100,
                "carve-guid-" + name, "request-" + name, "session-" + name));
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void blocksReassembleInOrderAsAStream() throws IOException {
        CarveMetadata carve = carve("reassembled", 3);
        byte[] b0 = bytes(BLOCK_SIZE, 0);
        byte[] b1 = bytes(BLOCK_SIZE, 1);
        byte[] b2 = bytes(BLOCK_SIZE - 100, 2);

        ds.carves().appendBlock(carve.id(), 0, b0);
        ds.carves().appendBlock(carve.id(), 1, b1);
        ds.carves().appendBlock(carve.id(), 2, b2);

        CarveMetadata stored = ds.carves().findBySessionId("session-reassembled").orElseThrow();
        assertThat(stored.blocksReceived()).isEqualTo(3);
        assertThat(stored.isComplete()).isTrue();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(b0);
        expected.writeBytes(b1);
        expected.writeBytes(b2);
        try (InputStream content = ds.carves().openContent(carve.id())) {
            assertThat(content.read()).isEqualTo(b0[0] & 0xff);
            byte[] rest = content.readAllBytes();
            assertThat(rest.length).isEqualTo(3 * BLOCK_SIZE - 101);
            assertThat(rest).isEqualTo(Arrays.copyOfRange(expected.toByteArray(), 1, expected.size()));
        }
    }

    @Test
    void blocksMustArriveInSequenceWithinTheAnnouncedCount() {
        CarveMetadata carve = carve("sequence", 2);

        assertThatThrownBy(() -> ds.carves().appendBlock(carve.id(), 1, bytes(10, 1)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("carve \"sequence\" expects block 0, got block 1");
        ds.carves().appendBlock(carve.id(), 0, bytes(10, 0));
        assertThatThrownBy(() -> ds.carves().appendBlock(carve.id(), 0, bytes(10, 0)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("carve \"sequence\" expects block 1, got block 0");
        ds.carves().appendBlock(carve.id(), 1, bytes(10, 1));
        assertThatThrownBy(() -> ds.carves().appendBlock(carve.id(), 2, bytes(10, 2)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("has 2 blocks");
        assertThatThrownBy(() -> ds.carves().appendBlock(404, 0, bytes(10, 0)))
                .isInstanceOf(NotFoundException.class);
        assertThat(ds.carves().find(carve.id()).orElseThrow().maxBlock()).isEqualTo(1);
    }

    @Test
    void aTakenSessionIdOrNameIsAlreadyExists() {
        carve("first", 1);

        assertThatThrownBy(() -> ds.carves().create(new NewCarve(2, "other", 1, 1, 1, "g", "r", "session-first")))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> ds.carves().create(new NewCarve(2, "first", 1, 1, 1, "g", "r", "session-other")))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void expiryDeletesBlocksOfOldCarvesAndKeepsTheirMetadata() {
        CarveMetadata old = carve("old", 2);
        ds.carves().appendBlock(old.id(), 0, bytes(10, 0));
        clock.advance(Duration.ofDays(2));
        CarveMetadata recent = carve("recent", 1);
        ds.carves().appendBlock(recent.id(), 0, bytes(10, 0));

        assertThat(ds.carves().expireCreatedBefore(T0.plus(Duration.ofDays(1)))).isEqualTo(1);

        assertThat(ds.carves().find(old.id()).orElseThrow().expired()).isTrue();
        assertThat(ds.carves().find(recent.id()).orElseThrow().expired()).isFalse();
        assertThatThrownBy(() -> ds.carves().openContent(old.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> ds.carves().appendBlock(old.id(), 1, bytes(10, 1)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("carve \"old\" has expired");
        assertThat(ds.carves().list(ListOptions.all())).extracting(CarveMetadata::name).containsExactly("old", "recent");
        assertThat(ds.carves().findByName("recent")).isPresent();
        long blocks = sql.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM carve_blocks").mapTo(Long.class).one());
        assertThat(blocks).isEqualTo(1);
    }

    @Test
    void anEmptyCarveReadsAsNothing() throws IOException {
        CarveMetadata carve = carve("empty", 1);

        try (InputStream content = ds.carves().openContent(carve.id())) {
            assertThat(content.read()).isEqualTo(-1);
        }
    }
}
