package dev.kolide.fleet.service.osquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.domain.CarveMetadata;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** File carving: announcement checks, block authentication and order, reassembly from the database. */
class CarveTest extends OsqueryDatabaseTestBase {
    private static final long MIB = 1024 * 1024;

    private AuthenticatedHost host() {
        return authenticate(enroll("uuid-1", "web-01.example.com"));
    }

    private static byte[] data(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void blocksSentInOrderReassembleToTheCarve() throws IOException {
        byte[] carve = data(20_000);
        CarveSession session = service.carveBegin(host(), new CarveBegin(3, 8192, carve.length,
                "b2c41a1c-0f0c-4b6f-9a64-5ad3c1c0e1a7", "kolide_distributed_query_17"));

        for (int block = 0; block < 3; block++) {
            byte[] bytes = Arrays.copyOfRange(carve, block * 8192, Math.min(carve.length, (block + 1) * 8192));
            service.carveBlock(new CarveBlock(session.sessionId(), "kolide_distributed_query_17", block, bytes));
        }

        CarveMetadata stored = ds.carves().find(session.carveId()).orElseThrow();
        assertThat(stored.isComplete()).isTrue();
        assertThat(stored.name()).isEqualTo("web-01.example.com-" + T0 + "-kolide_distributed_query_17");
        try (InputStream content = ds.carves().openContent(session.carveId())) {
            assertThat(content.readAllBytes()).isEqualTo(carve);
        }
        assertThat(session.toString()).doesNotContain(session.sessionId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no blocks                  | 0 | 8192     | 1        | carve-1 | req | block_count must be at least 1
            empty carve                | 1 | 8192     | 0        | carve-1 | req | carve_size must be 1 to 8589934592 bytes
            block too large            | 1 | 8388609  | 100      | carve-1 | req | block_size must be 1 to 8388608 bytes
            zero block size            | 1 | 0        | 100      | carve-1 | req | block_size must be 1 to 8388608 bytes
            carve over 8 GiB           | 1025 | 8388608 | 8589934593 | carve-1 | req | carve_size must be 1 to 8589934592 bytes
            too many blocks            | 3 | 8192     | 8192     | carve-1 | req | carve_size does not match block_size and block_count
            too few blocks             | 1 | 8192     | 8193     | carve-1 | req | carve_size does not match block_size and block_count
            more blocks than bytes     | 9223372036854775807 | 8192 | 100 | carve-1 | req | carve_size does not match block_size and block_count
            no carve id                | 1 | 8192     | 100      | ''      | req | carve_id must be 1 to 64 characters
            no request id              | 1 | 8192     | 100      | carve-1 | ''  | request_id must be 1 to 128 characters
            """)
    void impossibleAnnouncementsAreRefused(String name, long blockCount, long blockSize, long carveSize,
            String carveId, String requestId, String message) {
        AuthenticatedHost host = host();

        assertThatThrownBy(() -> service.carveBegin(host, new CarveBegin(blockCount, blockSize, carveSize, carveId,
                requestId))).isInstanceOf(InvalidOsqueryRequestException.class).hasMessage(message);
    }

    @Test
    void theLargestBlockAndCarveAreAccepted() {
        CarveSession session = service.carveBegin(host(), new CarveBegin(1024, 8 * MIB, 8192 * MIB, "c", "r"));

        assertThat(ds.carves().find(session.carveId()).orElseThrow().carveSize()).isEqualTo(8192 * MIB);
    }

    @Test
    void blocksAreAuthenticatedBySessionAndRequestId() {
        CarveSession session = service.carveBegin(host(), new CarveBegin(1, 100, 10, "c", "request-1"));

        assertThatThrownBy(() -> service.carveBlock(new CarveBlock("made-up", "request-1", 0, data(10))))
                .isInstanceOf(CarveSessionException.class).hasMessage("no carve has this session_id");
        assertThatThrownBy(() -> service.carveBlock(new CarveBlock(session.sessionId(), "request-2", 0, data(10))))
                .isInstanceOf(CarveSessionException.class).hasMessage("request_id does not match the carve session");
        assertThatThrownBy(() -> service.carveBlock(new CarveBlock("", "request-1", 0, data(10))))
                .isInstanceOf(CarveSessionException.class);
        assertThat(ds.carves().find(session.carveId()).orElseThrow().blocksReceived()).isZero();
    }

    @Test
    void blocksMustComeInOrderWithinTheCountAndWithTheAnnouncedSizes() {
        CarveSession session = service.carveBegin(host(), new CarveBegin(3, 100, 250, "c", "r"));
        String id = session.sessionId();

        assertThatThrownBy(() -> service.carveBlock(new CarveBlock(id, "r", 1, data(100))))
                .isInstanceOf(InvalidOsqueryRequestException.class).hasMessage("expected block 0, got block 1");
        assertThatThrownBy(() -> service.carveBlock(new CarveBlock(id, "r", 0, data(99))))
                .isInstanceOf(InvalidOsqueryRequestException.class).hasMessage("block 0 must hold 100 bytes, got 99");
        service.carveBlock(new CarveBlock(id, "r", 0, data(100)));
        assertThatThrownBy(() -> service.carveBlock(new CarveBlock(id, "r", 0, data(100))))
                .isInstanceOf(InvalidOsqueryRequestException.class).hasMessage("expected block 1, got block 0");
        service.carveBlock(new CarveBlock(id, "r", 1, data(100)));
        assertThatThrownBy(() -> service.carveBlock(new CarveBlock(id, "r", 2, data(100))))
                .isInstanceOf(InvalidOsqueryRequestException.class).hasMessage("block 2 must hold 50 bytes, got 100");
        service.carveBlock(new CarveBlock(id, "r", 2, data(50)));
        assertThatThrownBy(() -> service.carveBlock(new CarveBlock(id, "r", 3, data(50))))
                .isInstanceOf(InvalidOsqueryRequestException.class).hasMessage("block_id must be 0 to 2, got 3");

        assertThat(ds.carves().find(session.carveId()).orElseThrow().isComplete()).isTrue();
    }

    @Test
    void blocksOfAnExpiredCarveAreRefused() {
        CarveSession session = service.carveBegin(host(), new CarveBegin(2, 100, 200, "c", "r"));
        ds.carves().expireCreatedBefore(T0.plusSeconds(1));

        assertThatThrownBy(() -> service.carveBlock(new CarveBlock(session.sessionId(), "r", 0, data(100))))
                .isInstanceOf(InvalidOsqueryRequestException.class).hasMessageEndingWith("has expired");
    }
}
