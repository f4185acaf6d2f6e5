package dev.browserfleet.ingest.web;

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
class BrowserTypeController {

  private final BrowserTypeCatalog catalog;

  BrowserTypeController(BrowserTypeCatalog catalog) {
    this.catalog = catalog;
  }

  // Any valid key may list them; the caller is only asked for so that a key is required.
  @GetMapping(path = IngestWebConfiguration.API_BASE + "/browser-types", produces = MediaType.APPLICATION_JSON_VALUE)
  List<BrowserTypeView> browserTypes(Caller caller) {
    return catalog.list();
  }

  @GetMapping(path = IngestWebConfiguration.API_BASE + "/browser-types/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  BrowserTypeView browserType(@PathVariable int id, Caller caller) {
    return catalog.find(id).orElseThrow(() -> new ApiProblem.NotFound("There is no browser type " + id + "."));
  }
}
