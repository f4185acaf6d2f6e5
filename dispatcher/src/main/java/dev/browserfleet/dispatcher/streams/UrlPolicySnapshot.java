package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.contracts.reference.UrlPolicy;
import java.util.ArrayList;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The URL policies of the global table as they are now: read whole for each admission (there are few). */
final class UrlPolicySnapshot {

  private UrlPolicySnapshot() {}

  static UrlPolicies of(TimestampedKeyValueStore<String, UrlPolicy> store) {
    var policies = new ArrayList<UrlPolicy>();
    try (KeyValueIterator<String, ValueAndTimestamp<UrlPolicy>> all = store.all()) {
      all.forEachRemaining(entry -> {
        if (entry.value != null && entry.value.value() != null) {
          policies.add(entry.value.value());
        }
      });
    }
    return UrlPolicies.of(policies);
  }
}
