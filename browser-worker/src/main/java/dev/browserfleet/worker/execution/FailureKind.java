package dev.browserfleet.worker.execution;

/** Why an attempt failed, and whether trying again may help. */
public enum FailureKind {
  /** The page could not be opened or did not load in time: the site may answer next time. */
  NAVIGATION(true),
  /**
   * The browser refused or failed the navigation in a way the same URL meets again (a port
   * browsers refuse, an untrusted certificate, a response with no page to show).
   */
  NAVIGATION_REFUSED(false),
  /** The browser or its driver crashed or misbehaved: another session may do better. */
  BROWSER(true),
  /** The attempt ran out of its {@code timeoutMs}. */
  TIMEOUT(true),
  /** An artifact could not be written. */
  STORAGE(true),
  /** An element was still missing, hidden or disabled after its wait: the page is what it is. */
  ELEMENT_NOT_FOUND(false),
  /** The action cannot run as written (a bad selector, a fill on a non-input, a bad option). */
  INVALID_ACTION(false),
  /** A URL the job wanted to browse is denied. */
  URL_POLICY(false),
  /** A defect in the worker; retrying the same job would hit it again. */
  INTERNAL(false);

  private final boolean retryable;

  FailureKind(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
