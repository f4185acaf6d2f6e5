package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.JobId;

/** The fair share refused an attempt a place in line; the job's lifecycle fails it with the reason. */
record FairShareRefusal(JobId jobId, int attempt, String reason) {}
