package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.Topics;
import java.util.List;

/** The topics the ingest-api produces to or reads, created at start-up if missing. */
public final class IngestTopics {

  public static final List<Topic<?>> ALL = List.of(Topics.JOB_COMMANDS, Topics.BROWSER_TYPES, Topics.API_KEYS, Topics.API_KEY_USAGE, Topics.URL_POLICIES);

  private IngestTopics() {}
}
