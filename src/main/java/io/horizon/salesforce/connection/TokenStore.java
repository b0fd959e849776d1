package io.horizon.salesforce.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the bundle's one {@link StoredConnection} in {@code <dataDir>/connection.enc}, encrypted with AES-256-GCM
 * under the key from {@code HORIZON_TOKEN_KEY} or, when that is not set, from {@code <dataDir>/token.key}.
 * Thread-safe; a write replaces the file atomically, so a reader or a crash sees the old or the new connection.
 *
 * <pre>{@code
 * TokenStore store = new TokenStore(dataDir, System.getenv("HORIZON_TOKEN_KEY"));
 * store.save(connection);
 * Optional<StoredConnection> current = store.load();
 * }</pre>
 *
 * <p>File format: {@code "HZTK"}, a version byte (1), a 12-byte IV, then the GCM ciphertext of the JSON form with
 * its 128-bit tag; the five header bytes are the authenticated data.
 */
public final class TokenStore {

    static final String CONNECTION_FILE = "connection.enc";
    static final String KEY_FILE = "token.key";

    private static final String KEY_VARIABLE = "HORIZON_TOKEN_KEY";
    private static final String KEY_HINT = "make a key with: openssl rand -base64 32";
    private static final int KEY_BYTES = 32;
    private static final byte[] HEADER = {'H', 'Z', 'T', 'K', 1};
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dataDir;
    private final Path connectionFile;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Object lock = new Object();

    /**
     * Opens the store, creating the data directory (owner-only) when it is missing. A blank {@code configuredKey}
     * means the key file is used, and created with 32 random bytes on first use.
     *
     * @throws IllegalStateException when the configured key or the key file is not base64 of 32 bytes
     */
    public TokenStore(Path dataDir, String configuredKey) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.connectionFile = dataDir.resolve(CONNECTION_FILE);
        try {
            createDataDir();
            this.key = configuredKey == null || configuredKey.isBlank()
                    ? keyFromFile(dataDir.resolve(KEY_FILE))
                    : configuredKey(configuredKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare token data dir " + dataDir, e);
        }
    }

    /**
     * The stored connection, or empty when none was saved.
     *
     * @throws IllegalStateException when the file exists but cannot be decrypted or read; never treated as empty
     */
    public Optional<StoredConnection> load() {
        synchronized (lock) {
            byte[] sealed;
            try {
                sealed = Files.readAllBytes(connectionFile);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read connection file " + connectionFile, e);
            }
            byte[] json = decrypt(sealed);
            try {
                return Optional.of(fromJson(json));
            } finally {
                Arrays.fill(json, (byte) 0);
            }
        }
    }

    /** Replaces the stored connection; when several threads save at once, the last writer wins. */
    public void save(StoredConnection connection) {
        Objects.requireNonNull(connection, "connection");
        synchronized (lock) {
            byte[] json = toJson(connection);
            byte[] sealed;
            try {
                sealed = encrypt(json);
            } finally {
                Arrays.fill(json, (byte) 0);
            }
            try {
                replaceAtomically(connectionFile, sealed);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write connection file " + connectionFile, e);
            }
        }
    }

    /** Deletes the stored connection, if any; the key stays so that a later save uses the same one. */
    public void delete() {
        synchronized (lock) {
            try {
                if (Files.deleteIfExists(connectionFile)) {
                    syncDirectory();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete connection file " + connectionFile, e);
            }
        }
    }

    private void createDataDir() throws IOException {
        if (Files.isDirectory(dataDir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(dataDir);
        }
    }

    private static SecretKey configuredKey(String configuredKey) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(configuredKey.strip());
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes a character of the key, so it is not kept as the cause
            throw new IllegalStateException(KEY_VARIABLE + " is not valid base64; " + KEY_HINT);
        }
        try {
            if (raw.length != KEY_BYTES) {
                throw new IllegalStateException(KEY_VARIABLE + " must be base64 of " + KEY_BYTES
                        + " bytes but decodes to " + raw.length + " bytes; " + KEY_HINT);
            }
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private SecretKey keyFromFile(Path keyFile) throws IOException {
        if (!Files.exists(keyFile)) {
            createKeyFile(keyFile);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        try {
            if (raw.length != KEY_BYTES) {
                throw new IllegalStateException("key file " + keyFile + " does not hold base64 of " + KEY_BYTES
                        + " bytes; restore it, or delete it with " + CONNECTION_FILE + " and connect again");
            }
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private void createKeyFile(Path keyFile) throws IOException {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        byte[] encoded = Base64.getEncoder().encode(raw);
        Path temp = createOwnerOnlyTempFile();
        try {
            writeAndSync(temp, encoded);
            try {
                // a link, unlike a rename, never replaces a key another store created meanwhile and may have used
                Files.createLink(keyFile, temp);
            } catch (FileAlreadyExistsException e) {
                return;
            }
            syncDirectory();
        } finally {
            Files.deleteIfExists(temp);
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private void replaceAtomically(Path target, byte[] content) throws IOException {
        // a crash before the move leaves a tmp-*.part file (ciphertext only); it is not swept at start-up
        // because another store on the same directory may be writing it
        Path temp = createOwnerOnlyTempFile();
        try {
            writeAndSync(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory();
    }

    private Path createOwnerOnlyTempFile() throws IOException {
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        return Files.createTempFile(dataDir, "tmp-", ".part", attributes);
    }

    private static void writeAndSync(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dataDir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open a directory; the rename is still atomic there, only less durable
        }
    }

    private boolean posix() {
        return dataDir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private byte[] encrypt(byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(HEADER);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(HEADER.length + IV_BYTES + ciphertext.length)
                    .put(HEADER)
                    .put(iv)
                    .put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt connection file " + connectionFile, e);
        }
    }

    private byte[] decrypt(byte[] sealed) {
        int versionAt = HEADER.length - 1;
        if (sealed.length < HEADER.length + IV_BYTES + TAG_BITS / 8
                || !Arrays.equals(sealed, 0, versionAt, HEADER, 0, versionAt)) {
            throw new IllegalStateException("connection file " + connectionFile + " is not a horizon token file");
        }
        if (sealed[versionAt] != HEADER[versionAt]) {
            throw new IllegalStateException("connection file " + connectionFile + " has unsupported format version "
                    + sealed[versionAt]);
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, HEADER.length, IV_BYTES));
            cipher.updateAAD(sealed, 0, HEADER.length);
            int bodyAt = HEADER.length + IV_BYTES;
            return cipher.doFinal(sealed, bodyAt, sealed.length - bodyAt);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("connection file " + connectionFile
                    + " cannot be decrypted with the configured key: wrong key or modified file", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("connection file " + connectionFile
                    + " cannot be decrypted with the configured key: " + e.getMessage(), e);
        }
    }

    private byte[] toJson(StoredConnection connection) {
        ObjectNode node = mapper.createObjectNode();
        node.put("status", connection.status().name());
        node.put("environment", connection.environment());
        node.put("loginUrl", connection.loginUrl());
        node.put("instanceUrl", connection.instanceUrl());
        node.put("accessToken", connection.accessToken());
        node.put("refreshToken", connection.refreshToken());
        node.put("orgId", connection.orgId());
        node.put("userId", connection.userId());
        node.put("username", connection.username());
        node.put("scopes", connection.scopes());
        node.put("connectedAt", iso(connection.connectedAt()));
        node.put("lastRefreshAt", iso(connection.lastRefreshAt()));
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the connection", e);
        }
    }

    private StoredConnection fromJson(byte[] json) {
        try {
            JsonNode node = mapper.readTree(json);
            return new StoredConnection(
                    ConnectionStatus.valueOf(node.path("status").asText()),
                    text(node, "environment"),
                    text(node, "loginUrl"),
                    text(node, "instanceUrl"),
                    text(node, "accessToken"),
                    text(node, "refreshToken"),
                    text(node, "orgId"),
                    text(node, "userId"),
                    text(node, "username"),
                    text(node, "scopes"),
                    instant(node, "connectedAt"),
                    instant(node, "lastRefreshAt"));
        } catch (IOException | RuntimeException e) {
            // parser messages quote the plaintext they choke on, which may be a token, so the cause is dropped
            throw new IllegalStateException("connection file " + connectionFile
                    + " decrypts but does not hold a stored connection");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
