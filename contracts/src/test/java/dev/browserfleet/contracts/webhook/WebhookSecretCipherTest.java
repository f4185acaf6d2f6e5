package dev.browserfleet.contracts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretCipherTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private final WebhookSecretCipher cipher = WebhookSecretCipher.of(KEY);

  @Test
  void aSecretEncryptedForAKeyDecryptsForThatKeyOnly() {
    String secret = cipher.newSecret();
    String sealed = cipher.encrypt(secret, "key-1");

    assertThat(sealed).startsWith("v1:").doesNotContain(secret);
    assertThat(cipher.decrypt(sealed, "key-1")).isEqualTo(secret);
    assertThatThrownBy(() -> cipher.decrypt(sealed, "key-2")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherServerKeyCannotDecryptAndTheMessageNeverShowsTheSecret() {
    String secret = cipher.newSecret();
    String sealed = cipher.encrypt(secret, "key-1");
    byte[] other = new byte[32];
    other[0] = 1;
    var stranger = WebhookSecretCipher.of(Base64.getEncoder().encodeToString(other));

    assertThatThrownBy(() -> stranger.decrypt(sealed, "key-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain(secret);
  }

  @Test
  void aKeyOfTheWrongSizeIsRefusedWithoutBeingRepeated() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> WebhookSecretCipher.of(shortKey))
        .hasMessageContaining("32 bytes")
        .message().doesNotContain(shortKey);
    assertThatThrownBy(() -> WebhookSecretCipher.of("not base64!")).hasMessageContaining("not base64");
  }

  @Test
  void twoSecretsDiffer() {
    assertThat(cipher.newSecret()).startsWith("whsec_").isNotEqualTo(cipher.newSecret());
  }
}
