package dev.browserfleet.contracts.reference;

import java.time.Instant;
import java.util.UUID;

/**
 * A URL policy: a pattern that jobs may browse only if it matches (whitelist) or may never browse
 * when it matches (blacklist). The latest state of each policy is the value on the compacted
 * topic {@code bf.url-policies}, keyed by id; a deleted policy is a tombstone. See {@link
 * dev.browserfleet.contracts.policy.UrlPatterns} for the pattern syntax.
 */
public record UrlPolicy(
    UUID id,
    String pattern,
    UrlPolicyType type,
    String description,
    boolean isActive,
    Instant createdAt,
    Instant updatedAt) {}
