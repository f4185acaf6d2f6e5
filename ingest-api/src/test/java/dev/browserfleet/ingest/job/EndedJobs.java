package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@link JobEndWatch} asks the projection in a test: which of these jobs have ended. It
 * answers from the jobs a test has {@link #end ended}, and counts how often it was asked.
 */
public final class EndedJobs {

  private final Set<JobId> ended = ConcurrentHashMap.newKeySet();
  private final AtomicInteger looks = new AtomicInteger();

  public void end(JobId job) {
    ended.add(job);
  }

  /** How often the watch has asked. */
  public int looks() {
    return looks.get();
  }

  public Set<JobId> endedAmong(Set<JobId> ids) {
    looks.incrementAndGet();
    var found = new HashSet<>(ids);
    found.retainAll(ended);
    return found;
  }
}
