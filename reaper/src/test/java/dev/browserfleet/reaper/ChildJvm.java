package dev.browserfleet.reaper;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A JVM of its own running {@code main} on the test classpath; its output goes to a file. */
final class ChildJvm {

  private final Process process;
  private final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static ChildJvm start(Class<?> main, Path output, String... args) throws IOException {
    var command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new ChildJvm(process, output);
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Waits for the line {@code ready}; fails early, with the output, if the JVM ends first. */
  void awaitReady(Duration timeout) {
    await().atMost(timeout).until(() -> {
      if (lines().contains("ready")) {
        return true;
      }
      if (!process.isAlive() && !lines().contains("ready")) {
        throw new AssertionError("the child JVM ended with " + process.exitValue() + ":\n" + String.join("\n", lines()));
      }
      return false;
    });
  }

  /** The words after {@code key} on the first line that starts with it. */
  List<String> said(String key) {
    Optional<String> line = lines().stream().filter(l -> l.startsWith(key + " ")).findFirst();
    return List.of(line.orElseThrow(() -> new AssertionError("no line '" + key + "' in " + lines()))
        .substring(key.length() + 1).split(" "));
  }

  List<String> lines() {
    try {
      return Files.readAllLines(output);
    } catch (IOException e) {
      return List.of();
    }
  }
}
