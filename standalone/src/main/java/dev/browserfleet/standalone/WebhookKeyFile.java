package dev.browserfleet.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dev launcher's webhook secret key when {@code BF_WEBHOOK_SECRET_KEY} is not set: 32 random
 * bytes kept in {@code <data dir>/webhook-secret.key} (owner-only), so that the API keys' webhook
 * secrets, encrypted with it, still decrypt after a restart on the same data directory.
 */
final class WebhookKeyFile {

  static final String NAME = "webhook-secret.key";

  private WebhookKeyFile() {}

  static String in(Path dataDir) {
    Path file = dataDir.resolve(NAME);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getEncoder().encodeToString(key));
        } catch (FileAlreadyExistsException raced) {
          // another launcher on the same directory made it first: use theirs
        }
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read or create the webhook key " + file, e);
    }
  }
}
