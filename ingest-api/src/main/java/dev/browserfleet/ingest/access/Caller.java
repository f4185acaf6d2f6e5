package dev.browserfleet.ingest.access;

import dev.browserfleet.contracts.reference.ApiKeyScope;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Who is making a request, as established from its API key. */
public sealed interface Caller {

  /** Holder of the admin key: sees every job and may use the admin endpoints. */
  record Admin() implements Caller {}

  /** Holder of a client key: sees only the jobs of {@code clientId}, does only what its scopes allow. */
  record Client(String clientId, UUID keyId, int rateLimit, Set<ApiKeyScope> scopes) implements Caller {

    public Client {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(keyId, "keyId");
      scopes = Set.copyOf(scopes);
    }

    /** A client key with every scope. */
    public Client(String clientId, UUID keyId, int rateLimit) {
      this(clientId, keyId, rateLimit, EnumSet.allOf(ApiKeyScope.class));
    }
  }

  /** Whether this caller may act within {@code scope}; the admin may do everything. */
  default boolean hasScope(ApiKeyScope scope) {
    return switch (this) {
      case Admin admin -> true;
      case Client client -> client.scopes().contains(scope);
    };
  }

  /** The client that owns what this caller submits; {@code null} for the admin, whose jobs only admins see. */
  default String owningClientId() {
    return switch (this) {
      case Admin admin -> null;
      case Client client -> client.clientId();
    };
  }

  /** Whether this caller may see a job owned by {@code ownerClientId} (null: no owner). */
  default boolean maySee(String ownerClientId) {
    return switch (this) {
      case Admin admin -> true;
      case Client client -> client.clientId().equals(ownerClientId);
    };
  }
}
