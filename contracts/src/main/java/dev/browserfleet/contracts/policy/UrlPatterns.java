package dev.browserfleet.contracts.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of URL policy patterns. A pattern is one of:
 *
 * <ul>
 *   <li>a <b>host glob</b>, without {@code ://}: {@code example.com} matches that host only;
 *       {@code *.example.com} matches every subdomain of it ({@code a.example.com},
 *       {@code a.b.example.com}) but not {@code example.com} itself; {@code *} matches any run of
 *       characters. Any scheme, port and path.
 *   <li>a <b>URL glob</b>, with {@code ://}: matched against the whole URL
 *       ({@code scheme://host[:port]/path[?query]}), {@code *} matching any run of characters,
 *       so {@code https://example.com/admin/*} matches every page under {@code /admin/} on
 *       that host over https.
 * </ul>
 *
 * Scheme and host compare case-insensitively; the path is case-sensitive. A URL's default port
 * and an empty path are normalised away ({@code HTTPS://Example.com:443} is
 * {@code https://example.com/}).
 */
public final class UrlPatterns {

  /** Longest pattern (SCHEMA.md url_policies.pattern is VARCHAR(255)). */
  public static final int MAX_LENGTH = 255;
  private static final Pattern HOST_GLOB = Pattern.compile("[a-z0-9*.\\-\\[\\]:]+");

  private UrlPatterns() {}

  /** Why {@code pattern} is not a usable pattern, or empty when it is. */
  public static Optional<String> problem(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      return Optional.of("must not be empty");
    }
    if (pattern.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (pattern.contains("://")) {
      String scheme = pattern.substring(0, pattern.indexOf("://")).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("*")) {
        return Optional.of("must start with http://, https:// or *:// when it is a URL pattern");
      }
      if (pattern.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        return Optional.of("must not contain spaces or control characters");
      }
      return Optional.empty();
    }
    if (!HOST_GLOB.matcher(pattern.toLowerCase(Locale.ROOT)).matches()) {
      return Optional.of(
          "must be a host glob such as *.example.com, or a URL glob such as https://example.com/admin/*");
    }
    return Optional.empty();
  }

  /** Whether {@code pattern} (valid by {@link #problem}) matches {@code url}; a URL that does not parse matches nothing. */
  public static boolean matches(String pattern, String url) {
    Optional<URI> parsed = parse(url);
    if (parsed.isEmpty()) {
      return false;
    }
    URI uri = parsed.get();
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (!pattern.contains("://")) {
      return glob(pattern.toLowerCase(Locale.ROOT)).matcher(host).matches();
    }
    int schemeEnd = pattern.indexOf("://");
    String lowered = pattern.substring(0, schemeEnd).toLowerCase(Locale.ROOT) + pattern.substring(schemeEnd);
    int hostEnd = lowered.indexOf('/', schemeEnd + 3);
    // Lower-case the pattern's host part too, so that Example.COM patterns still match.
    String normalisedPattern =
        hostEnd < 0
            ? lowered.toLowerCase(Locale.ROOT)
            : lowered.substring(0, hostEnd).toLowerCase(Locale.ROOT) + lowered.substring(hostEnd);
    return glob(normalisedPattern).matcher(normalise(uri, host)).matches();
  }

  private static String normalise(URI uri, String host) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port) + path + query;
  }

  private static Optional<URI> parse(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() == null || uri.getHost() == null ? Optional.empty() : Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Pattern glob(String glob) {
    var regex = new StringBuilder();
    for (String literal : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
