package dev.browserfleet.ingest.job;

import java.util.List;

/** One page of a job listing; {@code nextCursor} is null on the last page. */
public record JobPage(List<JobSummary> items, String nextCursor) {

  public JobPage {
    items = List.copyOf(items);
  }
}
