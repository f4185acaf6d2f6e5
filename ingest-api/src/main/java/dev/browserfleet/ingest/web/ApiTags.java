package dev.browserfleet.ingest.web;

/** The groups of the API description, named as a reader looks for them, in the order shown. */
final class ApiTags {

  static final String JOBS = "Jobs";
  static final String ARTIFACTS = "Artifacts";
  static final String EVENTS = "Events";
  static final String BROWSER_TYPES = "Browser types";
  static final String FLEET = "Fleet";
  static final String ADMIN_KEYS = "Admin: API keys";
  static final String ADMIN_POLICIES = "Admin: URL policies";

  private ApiTags() {}
}
