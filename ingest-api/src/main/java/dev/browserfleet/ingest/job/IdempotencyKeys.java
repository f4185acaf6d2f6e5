package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.ingest.access.Caller;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a client's {@code Idempotency-Key} into the id of the job it asks for: a name-based UUID
 * (version 8, from SHA-256) of the owning client and the key. Every replica derives the same id
 * without sharing any state, and the dispatcher keeps one job per id, so a retried POST can never
 * make a second job, whichever replica it reaches.
 */
public final class IdempotencyKeys {

  public static final String HEADER = "Idempotency-Key";
  static final int MAX_LENGTH = 255;

  private IdempotencyKeys() {}

  /** Why {@code key} is not usable, or empty when it is: 1 to 255 visible ASCII characters. */
  public static Optional<FieldError> problem(String key) {
    boolean valid = !key.isEmpty() && key.length() <= MAX_LENGTH && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    return valid
        ? Optional.empty()
        : Optional.of(new FieldError(HEADER, "must be 1 to " + MAX_LENGTH + " visible ASCII characters, such as a UUID"));
  }

  public static JobId jobId(Caller caller, String key) {
    String owner = caller.owningClientId() == null ? "\u0000admin" : caller.owningClientId();
    byte[] hash = sha256((owner + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x80); // version 8
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bits = ByteBuffer.wrap(hash);
    return new JobId(new UUID(bits.getLong(), bits.getLong()));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
