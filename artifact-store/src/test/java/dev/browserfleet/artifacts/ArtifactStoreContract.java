package dev.browserfleet.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every artifact store does, run against each of them with real storage underneath. */
abstract class ArtifactStoreContract {

  /** SHA-256("abc"), from FIPS 180-2. */
  static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  abstract ArtifactStore store();

  static String newKey(String extension) {
    return UUID.randomUUID() + "/" + UUID.randomUUID() + "." + extension;
  }

  static byte[] read(ArtifactStore store, String key) throws IOException {
    try (var stored = store.open(key).orElseThrow()) {
      return stored.content().readAllBytes();
    }
  }

  @Test
  void aStoredArtifactReadsBackWithItsSizeAndSha256() throws IOException {
    String key = newKey("png");

    var written = store().write(key, new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), "image/png");

    assertThat(written).isEqualTo(new ArtifactStore.Written(key, 3, ABC_SHA256));
    try (var stored = store().open(key).orElseThrow()) {
      assertThat(stored.length()).isEqualTo(3);
      assertThat(stored.content().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("abc");
    }
  }

  @Test
  void anEmptyArtifactIsStoredToo() throws IOException {
    String key = newKey("json");

    var written = store().write(key, new ByteArrayInputStream(new byte[0]), "application/json");

    assertThat(written.sizeBytes()).isZero();
    assertThat(read(store(), key)).isEmpty();
  }

  @Test
  void aDeletedArtifactIsMissingAndDeletingAgainIsHarmless() throws IOException {
    String key = newKey("pdf");
    store().write(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), "application/pdf");

    store().delete(key);

    assertThat(store().open(key)).isEmpty();
    store().delete(key);
    assertThat(store().open(key)).isEmpty();
  }

  @Test
  void anArtifactNeverStoredIsMissing() {
    assertThat(store().open(newKey("png"))).isEmpty();
  }

  @Test
  void keysThatAreNotPlainRelativeNamesAreRefusedOnWriteAndMissingOnRead() {
    for (String key : new String[] {"../secret.txt", "/etc/passwd", "a/../b.png", "a//b.png", "", "bad\u0000name"}) {
      assertThatThrownBy(() -> store().write(key, new ByteArrayInputStream(new byte[1]), "image/png"))
          .as(key).isInstanceOf(IllegalArgumentException.class);
      assertThat(store().open(key)).as(key).isEmpty();
    }
    assertThat(store().open(null)).isEmpty();
  }
}
