package dev.browserfleet.ingest.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import dev.browserfleet.ingest.policy.UrlPolicyAdmin;
import dev.browserfleet.contracts.policy.UrlPolicyDirectory;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin management of URL policies. Every change is a record on {@code bf.url-policies}: the
 * ingest-api, the dispatcher and the workers enforce it, the projector writes {@code url_policies}.
 */
@RestController("ingestAdminUrlPolicyController")
@AdminOnly
@RequestMapping(IngestWebConfiguration.API_BASE + "/admin/url-policies")
@Tag(name = ApiTags.ADMIN_POLICIES)
class AdminUrlPolicyController {

  /** The body of a creation, or of a PATCH (where absent fields keep their value). */
  record PolicyBody(String pattern, UrlPolicyType type, String description, Boolean isActive) {}

  record PolicyView(
      UUID id, String pattern, String type, String description, boolean isActive, Instant createdAt, Instant updatedAt) {

    static PolicyView of(UrlPolicy p) {
      return new PolicyView(
          p.id(), p.pattern(), p.type().wireName(), p.description(), p.isActive(), p.createdAt(), p.updatedAt());
    }
  }

  record Items<T>(List<T> items) {}

  private static final String MERGE_PATCH = "application/merge-patch+json";

  private final UrlPolicyAdmin admin;
  private final UrlPolicyDirectory directory;

  AdminUrlPolicyController(UrlPolicyAdmin admin, UrlPolicyDirectory directory) {
    this.admin = admin;
    this.directory = directory;
  }

  @Operation(summary = "Add a URL policy")
  @ApiResponse(responseCode = "201", description = "Created; Location names it.")
  @ApiResponse(responseCode = "400", description = "The body is not a valid policy; errors names each field.")
  @ApiResponse(responseCode = "415", description = "The body is not application/json.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<PolicyView> create(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(
                  mediaType = MediaType.APPLICATION_JSON_VALUE,
                  schema = @Schema(implementation = PolicyBody.class),
                  examples = {
                    @ExampleObject(
                        name = "host glob",
                        value = "{\"pattern\":\"*.internal.example.com\",\"type\":\"blacklist\","
                            + "\"description\":\"internal hosts\",\"isActive\":true}"),
                    @ExampleObject(
                        name = "URL glob",
                        value = "{\"pattern\":\"https://example.com/admin/*\",\"type\":\"blacklist\"}")
                  }))
          @RequestBody byte[] body) {
    PolicyView created = saved(admin.create(change(body)));
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create(IngestWebConfiguration.API_BASE + "/admin/url-policies/" + created.id()))
        .body(created);
  }

  @Operation(summary = "List URL policies")
  @ApiResponse(responseCode = "200", description = "Every policy, active or not.")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  Items<PolicyView> list() {
    return new Items<>(directory.list().stream().map(PolicyView::of).toList());
  }

  @Operation(summary = "Read a URL policy")
  @ApiResponse(responseCode = "200", description = "The policy.")
  @ApiResponse(responseCode = "400", description = "The id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such policy.")
  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  PolicyView get(@PathVariable UUID id) {
    return directory.find(id).map(PolicyView::of).orElseThrow(() -> noSuchPolicy(id));
  }

  @Operation(summary = "Change a URL policy")
  @ApiResponse(responseCode = "200", description = "The policy as changed.")
  @ApiResponse(responseCode = "400", description = "A field is invalid; errors names each.")
  @ApiResponse(responseCode = "404", description = "No such policy.")
  @ApiResponse(responseCode = "415", description = "The body is not JSON or a merge patch.")
  @PatchMapping(
      path = "/{id}",
      consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH},
      produces = MediaType.APPLICATION_JSON_VALUE)
  PolicyView update(@PathVariable UUID id, @RequestBody byte[] body) {
    return saved(admin.update(id, change(body)));
  }

  @Operation(summary = "Delete a URL policy")
  @ApiResponse(responseCode = "204", description = "Deleted.")
  @ApiResponse(responseCode = "400", description = "The id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such policy.")
  @DeleteMapping(path = "/{id}")
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    if (!admin.delete(id)) {
      throw noSuchPolicy(id);
    }
    return ResponseEntity.noContent().build();
  }

  private static UrlPolicyAdmin.Change change(byte[] body) {
    PolicyBody request = JsonBodies.read(body, PolicyBody.class);
    return new UrlPolicyAdmin.Change(request.pattern(), request.type(), request.description(), request.isActive());
  }

  private static PolicyView saved(UrlPolicyAdmin.Outcome outcome) {
    return switch (outcome) {
      case UrlPolicyAdmin.Outcome.Saved saved -> PolicyView.of(saved.policy());
      case UrlPolicyAdmin.Outcome.Invalid invalid ->
          throw new ApiProblem.Invalid("The policy was not saved: fix the fields named in errors.", invalid.errors());
      case UrlPolicyAdmin.Outcome.NotFound notFound -> throw noSuchPolicy(notFound.id());
    };
  }

  private static ApiProblem.NotFound noSuchPolicy(UUID id) {
    return new ApiProblem.NotFound("There is no URL policy " + id + ".");
  }
}
