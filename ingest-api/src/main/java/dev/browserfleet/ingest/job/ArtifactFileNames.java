package dev.browserfleet.ingest.job;

import java.util.Locale;
import java.util.UUID;

/** The file name a download suggests: {@code <type>-<id>.<ext>}, the extension from the MIME type. */
public final class ArtifactFileNames {

  private ArtifactFileNames() {}

  public static String of(String artifactType, UUID id, String mimeType) {
    String type = artifactType == null ? "artifact" : artifactType;
    return type + "-" + id + extension(mimeType);
  }

  /** The {@code Content-Disposition} of a download. */
  public static String attachment(String artifactType, UUID id, String mimeType) {
    return "attachment; filename=\"" + of(artifactType, id, mimeType) + "\"";
  }

  private static String extension(String mimeType) {
    String subtype = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT).replaceAll(";.*", "").strip();
    subtype = subtype.substring(subtype.indexOf('/') + 1);
    return switch (subtype) {
      case "png" -> ".png";
      case "jpeg", "jpg" -> ".jpg";
      case "pdf" -> ".pdf";
      case "json" -> ".json";
      case "html" -> ".html";
      case "plain" -> ".txt";
      default -> ".bin";
    };
  }
}
