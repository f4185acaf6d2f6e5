package dev.browserfleet.ingest.access;

import java.security.MessageDigest;

/**
 * The admin key: the configured one ({@code BF_ADMIN_KEY}), or one generated at start-up when none
 * is configured. The dev launcher prints it through {@link #adminKey()}.
 */
public final class AdminCredentials {

  private final String adminKey;
  private final byte[] adminKeyHash;
  private final boolean generated;

  private AdminCredentials(String adminKey, boolean generated) {
    this.adminKey = adminKey;
    this.adminKeyHash = ApiKeyHashes.sha256(adminKey);
    this.generated = generated;
  }

  /** The configured key, or a newly generated one when {@code configured} is null or blank. */
  public static AdminCredentials of(String configured, ApiKeySecrets secrets) {
    if (configured == null || configured.isBlank()) {
      return new AdminCredentials(secrets.newAdminKey(), true);
    }
    return new AdminCredentials(configured.strip(), false);
  }

  public String adminKey() {
    return adminKey;
  }

  /** Whether the key was generated at start-up (and so must be shown to the operator once). */
  public boolean generated() {
    return generated;
  }

  /**
   * Whether {@code presentedHash} ({@link ApiKeyHashes#sha256} of a presented key) is the admin
   * key's, in time independent of where they differ. Comparing fixed-length digests keeps even the
   * length of the admin key from leaking.
   */
  boolean matchesHash(byte[] presentedHash) {
    return MessageDigest.isEqual(adminKeyHash, presentedHash);
  }

  @Override
  public String toString() {
    return "AdminCredentials[generated=" + generated + "]";
  }
}
