package dev.browserfleet.cli;

import dev.browserfleet.cli.api.ApiClient;
import dev.browserfleet.cli.output.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code artifacts ID [--out DIR]}: downloads each artifact of a job into DIR as
 * {@code <artifactId>.<ext>}, hashing the bytes as they arrive. A file whose SHA-256 differs from
 * the one the worker recorded is deleted and the command exits 1; the others are kept.
 */
final class ArtifactDownloads {

  private static final Map<String, String> EXTENSIONS = Map.of(
      "image/png", "png", "image/jpeg", "jpg", "application/pdf", "pdf", "application/json", "json",
      "text/html", "html", "video/webm", "webm", "application/zip", "zip");

  private final ApiClient api;
  private final Console console;

  ArtifactDownloads(ApiClient api, Console console) {
    this.api = api;
    this.console = console;
  }

  int download(String jobId, Path dir) {
    JsonNode listed = api.get("/jobs/" + jobId + "/artifacts");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw CliException.usage("cannot create " + dir + ": " + e.getMessage());
    }
    var report = new ArrayList<Map<String, Object>>();
    int mismatches = 0;
    for (JsonNode artifact : listed.path("items")) {
      String id = artifact.path("id").asString();
      String expected = artifact.path("sha256").asString(null);
      Path file = dir.resolve(id + "." + extension(artifact.path("mimeType").asString("")));
      String actual = fetch("/jobs/" + jobId + "/artifacts/" + id, file);
      boolean verified = expected != null && expected.equalsIgnoreCase(actual);
      var entry = new LinkedHashMap<String, Object>();
      entry.put("id", id);
      entry.put("artifactType", artifact.path("artifactType").asString());
      entry.put("mimeType", artifact.path("mimeType").asString());
      entry.put("sizeBytes", artifact.path("sizeBytes").asLong());
      entry.put("sha256", actual);
      entry.put("expectedSha256", expected);
      entry.put("verified", verified);
      if (verified) {
        entry.put("file", file.toString());
      } else {
        mismatches++;
        console.note("artifact " + id + ": SHA-256 " + actual + " does not match the recorded "
            + (expected == null ? "(none)" : expected) + "; " + delete(file));
      }
      report.add(entry);
      if (!console.json() && verified) {
        console.line(file + "  " + artifact.path("artifactType").asString() + "  " + Text.bytes(artifact.path("sizeBytes").asLong())
            + "  sha256 ok");
      }
    }
    if (console.json()) {
      console.print(ApiClient.objectOf(Map.of("jobId", jobId, "artifacts", report)));
    } else if (report.isEmpty()) {
      console.note("job " + jobId + " has no artifacts");
    }
    return mismatches == 0 ? 0 : CliException.JOB_FAILED;
  }

  private String fetch(String path, Path file) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = api.download(path); OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new CliException(CliException.USAGE, "downloading " + path + " into " + file + " failed: " + e.getMessage()
          + "; " + delete(file), e);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static String extension(String mimeType) {
    String bare = mimeType.contains(";") ? mimeType.substring(0, mimeType.indexOf(';')).strip() : mimeType;
    return EXTENSIONS.getOrDefault(bare, "bin");
  }

  /** Deletes a download that must not be used; says what became of it. */
  private static String delete(Path file) {
    try {
      Files.deleteIfExists(file);
      return "the download was deleted";
    } catch (IOException e) {
      return "could not delete " + file + " (" + e.getMessage() + "): do not use it";
    }
  }
}
