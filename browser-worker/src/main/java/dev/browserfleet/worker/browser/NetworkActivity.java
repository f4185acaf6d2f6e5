package dev.browserfleet.worker.browser;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.json.JsonInput;

/**
 * The requests of one page in flight, fed by CDP {@code Network} events, and the origins the page
 * talked to (so that a reset can clear their storage). Events arrive on the DevTools connection's
 * thread; readers poll from the job's thread.
 */
final class NetworkActivity {

  private final Map<String, String> inFlight = new ConcurrentHashMap<>();
  private final Set<String> origins = ConcurrentHashMap.newKeySet();
  private volatile long lastChangeNanos = System.nanoTime();

  void requestStarted(String requestId, String url) {
    if (requestId == null || url == null) {
      return;
    }
    Optional<String> origin = originOf(url);
    // data: and blob: URLs never report their end, and do not touch the network anyway.
    if (origin.isEmpty()) {
      return;
    }
    origins.add(origin.get());
    inFlight.put(requestId, url);
    lastChangeNanos = System.nanoTime();
  }

  /**
   * Remembers the origin of a document loaded anywhere in the session, popups included (whose
   * network events this page does not see), so that a reset clears its storage too.
   */
  void documentRequested(String url) {
    if (url != null) {
      originOf(url).ifPresent(origins::add);
    }
  }

  void requestEnded(String requestId) {
    if (requestId != null && inFlight.remove(requestId) != null) {
      lastChangeNanos = System.nanoTime();
    }
  }

  /** Forgets requests of a page that is being left; their end events may never come. */
  void newPage() {
    inFlight.clear();
    lastChangeNanos = System.nanoTime();
  }

  int inFlightCount() {
    return inFlight.size();
  }

  /** Whether nothing has been in flight for at least {@code quietNanos}. */
  boolean isIdleFor(long quietNanos) {
    return inFlight.isEmpty() && System.nanoTime() - lastChangeNanos >= quietNanos;
  }

  /** The http(s) origins seen since the last call, which are then forgotten. */
  Set<String> takeOrigins() {
    Set<String> taken = Set.copyOf(origins);
    origins.removeAll(taken);
    return taken;
  }

  static Optional<String> originOf(String url) {
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(scheme + "://" + uri.getRawAuthority());
    } catch (IllegalArgumentException notAUri) {
      return Optional.empty();
    }
  }

  /**
   * Reads {@code requestId}, {@code request.url} and {@code frameId} from the params of a Network
   * or Fetch event.
   */
  static String[] readRequest(JsonInput input) {
    Map<String, Object> params = CdpEvents.params(input);
    return new String[] {
        CdpEvents.string(params, "requestId"), CdpEvents.string(params, "request", "url"), CdpEvents.string(params, "frameId")};
  }
}
