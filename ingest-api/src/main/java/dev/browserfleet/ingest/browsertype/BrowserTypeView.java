package dev.browserfleet.ingest.browsertype;

import java.time.Instant;

/**
 * A browser type as clients see it, read from {@code browser_types}. {@code type} is the engine
 * (chromium, firefox, webkit), {@code deviceType} desktop or mobile.
 */
public record BrowserTypeView(
    int id,
    String name,
    String type,
    String deviceType,
    String userAgent,
    Integer viewportWidth,
    Integer viewportHeight,
    boolean isActive,
    Instant createdAt,
    Instant updatedAt) {}
