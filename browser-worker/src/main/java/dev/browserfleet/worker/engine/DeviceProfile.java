package dev.browserfleet.worker.engine;

import dev.browserfleet.contracts.reference.BrowserType;

/**
 * What a session emulates for one job: the exact CSS viewport, the device pixel ratio, whether it
 * is a phone (mobile layout and touch) and the user agent ({@code null} keeps the browser's own).
 */
public record DeviceProfile(
    int width, int height, double deviceScaleFactor, boolean mobile, String userAgent) {

  /** The viewport of a browser type that names none, as in the seed desktop types. */
  public static final int DEFAULT_WIDTH = 1280;

  public static final int DEFAULT_HEIGHT = 720;

  public DeviceProfile {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("a viewport needs a positive size, not " + width + "x" + height);
    }
    if (deviceScaleFactor <= 0) {
      throw new IllegalArgumentException("a device scale factor must be positive, not " + deviceScaleFactor);
    }
  }

  /**
   * The profile of {@code type}: its viewport (or 1280x720), and for a mobile type a phone's
   * {@code mobileScaleFactor}, touch and user agent.
   */
  public static DeviceProfile of(BrowserType type, double mobileScaleFactor) {
    int width = type.viewportWidth() == null ? DEFAULT_WIDTH : type.viewportWidth();
    int height = type.viewportHeight() == null ? DEFAULT_HEIGHT : type.viewportHeight();
    boolean mobile = type.emulatesMobile();
    String userAgent = type.userAgent() == null || type.userAgent().isBlank() ? null : type.userAgent();
    return new DeviceProfile(width, height, mobile ? mobileScaleFactor : 1.0, mobile, userAgent);
  }
}
