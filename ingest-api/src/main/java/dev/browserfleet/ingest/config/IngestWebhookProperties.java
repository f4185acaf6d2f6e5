package dev.browserfleet.ingest.config;

import dev.browserfleet.contracts.webhook.WebhookSecretCipher;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhook setting the ingest-api needs, under {@code browserfleet.webhooks}.
 *
 * @param secretKey the key (32 bytes, base64; {@code BF_WEBHOOK_SECRET_KEY}) that encrypts every
 *     API key's webhook secret; empty: no webhooks on this server (keys get no webhook secret, and
 *     a callbackUrl is refused)
 */
@ConfigurationProperties("browserfleet.webhooks")
public record IngestWebhookProperties(@DefaultValue("") String secretKey) {

  /** The cipher of {@code secretKey}; a malformed key fails start-up with a message that does not repeat it. */
  public Optional<WebhookSecretCipher> cipher() {
    return secretKey == null || secretKey.isBlank() ? Optional.empty() : Optional.of(WebhookSecretCipher.of(secretKey));
  }

  @Override
  public String toString() {
    return "IngestWebhookProperties[secretKey=" + (secretKey == null || secretKey.isBlank() ? "(none)" : "(set)") + "]";
  }
}
