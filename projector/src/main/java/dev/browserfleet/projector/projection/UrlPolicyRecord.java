package dev.browserfleet.projector.projection;

import dev.browserfleet.contracts.reference.UrlPolicy;
import java.util.Objects;
import java.util.UUID;

/**
 * One record of {@code bf.url-policies}: the policy's latest state, or, for a tombstone, null
 * (the policy was deleted). The id is the record's key.
 */
public record UrlPolicyRecord(UUID id, UrlPolicy policy) {

  public UrlPolicyRecord {
    Objects.requireNonNull(id, "id");
  }
}
