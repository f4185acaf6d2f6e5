package dev.browserfleet.ingest.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one hashing of API keys: SHA-256 of the UTF-8 key, as 64 lower-case hex digits ({@code api_keys.key}). */
public final class ApiKeyHashes {

  private ApiKeyHashes() {}

  // Looking SHA-256 up among the security providers costs more than hashing a key; a clone of one
  // instance does not (the JDK's digests are cloneable).
  private static final MessageDigest SHA_256;

  static {
    try {
      SHA_256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  public static String sha256Hex(String key) {
    return hex(sha256(key));
  }

  static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }

  static byte[] sha256(String key) {
    try {
      return ((MessageDigest) SHA_256.clone()).digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
    }
  }
}
