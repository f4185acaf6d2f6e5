package dev.browserfleet.worker.guard;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The ports every browser refuses to fetch from: the "bad ports" of the Fetch standard, which
 * Chromium reports as {@code net::ERR_UNSAFE_PORT}, Firefox as a blocked port and WebKit by
 * loading nothing at all. Checked before a job's navigation so that every engine fails it alike.
 */
final class RefusedPorts {

  // https://fetch.spec.whatwg.org/#port-blocking
  private static final Set<Integer> BAD_PORTS = Set.of(0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37,
      42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139,
      143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
      989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
      6669, 6679, 6697, 10080);

  private RefusedPorts() {}

  /** Chromium's error for {@code url} when its port is one browsers refuse; empty otherwise. */
  static Optional<String> error(String url) {
    int port;
    try {
      port = URI.create(url).getPort();
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not for this check to judge
    }
    return BAD_PORTS.contains(port)
        ? Optional.of("net::ERR_UNSAFE_PORT at " + url + ": browsers refuse port " + port)
        : Optional.empty();
  }
}
