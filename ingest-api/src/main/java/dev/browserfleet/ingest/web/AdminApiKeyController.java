package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.ingest.access.ApiKeyIssuer;
import dev.browserfleet.ingest.access.IssuedApiKey;
import dev.browserfleet.ingest.access.NewApiKey;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin management of API keys. */
@RestController("ingestAdminApiKeyController")
@AdminOnly
@RequestMapping(IngestWebConfiguration.API_BASE + "/admin/api-keys")
class AdminApiKeyController {

  /** The body of a key creation. */
  record CreateApiKey(
      @NotBlank @Size(max = 255) String clientId,
      @NotBlank @Size(max = 255) String name,
      @Positive @Max(1_000_000) Integer rateLimit) {}

  /** A created key: the only response that ever carries {@code key}, the secret. */
  record CreatedApiKey(
      UUID id, String key, String clientId, String name, int rateLimit, String status, Instant createdAt) {}

  private final ApiKeyIssuer issuer;
  private final Validator validator;

  AdminApiKeyController(ApiKeyIssuer issuer, Validator validator) {
    this.issuer = issuer;
    this.validator = validator;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<CreatedApiKey> create(@RequestBody byte[] body) {
    CreateApiKey request = JsonBodies.read(body, CreateApiKey.class);
    List<FieldError> errors =
        validator.validate(request).stream()
            .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    if (!errors.isEmpty()) {
      throw new ApiProblem.Invalid("The key was not created: fix the fields named in errors.", errors);
    }
    int rateLimit = request.rateLimit() == null ? NewApiKey.DEFAULT_RATE_LIMIT : request.rateLimit();
    IssuedApiKey issued = issuer.issue(new NewApiKey(request.clientId().strip(), request.name().strip(), rateLimit));
    ApiKey key = issued.apiKey();
    return ResponseEntity.status(HttpStatus.CREATED)
        // The secret must not linger in any cache on the way back.
        .cacheControl(CacheControl.noStore())
        .body(
            new CreatedApiKey(
                key.id(), issued.secret(), key.clientId(), key.name(), key.rateLimit(),
                key.status().wireName(), key.createdAt()));
  }
}
