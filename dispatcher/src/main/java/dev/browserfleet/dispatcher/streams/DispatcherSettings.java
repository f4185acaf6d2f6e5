package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.dispatcher.lifecycle.LifecyclePolicy;
import java.time.Duration;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;

/** What the topology needs to know; built from configuration by the Spring shell. */
public record DispatcherSettings(
    PriorityBands bands, TargetAddressPolicy targets, LifecyclePolicy lifecycle, Duration timerInterval) {}
