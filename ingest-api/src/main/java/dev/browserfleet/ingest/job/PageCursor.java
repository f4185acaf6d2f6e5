package dev.browserfleet.ingest.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of jobs, newest first, ends: the creation time and id of its last job. The next
 * page holds the jobs strictly before it in that order, so jobs submitted meanwhile never shift a
 * page, as they would with offsets. Opaque to clients: URL-safe Base64 of {@code <instant>|<id>}.
 */
public record PageCursor(Instant createdAt, UUID jobId) {

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((createdAt + "|" + jobId).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor {@code text} encodes, or empty when it is not one this API handed out. */
  public static Optional<PageCursor> decode(String text) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int bar = decoded.indexOf('|');
      if (bar < 0) {
        return Optional.empty();
      }
      return Optional.of(
          new PageCursor(Instant.parse(decoded.substring(0, bar)), UUID.fromString(decoded.substring(bar + 1))));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
