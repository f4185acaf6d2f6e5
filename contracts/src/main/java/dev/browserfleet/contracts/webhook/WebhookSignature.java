package dev.browserfleet.contracts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook body: header {@code Browserfleet-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>">}, keyed with the API key's webhook secret. The timestamp is inside
 * what is signed, so that a receiver can refuse an old body replayed with its old signature.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "Browserfleet-Signature";
  public static final String DELIVERY_HEADER = "Browserfleet-Delivery";

  private WebhookSignature() {}

  /** The header's value for {@code body} signed at {@code unixSeconds}. */
  public static String header(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds, body);
  }

  /** Whether {@code header} is a valid signature of {@code body} with {@code secret}. */
  public static boolean verifies(String secret, String header, byte[] body) {
    Long t = null;
    String v1 = null;
    for (String part : header == null ? new String[0] : header.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length != 2) {
        continue;
      }
      if (pair[0].equals("t")) {
        try {
          t = Long.parseLong(pair[1]);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (pair[0].equals("v1")) {
        v1 = pair[1];
      }
    }
    if (t == null || v1 == null) {
      return false;
    }
    // Constant time, so that a forger learns nothing from how long a refusal takes.
    return MessageDigest.isEqual(
        hmacHex(secret, t, body).getBytes(StandardCharsets.US_ASCII), v1.getBytes(StandardCharsets.US_ASCII));
  }

  static String hmacHex(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
