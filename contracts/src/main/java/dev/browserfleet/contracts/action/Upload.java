package dev.browserfleet.contracts.action;

import java.util.List;

/**
 * Chooses {@code files} in the target {@code <input type=file>}, as a user picking them would:
 * bytes inline as base64, each at most {@link #MAX_FILE_BYTES}.
 */
public record Upload(String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs, List<File> files)
    implements ElementAction {

  /** The most bytes one file may have (decoded): commands travel as Kafka records of up to 1 MB. */
  public static final int MAX_FILE_BYTES = 512 * 1024;

  /** One file: its name, its MIME type ({@code application/octet-stream} when absent) and its bytes in base64. */
  public record File(String name, String mimeType, String base64) {}

  public Upload {
    files = files == null ? null : List.copyOf(files);
  }

  @Override
  public String actionName() {
    return "upload";
  }
}
