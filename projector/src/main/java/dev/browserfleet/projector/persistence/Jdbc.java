package dev.browserfleet.projector.persistence;

import dev.browserfleet.contracts.JsonCodec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What every writer of the tables does the same way. */
final class Jdbc {

  private Jdbc() {}

  /**
   * Transactions of a JDBC transaction manager of its own: in the one-JVM dev launcher other
   * modules may add a Kafka transaction manager, and these writes must be plain database
   * transactions.
   */
  static TransactionTemplate transactionsOf(DataSource dataSource) {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /**
   * An instant as the UTC {@link LocalDateTime} bound to a TIMESTAMP column, so that the stored
   * value depends on neither the JVM's nor the session's time zone.
   */
  static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A value as the JSON bound to a JSONB column ({@code CAST(:x AS jsonb)}), NULL for null. */
  static String json(Object value) {
    return value == null ? null : jsonText(JsonCodec.toJson(value));
  }

  /**
   * A client's string as PostgreSQL's text can hold it: text and jsonb hold no NUL character, and
   * a job straight from Kafka may carry one (a targetUrl with a NUL). Written as U+FFFD, so that
   * the job's row exists, rejected as it was, instead of its event going to the dead letters.
   */
  static String text(String value) {
    return value == null ? null : value.replace('\0', '\uFFFD');
  }

  /** JSON text for a jsonb column: a NUL, which JSON writes as an escape, as U+FFFD too. */
  static String jsonText(String json) {
    return json == null ? null : json.replace("\\u0000", "\\ufffd");
  }
}
