package dev.browserfleet.projector.config;

import dev.browserfleet.contracts.webhook.WebhookSecretCipher;
import dev.browserfleet.projector.webhook.WebhookBackoff;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the webhook delivery component ({@code browserfleet.webhooks.*}), which runs in the
 * projector's process.
 *
 * @param secretKey the key (32 bytes, base64; {@code BF_WEBHOOK_SECRET_KEY}) that decrypts each
 *     API key's webhook secret, the same as the ingest-api's; empty: no webhooks, and the
 *     component does not start
 * @param backoffBase wait after the first failed attempt (default 10s); it doubles after each
 * @param backoffCap longest wait between two attempts (default 1h)
 * @param giveUpAfter how long after a job's end its delivery is tried (default 24h)
 * @param timeout how long a receiver has to answer (default 10s)
 * @param groupPrefix consumer groups of the component: {@code <prefix>-scheduler} and {@code
 *     <prefix>-sender} (default {@code bf-webhooks})
 */
@Validated
@ConfigurationProperties("browserfleet.webhooks")
public record WebhookProperties(
    @DefaultValue("") String secretKey,
    @NotNull @DurationMin(millis = 10) @DefaultValue("10s") Duration backoffBase,
    @NotNull @DurationMin(millis = 10) @DefaultValue("1h") Duration backoffCap,
    @NotNull @DurationMin(millis = 0) @DefaultValue("24h") Duration giveUpAfter,
    @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("10s") Duration timeout,
    @NotBlank @DefaultValue("bf-webhooks") String groupPrefix) {

  public Optional<WebhookSecretCipher> cipher() {
    return secretKey == null || secretKey.isBlank() ? Optional.empty() : Optional.of(WebhookSecretCipher.of(secretKey));
  }

  public WebhookBackoff backoff() {
    return new WebhookBackoff(backoffBase, backoffCap, giveUpAfter);
  }

  @Override
  public String toString() {
    return "WebhookProperties[secretKey=" + (secretKey == null || secretKey.isBlank() ? "(none)" : "(set)")
        + ", backoffBase=" + backoffBase + ", backoffCap=" + backoffCap + ", giveUpAfter=" + giveUpAfter
        + ", timeout=" + timeout + ", groupPrefix=" + groupPrefix + "]";
  }
}
