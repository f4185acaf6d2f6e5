package dev.browserfleet.ingest.job;

import java.time.Instant;
import java.util.UUID;

/** A job as listed: its row without actions, result or artifacts (GET the job for those). */
public record JobSummary(
    UUID jobId,
    String status,
    Integer browserTypeId,
    String targetUrl,
    Integer priority,
    Integer retryCount,
    Integer maxRetries,
    String errorMessage,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Instant updatedAt) {}
