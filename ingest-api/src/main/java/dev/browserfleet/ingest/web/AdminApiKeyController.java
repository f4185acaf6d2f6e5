package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.WireEnum;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import dev.browserfleet.contracts.webhook.CallbackUrls;
import dev.browserfleet.ingest.access.ApiKeyDirectory;
import dev.browserfleet.ingest.access.ApiKeyIssuer;
import dev.browserfleet.ingest.access.IssuedApiKey;
import dev.browserfleet.ingest.access.JobLimitsChange;
import dev.browserfleet.ingest.access.NewApiKey;
import dev.browserfleet.ingest.job.Callbacks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Admin management of API keys: create (the secret shown this once), list, read, revoke, rotate.
 * Nothing but a creation or a rotation ever returns a secret; the rest return {@link KeyView}.
 */
@RestController("ingestAdminApiKeyController")
@AdminOnly
@RequestMapping(IngestWebConfiguration.API_BASE + "/admin/api-keys")
@Tag(name = ApiTags.ADMIN_KEYS)
class AdminApiKeyController {

  /** The body of a key creation. */
  record CreateApiKey(
      @NotBlank @Size(max = 255) String clientId,
      @NotBlank @Size(max = 255) String name,
      @Positive @Max(1_000_000) Integer rateLimit,
      Instant expiresAt,
      @Size(min = 1, max = 10) List<String> scopes) {}

  /** A key as admins see it: never the secret, nor its hash, nor its webhook secret. */
  record KeyView(
      UUID id, String clientId, String name, String status, int rateLimit, boolean isActive,
      Instant expiresAt, List<String> scopes, Instant createdAt, Instant updatedAt,
      Integer maxConcurrentJobs, Integer maxQueuedJobs, String callbackUrl, boolean hasWebhookSecret) {

    static KeyView of(ApiKey key) {
      return new KeyView(
          key.id(), key.clientId(), key.name(), key.status().wireName(), key.rateLimit(), key.isActive(),
          key.expiresAt(), scopesOf(key), key.createdAt(), key.updatedAt(),
          key.maxConcurrentJobs(), key.maxQueuedJobs(), key.callbackUrl(), key.webhookSecret() != null);
    }
  }

  /**
   * A created key: the only response that ever carries {@code key}, the secret, and (with {@link
   * WebhookSecret}) {@code webhookSecret}.
   */
  record CreatedApiKey(
      UUID id, String key, String clientId, String name, int rateLimit, String status, Instant expiresAt,
      List<String> scopes, Instant createdAt, String callbackUrl, String webhookSecret) {}

  /** A key's new webhook signing secret, shown this once. */
  record WebhookSecret(UUID id, String webhookSecret) {}

  record Items<T>(List<T> items) {}

  private final ApiKeyIssuer issuer;
  private final ApiKeyDirectory directory;
  private final Validator validator;
  private final Callbacks callbacks;

  AdminApiKeyController(ApiKeyIssuer issuer, ApiKeyDirectory directory, Validator validator, Callbacks callbacks) {
    this.issuer = issuer;
    this.directory = directory;
    this.validator = validator;
    this.callbacks = callbacks;
  }

  @Operation(summary = "Create an API key", description = "The secret (key) is in this answer only; it is stored as a hash.")
  @ApiResponse(responseCode = "201", description = "Created: the key, shown this once.")
  @ApiResponse(responseCode = "400", description = "The body is not a valid key; errors names each field.")
  @ApiResponse(responseCode = "415", description = "The body is not application/json.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<CreatedApiKey> create(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(
                  mediaType = MediaType.APPLICATION_JSON_VALUE,
                  schema = @Schema(implementation = CreateApiKey.class),
                  examples = @ExampleObject(
                      name = "ci",
                      value = "{\"clientId\":\"acme\",\"name\":\"CI pipeline\",\"rateLimit\":100,"
                          + "\"expiresAt\":\"2027-01-01T00:00:00Z\",\"scopes\":[\"jobs:read\",\"jobs:write\"]}")))
          @RequestBody byte[] body) {
    CreateApiKey request = JsonBodies.read(body, CreateApiKey.class);
    var errors = new ArrayList<FieldError>();
    validator.validate(request).forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage())));
    if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
      errors.add(new FieldError("expiresAt", "must be in the future"));
    }
    if (request.scopes() != null) {
      for (int i = 0; i < request.scopes().size(); i++) {
        String scope = request.scopes().get(i);
        if (scope == null || WireEnum.fromWireName(ApiKeyScope.class, scope).isEmpty()) {
          errors.add(new FieldError("scopes[" + i + "]", "must be one of jobs:read, jobs:write"));
        }
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FieldError::field));
      throw new ApiProblem.Invalid("The key was not created: fix the fields named in errors.", errors);
    }
    int rateLimit = request.rateLimit() == null ? NewApiKey.DEFAULT_RATE_LIMIT : request.rateLimit();
    List<String> scopes = request.scopes() == null ? null : request.scopes().stream().distinct().toList();
    IssuedApiKey issued =
        issuer.issue(
            new NewApiKey(request.clientId().strip(), request.name().strip(), rateLimit, request.expiresAt(), scopes));
    return created(issued);
  }

  @Operation(summary = "List API keys")
  @ApiResponse(responseCode = "200", description = "Every key (optionally of one client), never a secret.")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  Items<KeyView> list(@RequestParam(required = false) String clientId) {
    return new Items<>(
        directory.list().stream()
            .filter(key -> clientId == null || clientId.equals(key.clientId()))
            .map(KeyView::of)
            .toList());
  }

  @Operation(summary = "Read an API key")
  @ApiResponse(responseCode = "200", description = "The key, never its secret.")
  @ApiResponse(responseCode = "400", description = "The id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such key.")
  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  KeyView get(@PathVariable UUID id) {
    return directory.findById(id).map(KeyView::of).orElseThrow(() -> noSuchKey(id));
  }

  /**
   * Changes the key (a JSON merge patch): its job limits {@code maxConcurrentJobs} and {@code
   * maxQueuedJobs} ({@code null} removes a limit) and its default {@code callbackUrl} ({@code null}
   * removes it); a field left out stays as it is.
   */
  @Operation(summary = "Change an API key's job limits and default callback",
      description = "A JSON merge patch: a field left out stays as it is; null removes a limit or the callback.")
  @ApiResponse(responseCode = "200", description = "The key as it is now.")
  @ApiResponse(responseCode = "400", description = "A field is unknown or invalid (errors names it), or the callback's address is not allowed.")
  @ApiResponse(responseCode = "404", description = "No such key.")
  @PatchMapping(
      path = "/{id}",
      consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  KeyView patch(
      @PathVariable UUID id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(
                  mediaType = MediaType.APPLICATION_JSON_VALUE,
                  schema = @Schema(type = "object"),
                  examples = @ExampleObject(name = "limits and callback",
                      value = "{\"maxConcurrentJobs\":2,\"maxQueuedJobs\":500,\"callbackUrl\":\"https://hooks.example.com/browserfleet\"}")))
          @RequestBody byte[] body) {
    JsonNode tree = JsonBodies.tree(body);
    var errors = new ArrayList<FieldError>();
    JobLimitsChange limits = ApiKeyLimitsPatch.read(tree, errors);
    boolean changesCallback = tree.has(CallbackUrls.FIELD);
    String url = null;
    if (changesCallback) {
      JsonNode value = tree.get(CallbackUrls.FIELD);
      if (!value.isNull() && !value.isString()) {
        errors.add(new FieldError(CallbackUrls.FIELD, "must be a URL, or null for no default callback"));
      } else if (!value.isNull()) {
        url = value.asString();
        String asked = url;
        callbacks.violation(asked).ifPresent(why -> errors.add(new FieldError(CallbackUrls.FIELD, asked + " " + why)));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiKeyLimitsPatch.invalid(errors);
    }
    ApiKey key = directory.findById(id).orElseThrow(() -> noSuchKey(id));
    if (ApiKeyLimitsPatch.changesLimits(limits)) {
      key = issuer.changeJobLimits(id, limits).orElseThrow(() -> noSuchKey(id));
    }
    if (changesCallback) {
      key = issuer.setCallbackUrl(id, url).orElseThrow(() -> noSuchKey(id));
    }
    return KeyView.of(key);
  }

  /** Revokes the key: it is refused from now on, here at once and on other replicas within moments. */
  @Operation(summary = "Revoke an API key")
  @ApiResponse(responseCode = "200", description = "The key, now revoked.")
  @ApiResponse(responseCode = "400", description = "The id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such key.")
  @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  KeyView revoke(@PathVariable UUID id) {
    return issuer.revoke(id).map(KeyView::of).orElseThrow(() -> noSuchKey(id));
  }

  /** A new key with the same settings replaces this one, which is revoked. */
  @Operation(summary = "Rotate an API key", description = "A new key with the same settings; the old one is revoked.")
  @ApiResponse(responseCode = "201", description = "The new key, its secret shown this once.")
  @ApiResponse(responseCode = "400", description = "The id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such key.")
  @PostMapping(path = "/{id}/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<CreatedApiKey> rotate(@PathVariable UUID id) {
    return created(issuer.rotate(id).orElseThrow(() -> noSuchKey(id)));
  }

  /** A new webhook signing secret for the key, shown this once; the old one signs nothing from now on. */
  @Operation(summary = "Make a new webhook signing secret for an API key", description = "Shown in this answer only.")
  @ApiResponse(responseCode = "201", description = "Created: {id, webhookSecret}.")
  @ApiResponse(responseCode = "400", description = "The id is not a UUID, or webhooks are not configured on this server.")
  @ApiResponse(responseCode = "404", description = "No such key.")
  @PostMapping(path = "/{id}/webhook-secret", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<WebhookSecret> newWebhookSecret(@PathVariable UUID id) {
    if (!issuer.issuesWebhookSecrets()) {
      throw new ApiProblem.Invalid("Webhooks are not configured on this server: set browserfleet.webhooks.secret-key"
          + " (BF_WEBHOOK_SECRET_KEY, 32 bytes in base64).", List.of());
    }
    var created = issuer.newWebhookSecret(id).orElseThrow(() -> noSuchKey(id));
    return ResponseEntity.status(HttpStatus.CREATED)
        .cacheControl(CacheControl.noStore())
        .body(new WebhookSecret(id, created.webhookSecret()));
  }

  private static ResponseEntity<CreatedApiKey> created(IssuedApiKey issued) {
    ApiKey key = issued.apiKey();
    return ResponseEntity.status(HttpStatus.CREATED)
        // The secret must not linger in any cache on the way back.
        .cacheControl(CacheControl.noStore())
        .location(URI.create(IngestWebConfiguration.API_BASE + "/admin/api-keys/" + key.id()))
        .body(
            new CreatedApiKey(
                key.id(), issued.secret(), key.clientId(), key.name(), key.rateLimit(), key.status().wireName(),
                key.expiresAt(), scopesOf(key), key.createdAt(), key.callbackUrl(), issued.webhookSecret()));
  }

  private static List<String> scopesOf(ApiKey key) {
    return key.scopes() != null
        ? key.scopes()
        : Arrays.stream(ApiKeyScope.values()).map(ApiKeyScope::wireName).toList();
  }

  private static ApiProblem.NotFound noSuchKey(UUID id) {
    return new ApiProblem.NotFound("There is no API key " + id + ".");
  }
}
