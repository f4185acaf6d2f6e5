package dev.browserfleet.worker.browser;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openqa.selenium.json.JsonInput;

/**
 * The requests of one page in flight, fed by CDP {@code Network} events, and the origins the page
 * talked to (so that a reset can clear their storage). Events arrive on the DevTools connection's
 * threads; readers poll from the job's thread.
 *
 * <p>Selenium's {@code Connection} hands each message it receives to a thread of a pool, so two
 * events of one request can reach their listeners in either order: a request served from the cache
 * sends {@code requestWillBeSent} and {@code loadingFinished} within a millisecond, and its end was
 * seen before its start often enough to keep a warm page "loading" forever (issue 14). So each event
 * comes with the sequence number Selenium gave it on arrival, and a request is in flight when its
 * latest start arrived after its latest end, whichever was handled first.
 */
final class NetworkActivity {

  /** The sequence numbers of the latest start and end of one request; -1 for none yet. */
  private record Seen(long started, long ended) {
    boolean inFlight() {
      return started > ended;
    }
  }

  private final Map<String, Seen> requests = new ConcurrentHashMap<>();
  private final Set<String> origins = ConcurrentHashMap.newKeySet();
  /** Events that arrived before the current page was begun belong to an earlier one. */
  private volatile long pageBegunAfter = -1;
  private final AtomicLong lastSequence = new AtomicLong(-1);
  private volatile long lastChangeNanos = System.nanoTime();

  /** {@code requestWillBeSent}, the {@code sequence}th message of the connection (redirect hops included). */
  void requestStarted(long sequence, String requestId, String url) {
    if (requestId == null || url == null) {
      return;
    }
    Optional<String> origin = originOf(url);
    // data: and blob: URLs never report their end, and do not touch the network anyway.
    if (origin.isEmpty()) {
      return;
    }
    origins.add(origin.get());
    see(sequence, requestId, true);
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

  /** {@code loadingFinished} or {@code loadingFailed}, the {@code sequence}th message of the connection. */
  void requestEnded(long sequence, String requestId) {
    if (requestId != null) {
      see(sequence, requestId, false);
    }
  }

  private void see(long sequence, String requestId, boolean start) {
    lastSequence.accumulateAndGet(sequence, Math::max);
    if (sequence <= pageBegunAfter) {
      return;
    }
    // Kept after its end until the page is left: a redirect hop's start may still come late.
    requests.merge(requestId, start ? new Seen(sequence, -1) : new Seen(-1, sequence),
        (before, seen) -> new Seen(Math.max(before.started(), seen.started()), Math.max(before.ended(), seen.ended())));
    lastChangeNanos = System.nanoTime();
  }

  /**
   * Forgets the requests of a page that is being left; their end events may never come. Events
   * that arrive later but were numbered before now are theirs too, and are ignored.
   */
  void newPage() {
    pageBegunAfter = lastSequence.get();
    requests.clear();
    lastChangeNanos = System.nanoTime();
  }

  int inFlightCount() {
    return (int) requests.values().stream().filter(Seen::inFlight).count();
  }

  /** Whether nothing has been in flight for at least {@code quietNanos}. */
  boolean isIdleFor(long quietNanos) {
    return inFlightCount() == 0 && System.nanoTime() - lastChangeNanos >= quietNanos;
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
