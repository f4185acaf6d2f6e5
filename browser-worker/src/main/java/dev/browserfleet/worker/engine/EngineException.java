package dev.browserfleet.worker.engine;

import java.util.Set;

/**
 * An error of the browser or of its page, as the execution layer needs to tell them apart,
 * whatever the driver called it. Each adapter turns its driver's errors into these at its edge, so
 * that what a failure means is decided once, from these kinds, for every engine.
 */
public final class EngineException extends RuntimeException {

  /** What went wrong, in the terms an attempt acts on. */
  public enum Kind {
    /** The element is no longer in the page (it was replaced or its document left). */
    ELEMENT_GONE,
    /** The element is there but does not take the action now (hidden, covered, disabled). */
    ELEMENT_REFUSED,
    /** The element cannot take this action at all, such as typing into a {@code <div>}. */
    ELEMENT_STATE,
    /** The page or driver refused what it was asked, such as a selector it cannot parse. */
    INVALID_INPUT,
    /** A script the page ran threw. */
    SCRIPT_ERROR,
    /** A dialog is open and blocks the page. */
    DIALOG_OPEN,
    /** The window or tab acted on is closed. */
    WINDOW_GONE,
    /** The page did not reach what was awaited in time. */
    TIMEOUT,
    /** The browser or its driver does not answer any more. */
    BROWSER_GONE,
    /** Anything else the engine reported; its message says what (a network error, a crash). */
    OTHER
  }

  private final Kind kind;

  public EngineException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public EngineException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** Whether this is one of {@code kinds}. */
  public boolean is(Kind first, Kind... more) {
    return kind == first || Set.of(more).contains(kind);
  }
}
