package dev.browserfleet.ingest.job;

import java.util.UUID;

/**
 * Where an artifact's bytes are: {@code filePath} relative to the artifact directory, or, for an
 * artifact stored in the database, {@code inlineData}.
 */
public record StoredArtifact(UUID id, String mimeType, Long sizeBytes, String filePath, byte[] inlineData) {}
