package dev.browserfleet.ingest.browsertype;

import java.util.List;
import java.util.Optional;

/** The browser types as projected into {@code browser_types}. */
public interface BrowserTypeCatalog {

  /** Every browser type, by id. */
  List<BrowserTypeView> list();

  Optional<BrowserTypeView> find(int id);

  /** A new browser type id, never handed out before, whichever replica asks. */
  int nextId();
}
