package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which engines this worker advertises: those it was asked for and can really run, through
 * a remote endpoint when one is configured for the engine, else a local driver. Each engine left
 * out gets one clear log line here, instead of a stack trace per job later.
 */
public final class EngineCatalog {

  private static final Logger log = LoggerFactory.getLogger(EngineCatalog.class);

  private EngineCatalog() {}

  /** The local drivers of each engine. */
  public record LocalDrivers(
      ChromiumDriverFactory.Settings chromium, WebKitDriverFactory.Settings webkit, FirefoxBiDiFactory.Settings firefox) {}

  public static List<DriverFactory> advertised(List<Engine> wanted, Map<Engine, URI> remotes, LocalDrivers local) {
    SeleniumLogLevels.quietCdpVersionWarnings();
    var advertised = new ArrayList<DriverFactory>();
    for (Engine engine : wanted.stream().distinct().toList()) {
      DriverFactory factory = factoryFor(engine, remotes.get(engine), local);
      Optional<String> reason = factory.unavailableReason();
      if (reason.isPresent()) {
        log.warn("engine {} is not advertised: {}", engine.wireName(), reason.get());
      } else {
        advertised.add(factory);
      }
    }
    return List.copyOf(advertised);
  }

  static DriverFactory factoryFor(Engine engine, URI remote, LocalDrivers local) {
    if (remote != null) {
      return new RemoteDriverFactory(engine, remote, local.chromium().extraArguments());
    }
    return switch (engine) {
      case CHROMIUM -> new ChromiumDriverFactory(local.chromium());
      case WEBKIT -> new WebKitDriverFactory(local.webkit());
      case FIREFOX -> new FirefoxBiDiFactory(local.firefox());
    };
  }
}
