package dev.browserfleet.contracts;

/** Header names on {@link Topics#DEAD_LETTERS} records; values are UTF-8 strings. */
public final class DeadLetterHeaders {

  /** Why the record could not be used, for a person to read. */
  public static final String REASON = "bf-dlt-reason";

  /** The topic, partition and offset the record came from. */
  public static final String SOURCE_TOPIC = "bf-dlt-source-topic";

  public static final String SOURCE_PARTITION = "bf-dlt-source-partition";
  public static final String SOURCE_OFFSET = "bf-dlt-source-offset";

  /** The service that gave up on it. */
  public static final String REJECTED_BY = "bf-dlt-rejected-by";

  private DeadLetterHeaders() {}
}
