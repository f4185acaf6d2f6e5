package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.BrowserStorage;
import java.util.List;

/**
 * The body of {@code POST /api/v1/jobs}, once it has passed the JSON Schema. Absent fields are
 * null. {@code browserStorage} goes to the worker on the command and is never read back.
 */
record JobRequest(
    Integer browserTypeId,
    String targetUrl,
    List<Action> actions,
    WaitUntil waitUntil,
    Integer priority,
    Integer timeoutMs,
    Integer maxRetries,
    BrowserStorage browserStorage,
    String callbackUrl) {}
