package dev.browserfleet.ingest.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.ingest.browsertype.BrowserTypeAdmin;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin changes to browser types, each a record on {@code bf.browser-types}: the dispatcher admits
 * jobs against it at once, the projector writes {@code browser_types}, from which GET
 * /browser-types reads (so a change shows there once projected, within moments).
 */
@RestController("ingestAdminBrowserTypeController")
@AdminOnly
@RequestMapping(IngestWebConfiguration.API_BASE + "/admin/browser-types")
@Tag(name = ApiTags.BROWSER_TYPES)
class AdminBrowserTypeController {

  record TypeBody(
      String name, String type, String deviceType, String userAgent, Integer viewportWidth, Integer viewportHeight,
      Boolean isActive) {}

  record TypeView(
      int id, String name, String type, String deviceType, String userAgent, Integer viewportWidth,
      Integer viewportHeight, boolean isActive, Instant createdAt, Instant updatedAt) {

    static TypeView of(BrowserType t) {
      return new TypeView(
          t.id(), t.name(), t.type().wireName(), t.deviceType().wireName(), t.userAgent(), t.viewportWidth(),
          t.viewportHeight(), t.isActive(), t.createdAt(), t.updatedAt());
    }
  }

  private static final String MERGE_PATCH = "application/merge-patch+json";

  private final BrowserTypeAdmin admin;

  AdminBrowserTypeController(BrowserTypeAdmin admin) {
    this.admin = admin;
  }

  @Operation(summary = "Define a browser type (admin)")
  @ApiResponse(responseCode = "201", description = "Created; Location names it.")
  @ApiResponse(responseCode = "400", description = "The body is not a valid browser type; errors names each field.")
  @ApiResponse(responseCode = "415", description = "The body is not application/json.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TypeView> create(@RequestBody byte[] body) {
    TypeView created = saved(admin.create(change(body)));
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create(IngestWebConfiguration.API_BASE + "/browser-types/" + created.id()))
        .body(created);
  }

  @Operation(summary = "Change a browser type (admin)")
  @ApiResponse(responseCode = "200", description = "The browser type as changed.")
  @ApiResponse(responseCode = "400", description = "A field is invalid; errors names each.")
  @ApiResponse(responseCode = "404", description = "No such browser type.")
  @ApiResponse(responseCode = "415", description = "The body is not JSON or a merge patch.")
  @PatchMapping(
      path = "/{id}",
      consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH},
      produces = MediaType.APPLICATION_JSON_VALUE)
  TypeView update(@PathVariable int id, @RequestBody byte[] body) {
    return saved(admin.update(id, change(body)));
  }

  /** Deactivates the type; browser types are never deleted, since jobs refer to them. */
  @Operation(summary = "Deactivate a browser type (admin)")
  @ApiResponse(responseCode = "200", description = "The browser type, now inactive.")
  @ApiResponse(responseCode = "400", description = "The id is not a number.")
  @ApiResponse(responseCode = "404", description = "No such browser type.")
  @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  TypeView deactivate(@PathVariable int id) {
    return saved(admin.deactivate(id));
  }

  private static BrowserTypeAdmin.Change change(byte[] body) {
    TypeBody b = JsonBodies.read(body, TypeBody.class);
    return new BrowserTypeAdmin.Change(
        b.name(), b.type(), b.deviceType(), b.userAgent(), b.viewportWidth(), b.viewportHeight(), b.isActive());
  }

  private static TypeView saved(BrowserTypeAdmin.Outcome outcome) {
    return switch (outcome) {
      case BrowserTypeAdmin.Outcome.Saved saved -> TypeView.of(saved.browserType());
      case BrowserTypeAdmin.Outcome.Invalid invalid ->
          throw new ApiProblem.Invalid("The browser type was not saved: fix the fields named in errors.", invalid.errors());
      case BrowserTypeAdmin.Outcome.NotFound notFound ->
          throw new ApiProblem.NotFound("There is no browser type " + notFound.id() + ".");
    };
  }
}
