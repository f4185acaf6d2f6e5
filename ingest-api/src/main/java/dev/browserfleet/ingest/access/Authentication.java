package dev.browserfleet.ingest.access;

/** The outcome of checking a presented API key. */
public sealed interface Authentication {

  record Authenticated(Caller caller) implements Authentication {}

  /** Refused; {@code reason} tells the person at the keyboard what to fix, never anything secret. */
  record Refused(String reason) implements Authentication {}
}
