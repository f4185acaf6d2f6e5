package dev.browserfleet.ingest.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeyDirectoryTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private final UUID id = UUID.randomUUID();

  @Test
  void aKeyIsFoundByItsHash() {
    var directory = new ApiKeyDirectory();
    directory.put(aKey("hash-1", ApiKeyStatus.ACTIVE, T0));

    assertThat(directory.findByHash("hash-1")).map(ApiKey::id).contains(id);
    assertThat(directory.findByHash("hash-2")).isEmpty();
  }

  @Test
  void aNewerStateReplacesTheOldOneAndAnOlderOneDoesNot() {
    var directory = new ApiKeyDirectory();
    directory.put(aKey("hash-1", ApiKeyStatus.ACTIVE, T0));
    directory.put(aKey("hash-1", ApiKeyStatus.REVOKED, T0.plusSeconds(1)));
    directory.put(aKey("hash-1", ApiKeyStatus.ACTIVE, T0));

    assertThat(directory.findByHash("hash-1")).map(ApiKey::status).contains(ApiKeyStatus.REVOKED);
  }

  @Test
  void aRotatedKeyIsNoLongerFoundByItsOldHash() {
    var directory = new ApiKeyDirectory();
    directory.put(aKey("old", ApiKeyStatus.ACTIVE, T0));
    directory.put(aKey("new", ApiKeyStatus.ACTIVE, T0.plusSeconds(1)));

    assertThat(directory.findByHash("old")).isEmpty();
    assertThat(directory.findByHash("new")).isPresent();
  }

  @Test
  void aDeletedKeyIsForgotten() {
    var directory = new ApiKeyDirectory();
    directory.put(aKey("hash-1", ApiKeyStatus.ACTIVE, T0));
    directory.remove(id);

    assertThat(directory.findByHash("hash-1")).isEmpty();
    assertThat(directory.size()).isZero();
  }

  private ApiKey aKey(String hash, ApiKeyStatus status, Instant updatedAt) {
    return new ApiKey(id, hash, "acme", "ci", status, 100, true, null, T0, updatedAt);
  }
}
