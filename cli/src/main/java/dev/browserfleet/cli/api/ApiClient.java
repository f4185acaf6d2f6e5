package dev.browserfleet.cli.api;

import dev.browserfleet.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Browserfleet REST API as the client uses it. Every failure becomes a {@link CliException}:
 * an API that cannot be reached, or an answer that is not a success (its RFC 9457 problem's detail
 * and field errors in the message), both with exit code 2.
 */
public final class ApiClient {

  static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String apiKey;
  private final HttpClient http;

  /** {@code apiUrl} is the server ({@code http://host:port}) or its {@code /api/v1} base. */
  public ApiClient(String apiUrl, String apiKey) {
    this.base = apiBase(apiUrl);
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  static URI apiBase(String apiUrl) {
    String url = apiUrl.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    if (!url.endsWith("/api/v1")) {
      url = url + "/api/v1";
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("BF_API_URL is not a URL: " + apiUrl);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw CliException.usage("BF_API_URL must be an http or https URL, not " + apiUrl);
    }
    return uri;
  }

  public URI base() {
    return base;
  }

  public JsonNode get(String path, Map<String, String> query) {
    return json(send(request(path + queryString(query)).GET().build()));
  }

  public JsonNode get(String path) {
    return get(path, Map.of());
  }

  public JsonNode post(String path, String jsonBody) {
    var builder = request(path).header("Content-Type", "application/json")
        .POST(jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
    return json(send(builder.build()));
  }

  /** The bytes of a download, streamed; the caller closes the stream. */
  public InputStream download(String path) {
    HttpResponse<InputStream> response = exchange(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() / 100 != 2) {
      try (InputStream body = response.body()) {
        throw problem(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new CliException(CliException.USAGE, "download of " + path + " failed: HTTP " + response.statusCode(), e);
      }
    }
    return response.body();
  }

  /**
   * A Server-Sent Events stream, read line by line; {@code lastEventId} resumes after that event.
   * The caller closes the stream; a dropped connection shows as an {@link java.io.UncheckedIOException}.
   */
  public Stream<String> events(String path, String lastEventId) {
    var builder = HttpRequest.newBuilder(resolve(path)).header("X-API-Key", apiKey).header("Accept", "text/event-stream").GET();
    if (lastEventId != null) {
      builder.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> response = exchange(builder.build(), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() / 100 != 2) {
      String body;
      try (Stream<String> lines = response.body()) {
        body = lines.collect(Collectors.joining("\n"));
      }
      throw problem(response.statusCode(), body);
    }
    return response.body();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT)
        .header("X-API-Key", apiKey).header("Accept", "application/json");
  }

  private URI resolve(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  private HttpResponse<String> send(HttpRequest request) {
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw problem(response.statusCode(), response.body());
    }
    return response;
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new CliException(CliException.USAGE, "cannot reach the Browserfleet API at " + base + " (" + describe(e)
          + "); is it running, and is BF_API_URL right?", e);
    } catch (HttpTimeoutException e) {
      throw new CliException(CliException.USAGE, "the Browserfleet API at " + base + " did not answer in time", e);
    } catch (IOException e) {
      throw new CliException(CliException.USAGE, "talking to the Browserfleet API at " + base + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.USAGE, "interrupted", e);
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The API's answer as a message a person can act on: status, detail and each field at fault. */
  static CliException problem(int status, String body) {
    var message = new StringBuilder("the API answered " + status);
    try {
      JsonNode problem = JSON.readTree(body);
      String detail = problem.path("detail").asString("");
      String title = problem.path("title").asString("");
      if (!detail.isBlank()) {
        message.append(": ").append(detail);
      } else if (!title.isBlank()) {
        message.append(": ").append(title);
      }
      for (JsonNode error : problem.path("errors")) {
        message.append("\n  ").append(error.path("field").asString("?")).append(": ").append(error.path("message").asString(""));
      }
    } catch (JacksonException e) {
      if (body != null && !body.isBlank()) {
        message.append(": ").append(body.strip());
      }
    }
    if (status == 401) {
      message.append("\n  (check BF_API_KEY)");
    }
    return new CliException(CliException.USAGE, message.toString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (JacksonException e) {
      throw new CliException(CliException.USAGE, "the API answered something that is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String queryString(Map<String, String> query) {
    var present = new LinkedHashMap<String, String>();
    query.forEach((k, v) -> {
      if (v != null) {
        present.put(k, v);
      }
    });
    if (present.isEmpty()) {
      return "";
    }
    return present.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&", "?", ""));
  }

  /** {@code node} as indented JSON, for {@code --json}. */
  public static String pretty(JsonNode node) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  /** Reads {@code text} as JSON; bad JSON is bad input. */
  public static JsonNode parse(String text, String what) {
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      throw new CliException(CliException.USAGE, what + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"), e);
    }
  }

  public static JsonNode arrayOf(java.util.List<JsonNode> items) {
    var array = JSON.createArrayNode();
    items.forEach(array::add);
    return array;
  }

  public static JsonNode objectOf(java.util.Map<String, Object> fields) {
    return JSON.valueToTree(fields);
  }

  public static String encodePath(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
