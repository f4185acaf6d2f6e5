package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.ArtifactType;
import java.util.UUID;

/**
 * Where an artifact's bytes are and what they are. {@code path} is relative to the artifact
 * store's root; {@code sha256} is lower-case hex.
 */
public record Artifact(
    UUID id,
    ArtifactType artifactType,
    String path,
    String mimeType,
    long sizeBytes,
    String sha256,
    Integer actionIndex) {}
