package dev.browserfleet.artifacts;

import java.util.regex.Pattern;

/**
 * The keys a store accepts: relative names of plain segments ({@code <jobId>/<artifactId>.png}), so
 * that a tampered row can name neither a file outside the directory nor another bucket's object.
 */
final class ArtifactKeys {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private ArtifactKeys() {}

  static boolean isValid(String key) {
    if (key == null || key.isEmpty() || key.length() > 512) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
        return false;
      }
    }
    return true;
  }

  static String require(String key) {
    if (!isValid(key)) {
      throw new IllegalArgumentException("not an artifact key: " + key);
    }
    return key;
  }
}
