package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobStatus;
import java.time.Instant;

/**
 * What a job listing is narrowed to; a null field does not narrow. {@code createdAfter} and
 * {@code createdBefore} are exclusive bounds.
 */
public record JobFilter(JobStatus status, Integer browserTypeId, Instant createdAfter, Instant createdBefore) {}
