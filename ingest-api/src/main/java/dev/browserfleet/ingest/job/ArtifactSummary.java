package dev.browserfleet.ingest.job;

import java.util.UUID;

/** An artifact as listed with its job: what it is, never its bytes. */
public record ArtifactSummary(UUID id, String artifactType, String mimeType, Long sizeBytes) {}
