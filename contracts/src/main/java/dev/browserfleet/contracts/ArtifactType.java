package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** Kinds of job artifact (SCHEMA.md job_artifacts.artifact_type). Its wire and database name is the lower-case {@link #wireName()}. */
public enum ArtifactType implements WireEnum {
  SCREENSHOT("screenshot"), PDF("pdf"), VIDEO("video"), TRACE("trace"), DATA("data");

  private final String wireName;

  ArtifactType(String wireName) {
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
