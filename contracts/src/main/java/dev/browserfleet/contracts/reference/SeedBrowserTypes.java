package dev.browserfleet.contracts.reference;

import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import java.time.Instant;
import java.util.List;

/**
 * The browser types every installation starts with: each engine as a desktop and a mobile variant.
 * The projector's first migration seeds the same rows (a test compares them), and the ingest-api
 * publishes any that {@code bf.browser-types} lacks, so that Kafka stays the system of record.
 */
public final class SeedBrowserTypes {

  /** Seeds carry a fixed timestamp so that replaying the topic rebuilds identical rows. */
  public static final Instant SEEDED_AT = Instant.parse("2026-01-01T00:00:00Z");

  private static final String ANDROID_CHROME_UA =
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/156.0.0.0 Mobile Safari/537.36";
  private static final String ANDROID_FIREFOX_UA =
      "Mozilla/5.0 (Android 14; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0";
  private static final String IPHONE_SAFARI_UA =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

  private static final List<BrowserType> ALL =
      List.of(
          desktop(1, "Chromium", Engine.CHROMIUM),
          mobile(2, "Chromium Mobile", Engine.CHROMIUM, ANDROID_CHROME_UA, 412, 915),
          desktop(3, "Firefox", Engine.FIREFOX),
          mobile(4, "Firefox Mobile", Engine.FIREFOX, ANDROID_FIREFOX_UA, 412, 915),
          desktop(5, "WebKit", Engine.WEBKIT),
          mobile(6, "WebKit Mobile", Engine.WEBKIT, IPHONE_SAFARI_UA, 393, 852));

  private SeedBrowserTypes() {}

  public static List<BrowserType> all() {
    return ALL;
  }

  private static BrowserType desktop(int id, String name, Engine engine) {
    return new BrowserType(
        id, name, engine, DeviceType.DESKTOP, null, 1280, 720, true, SEEDED_AT, SEEDED_AT);
  }

  private static BrowserType mobile(
      int id, String name, Engine engine, String userAgent, int width, int height) {
    return new BrowserType(
        id, name, engine, DeviceType.MOBILE, userAgent, width, height, true, SEEDED_AT, SEEDED_AT);
  }
}
