package dev.browserfleet.reaper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Stand-ins for browsers: {@code sleep} processes, marked or not, and what is left of them. */
final class TestProcesses {

  private TestProcesses() {}

  static ProcessHandle sleeper(Map<String, String> environment) throws IOException {
    var builder = new ProcessBuilder("sleep", "600");
    builder.environment().putAll(environment);
    return builder.start().toHandle();
  }

  /**
   * A {@code sleep} whose parent shell has exited: re-parented, as a browser is when its driver is
   * killed. {@code trap} set as given before it starts (an ignored signal stays ignored after exec).
   */
  static ProcessHandle orphan(Map<String, String> environment, String trap) throws IOException, InterruptedException {
    var builder = new ProcessBuilder("/bin/sh", "-c", trap + " sleep 600 >/dev/null 2>&1 & echo $!");
    builder.environment().putAll(environment);
    Process shell = builder.start();
    String pid = new String(shell.getInputStream().readAllBytes()).strip();
    shell.waitFor();
    return ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
  }

  /** Exited, or a zombie that nobody reaps (PID 1 of a bare container does not). */
  static boolean isGone(ProcessHandle process) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      return !ProcStat.parse(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"))).isRunning();
    } catch (IOException e) {
      return true;
    }
  }

  static List<String> running(Collection<ProcessHandle> processes) {
    return processes.stream().filter(p -> !isGone(p))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
  }

  static void kill(Collection<ProcessHandle> processes) {
    processes.forEach(ProcessHandle::destroyForcibly);
  }

  static void signal(long pid, String signal) throws IOException, InterruptedException {
    int status = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start().waitFor();
    if (status != 0) {
      throw new IllegalStateException("kill -s " + signal + " " + pid + " exited with " + status);
    }
  }
}
