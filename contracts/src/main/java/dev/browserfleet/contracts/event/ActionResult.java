package dev.browserfleet.contracts.event;

import java.util.UUID;

/** How one action went. {@code error} is set only when it failed. */
public record ActionResult(
    int index, String action, boolean success, long durationMs, UUID artifactId, String error) {}
