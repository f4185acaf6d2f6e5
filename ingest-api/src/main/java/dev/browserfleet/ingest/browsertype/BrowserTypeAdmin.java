package dev.browserfleet.ingest.browsertype;

import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WireEnum;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Creates, changes and deactivates browser types as records on {@code bf.browser-types}, which the
 * dispatcher (a global table), the workers (through each job's assignment) and the projector
 * follow. A browser type is never deleted: jobs refer to it; it is deactivated instead.
 */
public final class BrowserTypeAdmin {

  /** What an admin sends; null fields of a change keep their value. */
  public record Change(
      String name, String type, String deviceType, String userAgent, Integer viewportWidth, Integer viewportHeight,
      Boolean isActive) {}

  public sealed interface Outcome {
    record Saved(BrowserType browserType) implements Outcome {}

    record Invalid(List<FieldError> errors) implements Outcome {}

    record NotFound(int id) implements Outcome {}
  }

  private static final int MAX_VIEWPORT = 10_000;

  private final BrowserTypeCatalog catalog;
  private final IntSupplier nextId;
  private final RecordPublisher publisher;
  private final Clock clock;

  /** @param nextId hands out a new id, never the same twice, whichever replica asks */
  public BrowserTypeAdmin(BrowserTypeCatalog catalog, IntSupplier nextId, RecordPublisher publisher, Clock clock) {
    this.catalog = catalog;
    this.nextId = nextId;
    this.publisher = publisher;
    this.clock = clock;
  }

  public Outcome create(Change change) {
    var errors = new ArrayList<FieldError>();
    if (change.name() == null) {
      errors.add(new FieldError("name", "is required"));
    }
    if (change.type() == null) {
      errors.add(new FieldError("type", "is required: chromium, firefox or webkit"));
    }
    errors.addAll(problems(change, null));
    if (!errors.isEmpty()) {
      return new Outcome.Invalid(errors);
    }
    Instant now = now();
    return save(
        new BrowserType(
            nextId.getAsInt(),
            change.name().strip(),
            engine(change.type()),
            change.deviceType() == null ? DeviceType.DESKTOP : device(change.deviceType()),
            change.userAgent(),
            change.viewportWidth(),
            change.viewportHeight(),
            change.isActive() == null || change.isActive(),
            now,
            now));
  }

  public Outcome update(int id, Change change) {
    Optional<BrowserTypeView> known = catalog.find(id);
    if (known.isEmpty()) {
      return new Outcome.NotFound(id);
    }
    List<FieldError> errors = problems(change, id);
    if (!errors.isEmpty()) {
      return new Outcome.Invalid(errors);
    }
    BrowserTypeView old = known.get();
    return save(
        new BrowserType(
            id,
            change.name() == null ? old.name() : change.name().strip(),
            engine(change.type() == null ? old.type() : change.type()),
            device(change.deviceType() == null ? old.deviceType() : change.deviceType()),
            change.userAgent() == null ? old.userAgent() : change.userAgent(),
            change.viewportWidth() == null ? old.viewportWidth() : change.viewportWidth(),
            change.viewportHeight() == null ? old.viewportHeight() : change.viewportHeight(),
            change.isActive() == null ? old.isActive() : change.isActive(),
            old.createdAt(),
            now()));
  }

  /** Deactivates the type: jobs may no longer name it. */
  public Outcome deactivate(int id) {
    return update(id, new Change(null, null, null, null, null, null, false));
  }

  private Outcome save(BrowserType type) {
    publisher.publish(Topics.BROWSER_TYPES, Integer.toString(type.id()), type);
    return new Outcome.Saved(type);
  }

  private List<FieldError> problems(Change change, Integer id) {
    var errors = new ArrayList<FieldError>();
    if (change.name() != null) {
      String name = change.name().strip();
      if (name.isEmpty() || name.length() > 50) {
        errors.add(new FieldError("name", "must be 1 to 50 characters"));
      } else if (catalog.list().stream().anyMatch(t -> t.name().equals(name) && (id == null || t.id() != id))) {
        errors.add(new FieldError("name", "is already the name of another browser type"));
      }
    }
    if (change.type() != null && WireEnum.fromWireName(Engine.class, change.type()).isEmpty()) {
      errors.add(new FieldError("type", "must be chromium, firefox or webkit"));
    }
    if (change.deviceType() != null && WireEnum.fromWireName(DeviceType.class, change.deviceType()).isEmpty()) {
      errors.add(new FieldError("deviceType", "must be desktop or mobile"));
    }
    viewport("viewportWidth", change.viewportWidth(), errors);
    viewport("viewportHeight", change.viewportHeight(), errors);
    return errors;
  }

  private static void viewport(String field, Integer value, List<FieldError> errors) {
    if (value != null && (value < 1 || value > MAX_VIEWPORT)) {
      errors.add(new FieldError(field, "must be 1 to " + MAX_VIEWPORT + " pixels"));
    }
  }

  private static Engine engine(String wireName) {
    return WireEnum.fromWireName(Engine.class, wireName).orElseThrow();
  }

  private static DeviceType device(String wireName) {
    return WireEnum.fromWireName(DeviceType.class, wireName).orElseThrow();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
