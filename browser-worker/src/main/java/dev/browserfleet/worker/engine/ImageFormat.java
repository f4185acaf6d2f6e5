package dev.browserfleet.worker.engine;

import java.util.Locale;
import java.util.Optional;

/** The image formats a screenshot can be taken in. */
public enum ImageFormat {
  PNG("png", "image/png"),
  JPEG("jpeg", "image/jpeg");

  private final String wireName;
  private final String mimeType;

  ImageFormat(String wireName, String mimeType) {
    this.wireName = wireName;
    this.mimeType = mimeType;
  }

  public String wireName() {
    return wireName;
  }

  public String mimeType() {
    return mimeType;
  }

  /** The file extension of the format. */
  public String extension() {
    return this == JPEG ? "jpg" : "png";
  }

  public static Optional<ImageFormat> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "png" -> Optional.of(PNG);
      case "jpeg", "jpg" -> Optional.of(JPEG);
      default -> Optional.empty();
    };
  }
}
