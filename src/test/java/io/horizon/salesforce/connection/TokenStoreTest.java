package io.horizon.salesforce.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenStoreTest {

    private static final String ACCESS_TOKEN = "00DAk000000Org1!AQEAQFakeAccessTokenText";
    private static final String REFRESH_TOKEN = "5Aep861FakeRefreshTokenText";

    @TempDir
    Path tempDir;

    private final StoredConnection connection = StoredConnectionTest.connected(ACCESS_TOKEN, REFRESH_TOKEN)
            .withTokens(ACCESS_TOKEN, null, Instant.parse("2026-02-11T10:15:30.123456789Z"));

    @Test
    void savedConnectionLoadsBackEqual() {
        TokenStore store = new TokenStore(tempDir, null);

        store.save(connection);

        assertThat(store.load()).contains(connection);
    }

    @Test
    void loadIsEmptyWhenNothingWasSaved() {
        TokenStore store = new TokenStore(tempDir, null);

        assertThat(store.load()).isEmpty();
    }

    @Test
    void connectionWithNullFieldsLoadsBackEqual() {
        TokenStore store = new TokenStore(tempDir, null);
        StoredConnection empty = new StoredConnection(ConnectionStatus.NOT_CONNECTED, null, null, null, null, null,
                null, null, null, null, null, null);

        store.save(empty);

        assertThat(store.load()).contains(empty);
    }

    @Test
    void secondStoreWithTheSameKeyFileReadsTheConnection() {
        new TokenStore(tempDir, null).save(connection);

        TokenStore reopened = new TokenStore(tempDir, "  ");

        assertThat(reopened.load()).contains(connection);
    }

    @Test
    void configuredKeyIsUsedInsteadOfAKeyFile() {
        String key = newKey();
        new TokenStore(tempDir, key).save(connection);

        TokenStore reopened = new TokenStore(tempDir, key);

        assertThat(reopened.load()).contains(connection);
        assertThat(tempDir.resolve(TokenStore.KEY_FILE)).doesNotExist();
    }

    @Test
    void wrongKeyFailsWithAClearErrorWithoutTokenText() {
        new TokenStore(tempDir, newKey()).save(connection);
        TokenStore otherKey = new TokenStore(tempDir, newKey());

        IllegalStateException error = assertThrows(IllegalStateException.class, otherKey::load);

        assertThat(error).hasMessageContaining("connection file")
                .hasMessageContaining("cannot be decrypted with the configured key");
        assertThat(messagesOf(error)).doesNotContain(ACCESS_TOKEN, REFRESH_TOKEN);
    }

    @Test
    void tamperedByteFailsToDecrypt() throws IOException {
        TokenStore store = new TokenStore(tempDir, null);
        store.save(connection);
        Path file = tempDir.resolve(TokenStore.CONNECTION_FILE);
        byte[] sealed = Files.readAllBytes(file);
        sealed[sealed.length / 2] ^= 0x01;
        Files.write(file, sealed);

        IllegalStateException error = assertThrows(IllegalStateException.class, store::load);

        assertThat(error).hasMessageContaining("cannot be decrypted with the configured key");
        assertThat(messagesOf(error)).doesNotContain(ACCESS_TOKEN, REFRESH_TOKEN);
    }

    @Test
    void tamperedVersionByteFailsToLoad() throws IOException {
        TokenStore store = new TokenStore(tempDir, null);
        store.save(connection);
        Path file = tempDir.resolve(TokenStore.CONNECTION_FILE);
        byte[] sealed = Files.readAllBytes(file);
        sealed[4] = 2;
        Files.write(file, sealed);

        IllegalStateException error = assertThrows(IllegalStateException.class, store::load);

        assertThat(error).hasMessageContaining("unsupported format version 2");
    }

    @Test
    void fileOnDiskContainsNoTokenText() throws IOException {
        TokenStore store = new TokenStore(tempDir, null);

        store.save(connection);

        String onDisk = new String(Files.readAllBytes(tempDir.resolve(TokenStore.CONNECTION_FILE)),
                StandardCharsets.ISO_8859_1);
        assertThat(onDisk).startsWith("HZTK").doesNotContain(ACCESS_TOKEN, REFRESH_TOKEN, "ada@acme.example");
    }

    @Test
    void keyFileConnectionFileAndDataDirAreOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dataDir = tempDir.resolve("missing").resolve("data");
        TokenStore store = new TokenStore(dataDir, null);

        store.save(connection);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(TokenStore.KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(TokenStore.CONNECTION_FILE)))).isEqualTo("rw-------");
    }

    @Test
    void keyFileHoldsBase64OfThirtyTwoBytes() throws IOException {
        new TokenStore(tempDir, null);

        byte[] key = Base64.getDecoder().decode(Files.readString(tempDir.resolve(TokenStore.KEY_FILE)).strip());

        assertThat(key).hasSize(32);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c2l4dGVlbi1ieXRlLWtleQ==",
        "ZmFrZS1rZXktb2YtdGhpcnR5LXRocmVlLWJ5dGVzISEh",
        "not base64, at all!"})
    void configuredKeyThatIsNotThirtyTwoBytesOfBase64FailsNamingTheVariable(String badKey) {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new TokenStore(tempDir, badKey));

        assertThat(error).hasMessageContaining("HORIZON_TOKEN_KEY").hasMessageContaining("openssl rand -base64 32");
        assertThat(messagesOf(error)).doesNotContain(badKey, badKey.substring(0, 8));
    }

    @Test
    void corruptKeyFileFailsNamingTheFile() throws IOException {
        Files.writeString(tempDir.resolve(TokenStore.KEY_FILE), "too-short");

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new TokenStore(tempDir, null));

        assertThat(error).hasMessageContaining(TokenStore.KEY_FILE).hasMessageNotContaining("too-short");
    }

    @Test
    void savesLeaveNoTemporaryFilesBehind() throws IOException {
        TokenStore store = new TokenStore(tempDir, null);

        store.save(connection);
        store.save(connection.withStatus(ConnectionStatus.EXPIRED));
        store.save(connection.withStatus(ConnectionStatus.CONNECTED));

        assertThat(fileNames(tempDir)).containsExactlyInAnyOrder(TokenStore.KEY_FILE, TokenStore.CONNECTION_FILE);
    }

    @Test
    void deleteRemovesTheConnectionAndKeepsTheKey() throws IOException {
        TokenStore store = new TokenStore(tempDir, null);
        store.save(connection);

        store.delete();

        assertThat(store.load()).isEmpty();
        assertThat(fileNames(tempDir)).containsExactly(TokenStore.KEY_FILE);
    }

    @Test
    void concurrentSavesEndInAReadableFileEqualToOneOfThem() throws Exception {
        TokenStore store = new TokenStore(tempDir, null);
        List<StoredConnection> saved = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            saved.add(connection.withTokens("access-" + i, "refresh-" + i, Instant.EPOCH.plusSeconds(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();

        try {
            for (StoredConnection each : saved) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int round = 0; round < 20; round++) {
                        store.save(each);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> each : done) {
                each.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(new TokenStore(tempDir, null).load()).get().isIn(saved);
        assertThat(fileNames(tempDir)).containsExactlyInAnyOrder(TokenStore.KEY_FILE, TokenStore.CONNECTION_FILE);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String messagesOf(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable each = error; each != null; each = each.getCause()) {
            messages.append(each).append('\n');
        }
        return messages.toString();
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
