package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.UUID;

/**
 * Action {@code actionIndex} (0-based) of {@code actionCount} ended, after {@code durationMs}.
 *
 * @param target how the action's element was named ({@code getBySelector '#submit'}), or {@code
 *     null} for an action without one
 * @param error why it failed; {@code null} when it succeeded
 */
public record AttemptProgressed(
    UUID reportId,
    JobId jobId,
    int attempt,
    WorkerId workerId,
    Instant occurredAt,
    int actionIndex,
    int actionCount,
    String action,
    String target,
    long durationMs,
    boolean success,
    String error)
    implements AttemptReport {}
