package dev.browserfleet.ingest.job;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One line of {@code job_logs}. {@code id} orders a job's lines and is the cursor of the next page. */
public record JobLogLine(long id, String level, String message, JsonNode metadata, Instant createdAt) {}
