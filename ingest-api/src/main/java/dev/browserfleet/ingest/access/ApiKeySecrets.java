package dev.browserfleet.ingest.access;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates API key secrets: 256 random bits, URL-safe, with a prefix that makes a leaked key recognisable. */
public final class ApiKeySecrets {

  public static final String CLIENT_PREFIX = "bfk_";
  public static final String ADMIN_PREFIX = "bfa_";
  static final int RANDOM_BYTES = 32;

  private final SecureRandom random;

  public ApiKeySecrets(SecureRandom random) {
    this.random = random;
  }

  public String newClientKey() {
    return CLIENT_PREFIX + randomPart();
  }

  public String newAdminKey() {
    return ADMIN_PREFIX + randomPart();
  }

  private String randomPart() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
