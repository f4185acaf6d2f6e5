package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** The five projected job statuses of SCHEMA.md. Its wire and database name is the lower-case {@link #wireName()}. */
public enum JobStatus implements WireEnum {
  PENDING("pending"), PROCESSING("processing"), COMPLETED("completed"), FAILED("failed"), CANCELLED("cancelled");

  private final String wireName;

  JobStatus(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  @Override
  public String wireName() {
    return wireName;
  }


  @Override
  public String toString() {
    return wireName;
  }
}
