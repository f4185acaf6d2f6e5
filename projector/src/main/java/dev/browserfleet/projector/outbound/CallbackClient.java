package dev.browserfleet.projector.outbound;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.webhook.WebhookSignature;
import dev.browserfleet.projector.webhook.AttemptResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one signed callback. Before each attempt the host is resolved and every address it has is
 * checked like a job's target (never a metadata or link-local address; private ones only when
 * allowed), so a name that moved to a forbidden address since the job was submitted is not
 * called. Redirects are not followed (a 3xx is a failed attempt). The receiver's answer is read
 * up to {@link #MAX_BODY} bytes, only to let the connection be reused, and never kept.
 */
public final class CallbackClient implements AutoCloseable {

  static final int MAX_BODY = 4096;

  private final TargetAddressPolicy addresses;
  private final TargetAddressPolicy.Resolver dns;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;

  public CallbackClient(TargetAddressPolicy addresses, TargetAddressPolicy.Resolver dns, Duration timeout, Clock clock) {
    this.addresses = addresses;
    this.dns = dns;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** Signs {@code body} with {@code secret} now and POSTs it; never throws for what the receiver does. */
  public AttemptResult post(String url, UUID deliveryId, String secret, String body) {
    long started = System.nanoTime();
    Optional<String> denied = deniedAddress(url);
    if (denied.isPresent()) {
      return new AttemptResult.NoAnswer(denied.get(), elapsed(started));
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var request = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "Browserfleet-Webhook/1")
        .header(WebhookSignature.DELIVERY_HEADER, deliveryId.toString())
        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(secret, clock.instant().getEpochSecond(), bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
    CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, info -> new FirstBytes(MAX_BODY));
    try {
      // One bound for connecting, sending, the status line and the little of the body we read.
      HttpResponse<Void> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new AttemptResult.Answered(response.statusCode(), elapsed(started));
    } catch (TimeoutException e) {
      answer.cancel(true);
      return new AttemptResult.NoAnswer("no answer within " + timeout.toMillis() + " ms", elapsed(started));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String why = cause instanceof HttpTimeoutException ? "no answer within " + timeout.toMillis() + " ms"
          : cause instanceof IOException ? "no answer: " + describe(cause) : "the request failed: " + describe(cause);
      return new AttemptResult.NoAnswer(why, elapsed(started));
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      return new AttemptResult.NoAnswer("interrupted while waiting for the answer", elapsed(started));
    }
  }

  private Optional<String> deniedAddress(String url) {
    URI uri = URI.create(url);
    Optional<String> byName = addresses.violation(url);
    if (byName.isPresent()) {
      return Optional.of("not called: " + url + " " + byName.get());
    }
    List<InetAddress> resolved;
    try {
      resolved = dns.resolve(uri.getHost());
    } catch (UnknownHostException e) {
      return Optional.of("no answer: the host " + uri.getHost() + " does not resolve");
    }
    for (InetAddress address : resolved) {
      Optional<String> denied = addresses.violation(uri.getHost(), address);
      if (denied.isPresent()) {
        return Optional.of("not called: " + url + " " + denied.get());
      }
    }
    return Optional.empty();
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
  }

  private static long elapsed(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  @Override
  public void close() {
    http.close();
  }

  /** Takes up to {@code limit} bytes of the body, drops them, and cancels the rest. */
  private static final class FirstBytes implements HttpResponse.BodySubscriber<Void> {
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final int limit;
    private Flow.Subscription subscription;
    private int seen;

    FirstBytes(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<Void> getBody() {
      return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        seen += buffer.remaining();
      }
      if (seen >= limit) {
        subscription.cancel();
        done.complete(null);
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }
  }
}
