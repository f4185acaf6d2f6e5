package dev.browserfleet.ingest.job;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt of a job's webhook delivery (a {@code webhook_deliveries} row): when, what the
 * receiver answered ({@code statusCode}) or why there was no answer ({@code error}), how long it
 * took, and what followed ({@code delivered}, {@code retrying} until {@code nextAttemptAt}, or
 * {@code given_up}).
 */
public record DeliveryAttemptView(
    UUID deliveryId,
    int attempt,
    Instant attemptedAt,
    Integer statusCode,
    String error,
    long durationMs,
    String outcome,
    Instant nextAttemptAt) {}
