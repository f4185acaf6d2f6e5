package dev.browserfleet.contracts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final byte[] BODY = "{\"jobId\":\"x\",\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void theHeaderIsTheTimestampAndTheHmacOfTimestampDotBody() {
    // Computed independently: printf '1700000000.{"jobId":"x","status":"completed"}' | openssl dgst -sha256 -hmac whsec_test
    assertThat(WebhookSignature.header("whsec_test", 1_700_000_000L, BODY))
        .isEqualTo("t=1700000000,v1=f12a8516adbe88c0b6e1201909c2b48f2f5d0d320adb8dd2a663240ffe52cb50");
  }

  @Test
  void aSignatureVerifiesWithItsSecretAndBodyOnly() {
    String header = WebhookSignature.header("whsec_test", 1_700_000_000L, BODY);
    assertThat(WebhookSignature.verifies("whsec_test", header, BODY)).isTrue();
    assertThat(WebhookSignature.verifies("whsec_other", header, BODY)).isFalse();
    assertThat(WebhookSignature.verifies("whsec_test", header, "{}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(WebhookSignature.verifies("whsec_test", header.replace("t=1700000000", "t=1700000001"), BODY)).isFalse();
    assertThat(WebhookSignature.verifies("whsec_test", "v1=abc", BODY)).isFalse();
    assertThat(WebhookSignature.verifies("whsec_test", null, BODY)).isFalse();
  }
}
