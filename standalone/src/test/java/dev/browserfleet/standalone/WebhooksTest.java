package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.webhook.WebhookSignature;
import dev.browserfleet.projector.messaging.WebhookDeliveryService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19's completion webhooks on the running system ({@link TestSystem}): real broker,
 * database and Chromium, and a real HTTP receiver on loopback (private targets are allowed here).
 */
class WebhooksTest {

  private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(90);

  private static TestSystem system;
  private final List<Receiver> receivers = new CopyOnWriteArrayList<>();

  /** One request a receiver got, and what it answered. */
  record Received(String deliveryId, String signature, byte[] body, int answered) {}

  /** A real HTTP server that answers each request with the status {@code answer} gives for its index (0 first). */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final List<Received> requests = new CopyOnWriteArrayList<>();

    Receiver(IntUnaryOperator answer) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/hook", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = answer.applyAsInt(requests.size());
        requests.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER),
            exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    long answered(int status) {
      return requests.stream().filter(r -> r.answered() == status).count();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** A client key of its own, with the webhook secret shown once at its creation. */
  record Key(String id, String key, String webhookSecret) {}

  @BeforeAll
  static void startBrowserfleet() {
    system = TestSystem.get();
  }

  @AfterEach
  void stopReceivers() {
    receivers.forEach(Receiver::close);
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheJobsEndOnTheThirdAttemptSignedUnderOneDeliveryId() throws Exception {
    Receiver receiver = receiver(index -> index < 2 ? 500 : 200);
    Key key = newKey("webhooks-retry");

    String jobId = submit(key, receiver.url());

    await().atMost(DELIVERED_WITHIN).until(() -> receiver.answered(200) == 1);
    assertThat(receiver.requests).extracting(Received::answered).containsExactly(500, 500, 200);
    assertThat(receiver.requests).extracting(Received::deliveryId).doesNotContainNull().containsOnly(receiver.requests.getFirst().deliveryId());
    for (Received request : receiver.requests) {
      assertThat(WebhookSignature.verifies(key.webhookSecret(), request.signature(), request.body()))
          .as("signature %s", request.signature()).isTrue();
      assertThat(request.signature()).matches("t=\\d{10},v1=[0-9a-f]{64}");
    }

    JsonNode body = JsonCodec.readTree(receiver.requests.getLast().body());
    var read = system.send("GET", "/jobs/" + jobId, key.key(), null);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    JsonNode job = TestSystem.json(read);
    assertThat(body.path("jobId").asString()).isEqualTo(jobId);
    assertThat(body.path("status").asString()).isEqualTo("completed");
    assertThat(body.path("browserTypeId").asInt()).isEqualTo(1);
    assertThat(body.path("targetUrl").asString()).isEqualTo(system.siteUrl);
    assertThat(body.path("retryCount").asInt()).isZero();
    assertThat(body.path("completedAt").asString()).isNotBlank();
    JsonNode artifact = body.path("artifacts").get(0);
    assertThat(artifact.path("id").asString()).isEqualTo(job.path("artifacts").get(0).path("id").asString());
    assertThat(artifact.path("artifactType").asString()).isEqualTo("screenshot");
    assertThat(artifact.path("sha256").asString()).hasSize(64);
    String apiRoot = system.api.replace("/api/v1", "");
    var download = system.http.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(apiRoot + artifact.path("downloadPath").asString()))
            .header("X-API-Key", key.key()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat((long) download.body().length).isEqualTo(artifact.path("sizeBytes").asLong());

    JsonNode attempts = awaitAttempts(key, jobId, 3);
    assertThat(attempts).extracting(a -> a.path("attempt").asInt()).containsExactly(1, 2, 3);
    assertThat(attempts).extracting(a -> a.path("statusCode").asInt()).containsExactly(500, 500, 200);
    assertThat(attempts).extracting(a -> a.path("outcome").asString()).containsExactly("retrying", "retrying", "delivered");
    assertThat(attempts).allSatisfy(a -> {
      assertThat(a.path("deliveryId").asString()).isEqualTo(receiver.requests.getFirst().deliveryId());
      assertThat(a.path("durationMs").asLong()).isNotNegative();
      assertThat(a.path("attemptedAt").asString()).isNotBlank();
    });
    // Delivered means done: nothing more comes.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests.size() == 3);
  }

  @Test
  void aCallbackAtTheMetadataAddressIsRefusedAtSubmissionNamingCallbackUrl() throws Exception {
    Key key = newKey("webhooks-metadata");
    String body = "{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "\",\"actions\":[],"
        + "\"callbackUrl\":\"http://169.254.169.254/latest/meta-data/\"}";

    var refused = system.send("POST", "/jobs", key.key(), body);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode error = TestSystem.json(refused).path("errors").get(0);
    assertThat(error.path("field").asString()).isEqualTo("callbackUrl");
    assertThat(error.path("message").asString()).contains("169.254.169.254").contains("link-local or metadata");

    var patched = system.send("PATCH", "/admin/api-keys/" + key.id(), TestSystem.ADMIN_KEY,
        "{\"callbackUrl\":\"http://169.254.169.254/latest/meta-data/\"}");
    assertThat(patched.statusCode()).isEqualTo(400);
    assertThat(TestSystem.json(patched).path("errors").get(0).path("field").asString()).isEqualTo("callbackUrl");
  }

  @Test
  void aDeliveryOwedWhileTheDeliveryServiceRestartsIsMadeAfterwardsAndOnlyOnce() throws Exception {
    var receiverUp = new AtomicBoolean(false);
    Receiver receiver = receiver(index -> receiverUp.get() ? 200 : 503);
    Key key = newKey("webhooks-restart");
    // The key's default callback, so that the job itself names none.
    var patched = system.send("PATCH", "/admin/api-keys/" + key.id(), TestSystem.ADMIN_KEY,
        "{\"callbackUrl\":\"" + receiver.url() + "\"}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(TestSystem.json(patched).path("callbackUrl").asString()).isEqualTo(receiver.url());
    var delivery = system.launcher.context().getBean(WebhookDeliveryService.class);

    String jobId = submit(key, null);
    await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests.size() >= 1);
    delivery.stop();
    int failedBeforeRestart = receiver.requests.size();
    receiverUp.set(true);
    try {
      // Stopped: nothing is attempted, however long the backoff has passed.
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> receiver.requests.size() == failedBeforeRestart);
    } finally {
      delivery.start();
    }

    await().atMost(DELIVERED_WITHIN).until(() -> receiver.answered(200) == 1);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> receiver.requests.size() == failedBeforeRestart + 1);
    assertThat(receiver.requests).extracting(Received::deliveryId).containsOnly(receiver.requests.getFirst().deliveryId());
    assertThat(JsonCodec.readTree(receiver.requests.getLast().body()).path("jobId").asString()).isEqualTo(jobId);

    JsonNode attempts = awaitAttempts(key, jobId, failedBeforeRestart + 1);
    assertThat(attempts).extracting(a -> a.path("attempt").asInt())
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, failedBeforeRestart + 1).boxed().toList());
    assertThat(attempts.get(failedBeforeRestart).path("outcome").asString()).isEqualTo("delivered");
    assertThat(attempts.get(0).path("statusCode").asInt()).isEqualTo(503);
  }

  @Test
  void aNewWebhookSecretSignsTheNextDeliveryAndIsNeverShownAgain() throws Exception {
    Receiver receiver = receiver(index -> 204);
    Key key = newKey("webhooks-new-secret");

    var renewed = system.send("POST", "/admin/api-keys/" + key.id() + "/webhook-secret", TestSystem.ADMIN_KEY, null);
    assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(201);
    assertThat(renewed.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
    String secret = TestSystem.json(renewed).path("webhookSecret").asString();
    assertThat(secret).startsWith("whsec_").isNotEqualTo(key.webhookSecret());
    var shown = system.send("GET", "/admin/api-keys/" + key.id(), TestSystem.ADMIN_KEY, null);
    assertThat(TestSystem.json(shown).path("hasWebhookSecret").asBoolean()).isTrue();
    assertThat(shown.body()).doesNotContain(secret).doesNotContain(key.webhookSecret()).doesNotContain("v1:");

    submit(key, receiver.url());

    await().atMost(DELIVERED_WITHIN).until(() -> receiver.answered(204) == 1);
    Received request = receiver.requests.getFirst();
    assertThat(WebhookSignature.verifies(secret, request.signature(), request.body())).isTrue();
    assertThat(WebhookSignature.verifies(key.webhookSecret(), request.signature(), request.body())).isFalse();
  }

  @Test
  void aJobProducedToKafkaCannotHaveItsCallbackSignedWithAnotherClientsKey() throws Exception {
    Receiver receiver = receiver(index -> 200);
    Key victim = newKey("webhooks-victim");
    String jobId = java.util.UUID.randomUUID().toString();
    String command = "{\"type\":\"job.submit\",\"jobId\":\"" + jobId + "\",\"clientId\":\"webhooks-intruder\","
        + "\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "\",\"actions\":[],"
        + "\"callbackUrl\":\"" + receiver.url() + "\",\"callbackKeyId\":\"" + victim.id() + "\"}";
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
        java.util.Map.of("bootstrap.servers", system.kafkaBootstrap),
        new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
      producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("bf.job-commands", jobId, command)).get();
    }

    JsonNode attempts = await().atMost(DELIVERED_WITHIN).until(() -> {
      var response = system.send("GET", "/jobs/" + jobId + "/deliveries", TestSystem.ADMIN_KEY, null);
      return response.statusCode() == 200 ? TestSystem.json(response).path("items") : null;
    }, items -> items != null && items.size() == 1);

    assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("given_up");
    assertThat(attempts.get(0).path("error").asString()).contains("not a key of the job's client");
    assertThat(receiver.requests).isEmpty();
  }

  private Receiver receiver(IntUnaryOperator answer) throws IOException {
    var receiver = new Receiver(answer);
    receivers.add(receiver);
    return receiver;
  }

  private static Key newKey(String name) throws Exception {
    var created = system.send("POST", "/admin/api-keys", TestSystem.ADMIN_KEY,
        "{\"clientId\":\"" + name + "\",\"name\":\"" + name + "\",\"rateLimit\":100000}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode key = TestSystem.json(created);
    assertThat(key.path("webhookSecret").asString()).startsWith("whsec_");
    return new Key(key.path("id").asString(), key.path("key").asString(), key.path("webhookSecret").asString());
  }

  private static String submit(Key key, String callbackUrl) throws Exception {
    String body = "{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "\",\"waitUntil\":\"load\","
        + "\"actions\":[{\"action\":\"screenshot\"}]"
        + (callbackUrl == null ? "" : ",\"callbackUrl\":\"" + callbackUrl + "\"") + "}";
    var accepted = system.send("POST", "/jobs", key.key(), body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return TestSystem.json(accepted).path("jobId").asString();
  }

  private static JsonNode awaitAttempts(Key key, String jobId, int count) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> {
      var response = system.send("GET", "/jobs/" + jobId + "/deliveries", key.key(), null);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return TestSystem.json(response).path("items");
    }, items -> items.size() == count);
  }
}
