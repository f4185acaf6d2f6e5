package dev.browserfleet.ingest.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.browsertype.BrowserTypeCatalog;
import dev.browserfleet.ingest.browsertype.BrowserTypeView;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The browser types jobs may name. */
@RestController("ingestBrowserTypeController")
@Tag(name = ApiTags.BROWSER_TYPES)
class BrowserTypeController {

  private final BrowserTypeCatalog catalog;

  BrowserTypeController(BrowserTypeCatalog catalog) {
    this.catalog = catalog;
  }

  // Any valid key may list them; the caller is only asked for so that a key is required.
  @Operation(summary = "List the browser types")
  @ApiResponse(responseCode = "200", description = "Every browser type, active or not.")
  @GetMapping(path = IngestWebConfiguration.API_BASE + "/browser-types", produces = MediaType.APPLICATION_JSON_VALUE)
  List<BrowserTypeView> browserTypes(Caller caller) {
    return catalog.list();
  }

  @Operation(summary = "Read a browser type")
  @ApiResponse(responseCode = "200", description = "The browser type.")
  @ApiResponse(responseCode = "400", description = "The id is not a number.")
  @ApiResponse(responseCode = "404", description = "No such browser type.")
  @GetMapping(path = IngestWebConfiguration.API_BASE + "/browser-types/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  BrowserTypeView browserType(@PathVariable int id, Caller caller) {
    return catalog.find(id).orElseThrow(() -> new ApiProblem.NotFound("There is no browser type " + id + "."));
  }
}
