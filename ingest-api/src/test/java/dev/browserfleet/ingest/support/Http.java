package dev.browserfleet.ingest.support;

import dev.browserfleet.contracts.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Real HTTP against the running ingest-api, as a client would talk to it. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  public Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public Response get(String path, String apiKey) {
    return send(request(path, apiKey).GET());
  }

  public Response postJson(String path, String apiKey, String json) {
    return post(path, apiKey, "application/json", json);
  }

  public Response post(String path, String apiKey, String contentType, String body) {
    HttpRequest.Builder request = request(path, apiKey).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public Response send(String method, String path, String apiKey) {
    return send(request(path, apiKey).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** Any request: {@code headers} as given (no key is added), {@code body} null for none. */
  public Response exchange(String method, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request);
  }

  private HttpRequest.Builder request(String path, String apiKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (apiKey != null) {
      request.header("X-API-Key", apiKey);
    }
    return request;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      return new Response(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response with its body read. */
  public record Response(HttpResponse<byte[]> raw) {

    public int status() {
      return raw.statusCode();
    }

    public byte[] bytes() {
      return raw.body();
    }

    public String body() {
      return new String(raw.body(), StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      return JsonCodec.readTree(raw.body());
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }

    @Override
    public String toString() {
      return raw.statusCode() + " " + body();
    }
  }
}
