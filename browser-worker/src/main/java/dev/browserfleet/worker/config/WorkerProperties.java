package dev.browserfleet.worker.config;

import dev.browserfleet.contracts.Engine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the browser worker, under {@code browserfleet.worker}.
 *
 * @param engines engines to offer (default {@code chromium}); one that cannot run here is left
 *     out with a log line
 * @param slots browser slots per engine, each one job at a time (default: the number of cores)
 * @param engineSlots slots of one engine, where it should differ from {@code slots}, e.g. {@code
 *     engine-slots.firefox=1}
 * @param recycleAfterJobs jobs a browser session runs before it is replaced (default 50)
 * @param heartbeatInterval how often each slot heartbeats (default 10s)
 * @param instance the name of this worker process in heartbeats (default hostname-pid)
 * @param shutdownGrace how long a running job may finish when the worker stops before it is
 *     handed back to the lane (default 20s)
 * @param lockDuration how long the broker lets a slot hold a job without renewing its lock: a
 *     killed worker's job goes to another worker after it (default 30s; the broker's
 *     group.share.min/max.record.lock.duration.ms bound it)
 * @param remote a remote endpoint per engine: a Selenium endpoint, e.g. {@code
 *     remote.chromium=http://grid:4444}, or for Firefox also the WebDriver BiDi Remote Agent of a
 *     Firefox started elsewhere, e.g. {@code remote.firefox=ws://firefox-host:9222}
 * @param chromium the local Chromium driver
 * @param webkit the local WebKit driver, browser and display server
 * @param firefox the local Firefox, driven over WebDriver BiDi
 * @param mobileDeviceScaleFactor the device pixel ratio of mobile browser types (default 3)
 * @param defaultActionTimeout how long an element action waits for its element (default 5s)
 * @param tempDir where browser sessions get their temp directories (default the JVM's temp dir)
 * @param executeScriptEnabled whether jobs may run {@code executeScript} actions (default false)
 */
@ConfigurationProperties("browserfleet.worker")
@Validated
public record WorkerProperties(
    @DefaultValue("chromium") @NotEmpty List<Engine> engines,
    @Min(1) @Max(64) Integer slots,
    Map<Engine, @Min(1) @Max(64) Integer> engineSlots,
    @DefaultValue("50") @Min(1) int recycleAfterJobs,
    @DefaultValue("10s") @NotNull Duration heartbeatInterval,
    String instance,
    @DefaultValue("20s") @NotNull Duration shutdownGrace,
    @DefaultValue("30s") @NotNull Duration lockDuration,
    Map<Engine, URI> remote,
    @DefaultValue @Valid Chromium chromium,
    @DefaultValue @Valid WebKit webkit,
    @DefaultValue @Valid Firefox firefox,
    @DefaultValue("3") @DecimalMin("1") @DecimalMax("5") double mobileDeviceScaleFactor,
    @DefaultValue("5s") @NotNull Duration defaultActionTimeout,
    Path tempDir,
    @DefaultValue("false") boolean executeScriptEnabled) {

  public WorkerProperties {
    slots = slots == null ? Runtime.getRuntime().availableProcessors() : slots;
    instance = instance == null || instance.isBlank() ? defaultInstance() : instance;
    remote = remote == null ? Map.of() : Map.copyOf(remote);
    engineSlots = engineSlots == null ? Map.of() : Map.copyOf(engineSlots);
    engineSlots = oneSlotPerRemoteAgent(remote, engineSlots);
    tempDir = tempDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : tempDir;
    if (heartbeatInterval != null && (heartbeatInterval.isNegative() || heartbeatInterval.isZero())) {
      throw new IllegalArgumentException("browserfleet.worker.heartbeat-interval must be positive");
    }
  }

  /**
   * @param driverPath the chromedriver executable (default {@code /usr/bin/chromedriver})
   * @param binary the Chromium executable (default: chromedriver's choice, {@code /usr/bin/chromium} on Debian)
   * @param extraArguments more Chromium flags, added to the headless defaults
   */
  public record Chromium(
      @DefaultValue("/usr/bin/chromedriver") @NotNull Path driverPath, Path binary, List<String> extraArguments) {
    public Chromium {
      extraArguments = extraArguments == null ? List.of() : List.copyOf(extraArguments);
    }
  }

  /**
   * @param driverPath the WebKitWebDriver executable (default {@code /usr/bin/WebKitWebDriver})
   * @param browserBinary the MiniBrowser executable (default Debian's)
   * @param xvfbPath the Xvfb executable (default {@code /usr/bin/Xvfb}); each session gets its own display
   */
  public record WebKit(
      @DefaultValue("/usr/bin/WebKitWebDriver") @NotNull Path driverPath,
      @DefaultValue("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser") @NotNull Path browserBinary,
      @DefaultValue("/usr/bin/Xvfb") @NotNull Path xvfbPath) {}

  /** @param binary the Firefox executable (default Debian's {@code /usr/bin/firefox-esr}) */
  public record Firefox(@DefaultValue("/usr/bin/firefox-esr") @NotNull Path binary) {}

  /**
   * A Firefox Remote Agent ({@code ws://}) holds one WebDriver BiDi session at a time, so its
   * engine has one slot; asking for more fails start-up rather than every job after the first.
   */
  private static Map<Engine, Integer> oneSlotPerRemoteAgent(Map<Engine, URI> remote, Map<Engine, Integer> engineSlots) {
    URI firefox = remote.get(Engine.FIREFOX);
    if (firefox == null || !("ws".equalsIgnoreCase(firefox.getScheme()) || "wss".equalsIgnoreCase(firefox.getScheme()))) {
      return engineSlots;
    }
    Integer asked = engineSlots.get(Engine.FIREFOX);
    if (asked != null && asked != 1) {
      throw new IllegalArgumentException("browserfleet.worker.engine-slots.firefox must be 1 with a ws:// "
          + "browserfleet.worker.remote.firefox: a Firefox Remote Agent takes one session at a time");
    }
    var oneSlot = new java.util.EnumMap<Engine, Integer>(Engine.class);
    oneSlot.putAll(engineSlots);
    oneSlot.put(Engine.FIREFOX, 1);
    return Map.copyOf(oneSlot);
  }

  /** The slots of {@code engine}: its own setting, else {@code slots}. */
  public int slotsOf(Engine engine) {
    return engineSlots.getOrDefault(engine, slots);
  }

  static String defaultInstance() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "worker";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
