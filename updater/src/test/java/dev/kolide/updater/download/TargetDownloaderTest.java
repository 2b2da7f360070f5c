package dev.kolide.updater.download;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.updater.http.TestServer;
import dev.kolide.updater.tuf.FetchFailedException;
import dev.kolide.updater.tuf.Target;
import dev.kolide.updater.tuf.VerificationFailedException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetDownloaderTest {
    private static final String NAME = "linux/osqueryd-stable.tar.gz";
    private static final String PATH = "/kolide/osqueryd/" + NAME;
    private static final byte[] GOOD = content(10_000);
    private static final byte[] OLD = "the previous build, which must survive a failed download".getBytes(UTF_8);

    @TempDir
    Path dir;

    private TestServer mirror;
    private TargetDownloader downloader;
    private Path destination;

    @BeforeEach
    void start() throws Exception {
        mirror = new TestServer();
        downloader = new TargetDownloader(TestServer.http(TestServer.shortTimeouts()), mirror.url(),
                "kolide/osqueryd");
        destination = dir.resolve("osqueryd-stable.tar.gz");
        Files.write(destination, OLD);
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    @Test
    void aMatchingFileReplacesTheDestinationAndProgressReachesTheTotal() throws Exception {
        mirror.serve(PATH, 200, GOOD);
        List<long[]> progress = new ArrayList<>();

        downloader.download(target(GOOD, "sha256", "sha512"), destination,
                (bytes, total) -> progress.add(new long[] {bytes, total}));

        assertThat(destination).hasBinaryContent(GOOD);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(GOOD.length, GOOD.length);
        assertThat(mirror.requests()).singleElement().satisfies(request ->
                assertThat(request.getRequestHeaders().getFirst("Cache-Control")).isEqualTo("no-store"));
        assertOnlyDestinationLeft();
    }

    @Test
    void aNewDestinationIsCreated() throws Exception {
        mirror.serve(PATH, 200, GOOD);
        Path fresh = dir.resolve("fresh.tar.gz");

        downloader.download(target(GOOD, "sha512"), fresh, (bytes, total) -> { });

        assertThat(fresh).hasBinaryContent(GOOD);
    }

    @Test
    void anEmptyTargetWithItsHashIsFine() throws Exception {
        mirror.serve(PATH, 200, new byte[0]);

        downloader.download(target(new byte[0], "sha256"), destination, (bytes, total) -> { });

        assertThat(destination).hasBinaryContent(new byte[0]);
    }

    /** What the mirror serves instead of GOOD, and the check that must fail. */
    static Stream<Arguments> badDownloads() {
        byte[] altered = GOOD.clone();
        altered[GOOD.length / 2] ^= 1;
        byte[] alteredLast = GOOD.clone();
        alteredLast[GOOD.length - 1] ^= (byte) 0x80;
        return Stream.of(
                Arguments.of("truncated by one byte", Arrays.copyOf(GOOD, GOOD.length - 1), "length"),
                Arguments.of("truncated to half", Arrays.copyOf(GOOD, GOOD.length / 2), "length"),
                Arguments.of("one byte altered in the middle", altered, "hash"),
                Arguments.of("last byte altered", alteredLast, "hash"),
                Arguments.of("one byte longer", Arrays.copyOf(GOOD, GOOD.length + 1), "length"),
                Arguments.of("much longer", Arrays.copyOf(GOOD, GOOD.length * 100), "length"),
                Arguments.of("empty", new byte[0], "length"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badDownloads")
    void aFileThatIsNotTheTrustedOneIsRefusedAndNothingIsReplaced(String what, byte[] served, String check)
            throws Exception {
        mirror.serve(PATH, 200, served);

        for (String[] algorithms : List.of(new String[] {"sha256"}, new String[] {"sha512"},
                new String[] {"sha256", "sha512"})) {
            assertThatThrownBy(() -> downloader.download(target(GOOD, algorithms), destination, (b, t) -> { }))
                    .as("%s with %s", what, Arrays.toString(algorithms))
                    .isInstanceOfSatisfying(VerificationFailedException.class, e -> {
                        assertThat(e.role()).isEqualTo(NAME);
                        assertThat(e.check()).isEqualTo(check);
                        assertThat(e.getMessage()).startsWith(NAME + ": " + check + ": ");
                    });
            assertThat(destination).hasBinaryContent(OLD);
            assertOnlyDestinationLeft();
        }
    }

    @Test
    void aWrongHashOfTwoIsEnoughToRefuse() throws Exception {
        mirror.serve(PATH, 200, GOOD);
        Map<String, byte[]> hashes = new HashMap<>(target(GOOD, "sha256", "sha512").hashes());
        hashes.put("sha512", digest("SHA-512", "something else".getBytes(UTF_8)));

        assertThatThrownBy(() -> downloader.download(new Target(NAME, GOOD.length, hashes, "targets"), destination,
                (b, t) -> { }))
                .isInstanceOfSatisfying(VerificationFailedException.class, e -> {
                    assertThat(e.check()).isEqualTo("hash");
                    assertThat(e.getMessage()).contains("sha512");
                });
        assertThat(destination).hasBinaryContent(OLD);
        assertOnlyDestinationLeft();
    }

    @Test
    void onlyUnknownHashAlgorithmsAreRefusedBeforeAnyRequest() throws Exception {
        mirror.serve(PATH, 200, GOOD);
        Target md5Only = new Target(NAME, GOOD.length, Map.of("md5", digest("MD5", GOOD)), "targets");

        assertThatThrownBy(() -> downloader.download(md5Only, destination, (b, t) -> { }))
                .isInstanceOfSatisfying(VerificationFailedException.class, e -> {
                    assertThat(e.check()).isEqualTo("hash");
                    assertThat(e.getMessage()).contains("no sha256 or sha512", "md5");
                });
        assertThat(mirror.requests()).isEmpty();
        assertThat(destination).hasBinaryContent(OLD);
        assertOnlyDestinationLeft();
    }

    @Test
    void anUnknownAlgorithmNextToAKnownOneIsIgnored() throws Exception {
        mirror.serve(PATH, 200, GOOD);
        Map<String, byte[]> hashes = new HashMap<>(target(GOOD, "sha256").hashes());
        hashes.put("blake3", new byte[32]);

        downloader.download(new Target(NAME, GOOD.length, hashes, "targets"), destination, (b, t) -> { });

        assertThat(destination).hasBinaryContent(GOOD);
    }

    @Test
    void aMissingFileOnTheMirrorIsAFetchFailure() throws Exception {
        assertThatThrownBy(() -> downloader.download(target(GOOD, "sha256"), destination, (b, t) -> { }))
                .isInstanceOfSatisfying(FetchFailedException.class, e -> {
                    assertThat(e.role()).isEqualTo(NAME);
                    assertThat(e.getMessage()).contains(mirror.base() + PATH, "HTTP 404");
                });
        assertThat(destination).hasBinaryContent(OLD);
        assertOnlyDestinationLeft();
    }

    @Test
    void aStallMidwayIsAFetchFailure() throws Exception {
        mirror.on(PATH, exchange -> {
            exchange.sendResponseHeaders(200, GOOD.length);
            OutputStream out = exchange.getResponseBody();
            out.write(GOOD, 0, 100);
            out.flush();
            mirror.waitForClose();
        });

        assertThatThrownBy(() -> downloader.download(target(GOOD, "sha256"), destination, (b, t) -> { }))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("no data for");
        assertThat(destination).hasBinaryContent(OLD);
        assertOnlyDestinationLeft();
    }

    @Test
    void aDirectoryAsDestinationIsRefused() {
        mirror.serve(PATH, 200, GOOD);

        assertThatThrownBy(() -> downloader.download(target(GOOD, "sha256"), dir, (b, t) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void theMirrorUrlIsMirrorGunTarget() {
        assertThat(downloader.targetUri(NAME)).hasToString(mirror.base() + PATH);
        assertThatThrownBy(() -> downloader.targetUri("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertOnlyDestinationLeft() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file is left behind").containsExactly(destination);
        }
    }

    private static Target target(byte[] content, String... algorithms) throws Exception {
        Map<String, byte[]> hashes = new HashMap<>();
        for (String algorithm : algorithms) {
            hashes.put(algorithm, digest(algorithm.equals("sha256") ? "SHA-256" : "SHA-512", content));
        }
        return new Target(NAME, content.length, hashes, "targets");
    }

    private static byte[] digest(String algorithm, byte[] content) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(content);
    }

    private static byte[] content(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
