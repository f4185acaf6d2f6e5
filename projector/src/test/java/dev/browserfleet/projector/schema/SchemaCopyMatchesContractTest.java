package dev.browserfleet.projector.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/SCHEMA.md is our copy of the dashboard contract, shared/SCHEMA.md, which sits beside the
 * repository in development and in CI. The migration test reads the copy; this test keeps the copy
 * honest. Where shared/ is not beside the clone, it says so and is skipped.
 */
class SchemaCopyMatchesContractTest {

  private static final Path COPY = Path.of("../docs/SCHEMA.md");
  private static final Path CONTRACT = Path.of("../../shared/SCHEMA.md");

  @Test
  void docsSchemaIsAVerbatimCopyOfTheSharedContract() throws Exception {
    assumeTrue(Files.exists(CONTRACT),
        "shared/SCHEMA.md is not beside this clone (" + CONTRACT.toAbsolutePath().normalize() + "); nothing to compare");
    assertThat(Files.readString(COPY))
        .as("docs/SCHEMA.md must equal shared/SCHEMA.md; copy the contract again and update the migrations")
        .isEqualTo(Files.readString(CONTRACT));
  }
}
