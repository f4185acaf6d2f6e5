package dev.browserfleet.contracts.reference;

import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import java.time.Instant;

/**
 * A browser type: an engine plus the device it emulates. The latest definition of each id is the
 * value on the compacted topic {@code bf.browser-types}, keyed by id; the projector mirrors it in
 * {@code browser_types}. The field {@code type} is the engine, as in SCHEMA.md.
 */
public record BrowserType(
    int id,
    String name,
    Engine type,
    DeviceType deviceType,
    String userAgent,
    Integer viewportWidth,
    Integer viewportHeight,
    boolean isActive,
    Instant createdAt,
    Instant updatedAt) {

  public BrowserType {
    deviceType = deviceType == null ? DeviceType.DESKTOP : deviceType;
  }

  public boolean emulatesMobile() {
    return deviceType == DeviceType.MOBILE;
  }
}
