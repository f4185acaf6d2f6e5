package dev.browserfleet.projector.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.projector.TestDatabases;
import dev.browserfleet.projector.schema.SchemaComparison.Extensions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The migrated schema is SCHEMA.md's, exactly, plus only what schema-extensions.md lists. The
 * document is parsed, not restated here, so editing either side alone fails this test.
 */
class SchemaMatchesDocumentationTest {

  // Maven runs the tests of a module in its directory.
  private static final Path SCHEMA_MD = Path.of("../docs/SCHEMA.md");
  private static final Path EXTENSIONS_MD = Path.of("../docs/schema-extensions.md");

  private static DataSource database;
  private static SchemaDoc doc;
  private static Extensions extensions;

  @BeforeAll
  static void migrateAFreshDatabase() throws Exception {
    database = TestDatabases.migrated("schema_doc");
    doc = SchemaDoc.read(SCHEMA_MD);
    extensions = Extensions.parse(Files.readString(EXTENSIONS_MD));
  }

  @Test
  void theDocumentIsReadWhole() {
    assertThat(doc.tables().keySet())
        .containsExactlyInAnyOrder(
            "browser_types", "automation_jobs", "job_artifacts", "job_logs", "browser_workers",
            "api_keys", "url_policies");
    assertThat(doc.indexes()).hasSize(16);
    assertThat(doc.tables().values().stream().mapToInt(t -> t.columns().size()).sum())
        .isEqualTo(10 + 16 + 8 + 6 + 7 + 12 + 8);
    assertThat(doc.cascades())
        .containsExactlyInAnyOrder(
            new SchemaDoc.Cascade("automation_jobs", "job_artifacts"),
            new SchemaDoc.Cascade("automation_jobs", "job_logs"));
    assertThat(doc.indexes())
        .contains(
            new SchemaDoc.Index(
                "idx_jobs_priority_created", "automation_jobs",
                List.of("priority DESC", "created_at"), "status = 'pending'"));
  }

  @Test
  void theMigratedDatabaseMatchesSchemaMdAndTheListedExtensions() throws Exception {
    try (Connection c = database.getConnection()) {
      assertThat(SchemaComparison.differences(c, doc, extensions)).isEmpty();
    }
  }

  /**
   * The comparison itself must see drift, or the test above proves nothing. Each change runs in a
   * transaction that is rolled back (DDL is transactional in PostgreSQL).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ALTER TABLE browser_types ALTER COLUMN device_type SET DEFAULT 'mobile' | browser_types.device_type: default
          ALTER TABLE api_keys ALTER COLUMN name TYPE VARCHAR(100)                | api_keys.name: type
          ALTER TABLE automation_jobs ALTER COLUMN target_url DROP NOT NULL       | automation_jobs.target_url: NOT NULL
          ALTER TABLE automation_jobs ALTER COLUMN created_at TYPE TIMESTAMPTZ    | automation_jobs.created_at: type
          ALTER TABLE url_policies ADD COLUMN owner TEXT                          | url_policies.owner: in the database
          ALTER TABLE job_logs DROP COLUMN metadata                               | job_logs.metadata: documented, missing
          ALTER TABLE browser_types DROP CONSTRAINT browser_types_name_key        | browser_types: UNIQUE
          ALTER TABLE job_logs DROP CONSTRAINT job_logs_job_id_fkey, ADD FOREIGN KEY (job_id) REFERENCES automation_jobs (id) | job_logs: foreign keys
          ALTER TABLE browser_workers DROP CONSTRAINT browser_workers_current_job_id_fkey | browser_workers: foreign keys
          DROP INDEX idx_jobs_priority_created; CREATE INDEX idx_jobs_priority_created ON automation_jobs (priority DESC, created_at ASC) | index idx_jobs_priority_created: WHERE
          DROP INDEX idx_jobs_priority_created; CREATE INDEX idx_jobs_priority_created ON automation_jobs (priority, created_at) WHERE status = 'pending' | index idx_jobs_priority_created: columns
          DROP INDEX idx_api_keys_is_active                                       | index idx_api_keys_is_active: documented, missing
          CREATE INDEX idx_jobs_undocumented ON automation_jobs (completed_at)    | index idx_jobs_undocumented on automation_jobs: in the database
          CREATE TABLE extra (id INTEGER)                                         | tables:
          """)
  void anyDriftFromTheDocumentIsReported(String drift, String expected) throws Exception {
    try (Connection c = database.getConnection()) {
      c.setAutoCommit(false);
      try (var st = c.createStatement()) {
        st.execute(drift);
        assertThat(SchemaComparison.differences(c, doc, extensions))
            .anySatisfy(d -> assertThat(d).startsWith(expected));
      } finally {
        c.rollback();
      }
    }
  }
}
