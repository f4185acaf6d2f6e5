package dev.browserfleet.ingest.job;

import java.time.Instant;
import java.util.UUID;

/** An artifact as listed with its job: what it is, never its bytes. {@code sha256} is lower-case hex. */
public record ArtifactSummary(
    UUID id, String artifactType, String mimeType, Long sizeBytes, String sha256, Instant createdAt) {}
