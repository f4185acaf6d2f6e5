package dev.browserfleet.standalone;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.worker.browser.ChromiumDriverFactory;
import dev.browserfleet.worker.browser.DriverFactory;
import dev.browserfleet.worker.browser.FirefoxBiDiFactory;
import dev.browserfleet.worker.browser.WebKitDriverFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which engines {@code bin/browserfleet dev} runs when it is not told: every engine whose browser
 * is installed where the defaults look for it, so that a job of each seeded browser type completes
 * on a fresh machine; with slots for two cores (README, "Configuration"). Anything the operator
 * sets about engines or slots, as an argument or in the environment, is left to mean what it says.
 */
final class DevEngines {

  /** Slots per engine for a two-core machine: Chromium is the most used and the cheapest per job. */
  static final Map<Engine, Integer> SLOTS = Map.of(Engine.CHROMIUM, 2, Engine.FIREFOX, 1, Engine.WEBKIT, 1);

  private DevEngines() {}

  /**
   * The worker settings to add to the launcher's arguments: none when {@code args} or {@code env}
   * say anything about the worker's engines or slots ({@code BF_WORKER_ENGINES}, {@code
   * BF_WORKER_SLOTS}, or the Spring names of the properties).
   */
  static List<String> arguments(List<String> args, Map<String, String> env, List<DriverFactory> candidates) {
    boolean told = args.stream().anyMatch(a -> a.startsWith("--browserfleet.worker.engines")
            || a.startsWith("--browserfleet.worker.slots") || a.startsWith("--browserfleet.worker.engine-slots"))
        || env.keySet().stream().anyMatch(k -> k.equals("BF_WORKER_ENGINES") || k.equals("BF_WORKER_SLOTS")
            || k.startsWith("BROWSERFLEET_WORKER_ENGINE") || k.startsWith("BROWSERFLEET_WORKER_SLOTS"));
    if (told) {
      return List.of();
    }
    List<Engine> installed = candidates.stream().filter(f -> f.unavailableReason().isEmpty()).map(DriverFactory::engine).toList();
    if (installed.isEmpty()) {
      return List.of();
    }
    var arguments = new ArrayList<String>();
    arguments.add("--browserfleet.worker.engines=" + installed.stream().map(Engine::wireName).collect(Collectors.joining(",")));
    installed.forEach(e -> arguments.add("--browserfleet.worker.engine-slots." + e.wireName() + "=" + SLOTS.get(e)));
    return arguments;
  }

  /** The local engines as the worker's defaults configure them. */
  static List<DriverFactory> localDefaults() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    return List.of(
        new ChromiumDriverFactory(new ChromiumDriverFactory.Settings(Path.of("/usr/bin/chromedriver"), null, List.of(), tmp)),
        new FirefoxBiDiFactory(FirefoxBiDiFactory.Settings.debianDefaults(tmp)),
        new WebKitDriverFactory(WebKitDriverFactory.Settings.debianDefaults(tmp)));
  }
}
