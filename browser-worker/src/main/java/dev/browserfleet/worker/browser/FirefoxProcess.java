package dev.browserfleet.worker.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless Firefox this JVM started, with its own fresh profile directory, listening for
 * WebDriver BiDi on a loopback port it chose itself. {@link #stop} kills it and its children and
 * deletes the profile. The launch is built in one place, {@link #command}, so that whatever makes
 * browsers die with a killed JVM can wrap it.
 */
final class FirefoxProcess {

  private static final Logger log = LoggerFactory.getLogger(FirefoxProcess.class);
  private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");

  /**
   * Every Firefox of this JVM not yet stopped, with its root: a JVM that exits (a failed start, a
   * signal) kills them and deletes their roots on its way out, even that of a session still being
   * opened, and so in no pool yet.
   */
  private static final Map<Process, Path> RUNNING = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach((process, root) -> {
      kill(process);
      LocalBrowserProcesses.deleteTree(root);
    }), "bf-firefox-stop"));
  }

  private final Process process;
  private final Path root;
  private final String webSocketUrl;

  private FirefoxProcess(Process process, Path root, String webSocketUrl) {
    this.process = process;
    this.root = root;
    this.webSocketUrl = webSocketUrl;
  }

  /**
   * Starts Firefox on a fresh profile under {@code root} (which it then owns) with {@code prefs}
   * written to the profile's {@code user.js}, and waits until its Remote Agent listens.
   */
  static FirefoxProcess start(Path binary, Path root, List<String> prefs, Duration timeout) throws IOException {
    Path profile = Files.createDirectories(root.resolve("profile"));
    Files.write(profile.resolve("user.js"), prefs, StandardCharsets.UTF_8);
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    ProcessBuilder builder = command(binary, profile, tmp);
    Process process = builder.start();
    RUNNING.put(process, root);
    var stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    var listening = new CompletableFuture<String>();
    // Firefox writes to stderr for as long as it runs; a full pipe would stall it, so keep reading.
    Thread.ofPlatform().daemon().name("bf-firefox-stderr-" + process.pid()).start(() -> drain(stderr, listening));
    try {
      String url = listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new FirefoxProcess(process, root, url);
    } catch (Exception e) {
      kill(process);
      throw new IOException("Firefox did not start its WebDriver BiDi agent within " + timeout.toSeconds() + " s"
          + (process.isAlive() ? "" : " (it exited with " + exitValue(process) + ")"), e);
    }
  }

  /** The command that starts Firefox: headless, on its own profile, its BiDi agent on a free port. */
  static ProcessBuilder command(Path binary, Path profile, Path tmp) {
    var builder = new ProcessBuilder(binary.toString(), "--headless", "--no-remote", "--profile", profile.toString(),
        "--remote-debugging-port=0", "about:blank");
    // Firefox and its crash reporter write under HOME too; the session's root holds all of it.
    builder.environment().put("HOME", tmp.toString());
    builder.environment().put("TMPDIR", tmp.toString());
    builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    // Marked for this JVM's reaper: Firefox and its children go when the JVM goes, however it ends.
    return dev.browserfleet.reaper.Reaper.ofThisJvm().enlist(builder);
  }

  private static void drain(BufferedReader stderr, CompletableFuture<String> listening) {
    try (stderr) {
      String line;
      while ((line = stderr.readLine()) != null) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          listening.complete(m.group(1));
        } else {
          log.trace("firefox: {}", line);
        }
      }
    } catch (IOException e) {
      log.trace("reading Firefox's stderr ended: {}", e.getMessage());
    } finally {
      listening.completeExceptionally(new IOException("Firefox closed its stderr before listening"));
    }
  }

  /** The BiDi session endpoint, {@code ws://127.0.0.1:<port>/session}. */
  String sessionUrl() {
    return webSocketUrl.endsWith("/session") ? webSocketUrl : webSocketUrl.replaceAll("/$", "") + "/session";
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits up to {@code grace} for Firefox to exit on its own, then kills it; then deletes the profile. */
  void stop(Duration grace) {
    try {
      process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill(process);
    LocalBrowserProcesses.deleteTree(root);
  }

  /** Kills Firefox and its content processes now. */
  void kill() {
    kill(process);
  }

  private static void kill(Process process) {
    RUNNING.remove(process);
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (!children.stream().allMatch(LocalBrowserProcesses::isGone) && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String exitValue(Process process) {
    try {
      return Integer.toString(process.exitValue());
    } catch (IllegalThreadStateException e) {
      return "?";
    }
  }
}
