package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.dispatcher.lifecycle.JobState;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The job-state store's values, as JSON in its changelog. */
final class JobStateSerde {

  private JobStateSerde() {}

  static Serde<JobState> create() {
    return Serdes.serdeFrom(
        (topic, state) -> state == null ? null : JsonCodec.encode(state),
        (topic, bytes) -> bytes == null ? null : JsonCodec.decode(bytes, JobState.class));
  }
}
