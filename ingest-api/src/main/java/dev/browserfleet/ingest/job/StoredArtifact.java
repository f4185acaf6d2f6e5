package dev.browserfleet.ingest.job;

import java.util.UUID;

/**
 * Where an artifact's bytes are: {@code filePath} relative to the artifact directory, or, for an
 * artifact stored in the database, {@code inlineData}. {@code sha256} is the digest the worker
 * recorded, null when it recorded none.
 */
public record StoredArtifact(
    UUID id, String artifactType, String mimeType, Long sizeBytes, String sha256, String filePath, byte[] inlineData) {}
