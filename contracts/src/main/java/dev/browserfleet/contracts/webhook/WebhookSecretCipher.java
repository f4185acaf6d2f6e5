package dev.browserfleet.contracts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts webhook signing secrets for the topic and the tables (AES-256-GCM). A signing secret
 * must be readable to sign with, so unlike an API key it cannot be kept as a hash; it is kept
 * encrypted with a key that lives only in configuration ({@code browserfleet.webhooks.secret-key},
 * 32 bytes in base64), never next to the data. The API key id is the associated data, so a
 * ciphertext copied onto another key does not decrypt.
 */
public final class WebhookSecretCipher {

  private static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  private WebhookSecretCipher(byte[] key, SecureRandom random) {
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  /**
   * The cipher of a base64 key of 32 bytes.
   *
   * @throws IllegalArgumentException when it is not one, with a message that does not repeat it
   */
  public static WebhookSecretCipher of(String base64Key) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64Key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("browserfleet.webhooks.secret-key is not base64");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "browserfleet.webhooks.secret-key must be 32 bytes in base64 (openssl rand -base64 32), got " + key.length);
    }
    return new WebhookSecretCipher(key, new SecureRandom());
  }

  /** A new random secret to sign with, as shown once to the admin. */
  public String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public String encrypt(String secret, String keyId) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * @throws IllegalArgumentException when {@code encrypted} was not made by this key for {@code keyId}
   */
  public String decrypt(String encrypted, String keyId) {
    if (encrypted == null || !encrypted.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not an encrypted webhook secret");
    }
    try {
      byte[] in = Base64.getDecoder().decode(encrypted.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook secret of key " + keyId + " does not decrypt with this server's key");
    }
  }

  @Override
  public String toString() {
    return "WebhookSecretCipher[AES-256-GCM]";
  }
}
