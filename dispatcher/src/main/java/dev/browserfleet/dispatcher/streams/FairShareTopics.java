package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.Topic;

/**
 * The dispatcher's own topics between its two processors. The fair share sees every engine's
 * queue at once, so its notices share one partition (and one key); its refusals go back keyed by
 * job id, partitioned as bf.job-commands, to the task that owns the job's state.
 */
public final class FairShareTopics {

  public static final String KEY = "fair-share";

  public static final Topic<byte[]> NOTICES =
      new Topic<>("bf.dispatcher.fair-share", byte[].class, KEY, false, true);

  public static final Topic<byte[]> REFUSALS =
      new Topic<>("bf.dispatcher.refusals", byte[].class, "job id", false);

  private FairShareTopics() {}
}
