package dev.browserfleet.projector.schema;

import dev.browserfleet.projector.schema.SchemaDoc.Column;
import dev.browserfleet.projector.schema.SchemaDoc.Index;
import dev.browserfleet.projector.schema.SchemaDoc.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a migrated database with {@link SchemaDoc}, through the catalogues ({@code
 * information_schema.columns}, {@code pg_constraint}, {@code pg_index}), and lists every
 * difference in words. Columns and indexes the document lacks must be named in
 * docs/schema-extensions.md.
 */
final class SchemaComparison {

  private static final Pattern FIRST_CELL = Pattern.compile("^\\|\\s*(`[^`]+`)\\s*\\|");
  private static final Pattern EXTENSION = Pattern.compile("`(\\w+)\\.(\\w+)`");
  private static final Pattern CAST = Pattern.compile("::(character varying|[a-z_]+)");

  private SchemaComparison() {}

  /**
   * What schema-extensions.md lists: the first cell of each row of its "## Columns" table ({@code
   * `table.column`}), of its "## Indexes and constraints" table ({@code `name`}) and of its
   * "## Tables" table ({@code `name`}: tables outside SCHEMA.md, whose columns are described there).
   */
  record Extensions(Set<String> columns, Set<String> names, Set<String> tables) {

    static Extensions parse(String markdown) {
      var columns = new TreeSet<String>();
      var names = new TreeSet<String>();
      var tables = new TreeSet<String>();
      String section = "";
      for (String line : markdown.lines().map(String::strip).toList()) {
        if (line.startsWith("## ")) {
          section = line.substring(3).strip();
          continue;
        }
        Matcher first = FIRST_CELL.matcher(line);
        if (!first.find()) {
          continue;
        }
        switch (section) {
          case "Columns" -> {
            Matcher m = EXTENSION.matcher(first.group(1));
            if (!m.matches()) {
              throw new IllegalStateException("not a `table.column` in schema-extensions.md: " + line);
            }
            columns.add(m.group(1) + "." + m.group(2));
          }
          case "Indexes and constraints" -> names.add(first.group(1).replace("`", ""));
          case "Tables" -> tables.add(first.group(1).replace("`", ""));
          default -> {}
        }
      }
      return new Extensions(columns, names, tables);
    }
  }

  private record DbColumn(
      String table, String name, String dataType, Integer length, boolean nullable, String defaultValue) {}

  private record DbConstraint(
      String name, char type, String table, List<String> columns, String refTable,
      List<String> refColumns, char onDelete) {}

  private record DbIndex(
      String name, String table, boolean unique, boolean primary, List<String> columns,
      String predicate) {}

  static List<String> differences(Connection c, SchemaDoc doc, Extensions extensions)
      throws SQLException {
    var diffs = new ArrayList<String>();
    Map<String, Map<String, DbColumn>> dbTables = columns(c);
    List<DbConstraint> constraints = constraints(c);
    List<DbIndex> indexes = indexes(c);

    var undocumentedTables = new TreeSet<>(dbTables.keySet());
    undocumentedTables.removeAll(extensions.tables());
    if (!undocumentedTables.equals(doc.tables().keySet())) {
      diffs.add("tables: documented " + new TreeSet<>(doc.tables().keySet()) + ", database has "
          + undocumentedTables + " besides those schema-extensions.md lists");
    }
    for (String listed : extensions.tables()) {
      if (!dbTables.containsKey(listed)) {
        diffs.add("table " + listed + ": listed in schema-extensions.md, missing in the database");
      }
    }
    for (Table table : doc.tables().values()) {
      Map<String, DbColumn> dbColumns = dbTables.getOrDefault(table.name(), Map.of());
      for (Column column : table.columns().values()) {
        DbColumn db = dbColumns.get(column.name());
        if (db == null) {
          diffs.add(table.name() + "." + column.name() + ": documented, missing in the database");
        } else {
          compareColumn(table.name(), column, db, diffs);
        }
      }
      for (String name : dbColumns.keySet()) {
        String qualified = table.name() + "." + name;
        if (!table.columns().containsKey(name) && !extensions.columns().contains(qualified)) {
          diffs.add(qualified + ": in the database, in neither SCHEMA.md nor schema-extensions.md");
        }
      }
      compareKeys(doc, table, constraints, diffs);
    }
    for (String listed : extensions.columns()) {
      String[] parts = listed.split("\\.");
      if (!dbTables.getOrDefault(parts[0], Map.of()).containsKey(parts[1])) {
        diffs.add(listed + ": listed in schema-extensions.md, missing in the database");
      }
    }
    compareIndexes(doc, extensions, constraints, indexes, diffs);
    return diffs;
  }

  private static void compareColumn(String table, Column doc, DbColumn db, List<String> diffs) {
    String where = table + "." + doc.name();
    String type = doc.type().toUpperCase(Locale.ROOT);
    String expectedType;
    Integer expectedLength = null;
    String expectedDefault = doc.defaultValue().map(SchemaComparison::normalise).orElse(null);
    Matcher varchar = Pattern.compile("VARCHAR\\((\\d+)\\)").matcher(type);
    if (varchar.matches()) {
      expectedType = "character varying";
      expectedLength = Integer.valueOf(varchar.group(1));
    } else {
      expectedType =
          switch (type) {
            case "SERIAL", "INTEGER" -> "integer";
            case "BIGINT" -> "bigint";
            case "TEXT" -> "text";
            case "BOOLEAN" -> "boolean";
            case "UUID" -> "uuid";
            case "JSONB" -> "jsonb";
            case "BYTEA" -> "bytea";
            case "TIMESTAMP" -> "timestamp without time zone";
            default -> throw new IllegalStateException(where + ": unknown documented type " + type);
          };
    }
    if (!expectedType.equals(db.dataType()) || !Objects.equals(expectedLength, db.length())) {
      diffs.add(where + ": type " + doc.type() + " documented, database has " + db.dataType()
          + (db.length() == null ? "" : "(" + db.length() + ")"));
    }
    if (doc.notNull() == db.nullable()) {
      diffs.add(where + ": " + (doc.notNull() ? "NOT NULL" : "nullable") + " documented, database has "
          + (db.nullable() ? "nullable" : "NOT NULL"));
    }
    String actualDefault = db.defaultValue() == null ? null : normalise(db.defaultValue());
    if (type.equals("SERIAL")) {
      if (actualDefault == null || !actualDefault.startsWith("nextval")) {
        diffs.add(where + ": SERIAL documented, database default is " + db.defaultValue());
      }
    } else if (!Objects.equals(expectedDefault, actualDefault)) {
      diffs.add(where + ": default " + doc.defaultValue().orElse("(none)") + " documented, database has "
          + (db.defaultValue() == null ? "(none)" : db.defaultValue()));
    }
  }

  private static void compareKeys(
      SchemaDoc doc, Table table, List<DbConstraint> constraints, List<String> diffs) {
    var expectedPk = new TreeSet<String>();
    var expectedUnique = new TreeSet<String>();
    var expectedFks = new TreeSet<String>();
    for (Column column : table.columns().values()) {
      if (column.primaryKey()) {
        expectedPk.add(column.name());
      }
      if (column.unique()) {
        expectedUnique.add(column.name());
      }
      column.references().ifPresent(parent -> {
        Table referenced = doc.tables().get(parent);
        String refColumn = referenced == null ? "?" : referenced.primaryKeyColumn();
        boolean cascade = doc.cascades().contains(new SchemaDoc.Cascade(parent, table.name()));
        expectedFks.add(fk(column.name(), parent, refColumn, cascade ? 'c' : 'a'));
      });
    }
    var actualPk = new TreeSet<String>();
    var actualUnique = new TreeSet<String>();
    var actualFks = new TreeSet<String>();
    for (DbConstraint k : constraints) {
      if (!k.table().equals(table.name())) {
        continue;
      }
      // Keys over columns that only extensions add are the extensions' business.
      if (!table.columns().keySet().containsAll(k.columns())) {
        continue;
      }
      switch (k.type()) {
        case 'p' -> actualPk.addAll(k.columns());
        case 'u' -> actualUnique.add(String.join(",", k.columns()));
        case 'f' -> actualFks.add(
            fk(String.join(",", k.columns()), k.refTable(), String.join(",", k.refColumns()), k.onDelete()));
        default -> {}
      }
    }
    String t = table.name();
    if (!expectedPk.equals(actualPk)) {
      diffs.add(t + ": primary key " + expectedPk + " documented, database has " + actualPk);
    }
    if (!expectedUnique.equals(actualUnique)) {
      diffs.add(t + ": UNIQUE " + expectedUnique + " documented, database has " + actualUnique);
    }
    if (!expectedFks.equals(actualFks)) {
      diffs.add(t + ": foreign keys " + expectedFks + " documented, database has " + actualFks);
    }
  }

  private static String fk(String column, String refTable, String refColumn, char onDelete) {
    String action = switch (onDelete) {
      case 'c' -> "ON DELETE CASCADE";
      case 'a' -> "NO ACTION";
      case 'n' -> "ON DELETE SET NULL";
      case 'd' -> "ON DELETE SET DEFAULT";
      case 'r' -> "ON DELETE RESTRICT";
      default -> "ON DELETE ?" + onDelete;
    };
    return column + " → " + refTable + "(" + refColumn + ") " + action;
  }

  private static void compareIndexes(
      SchemaDoc doc, Extensions extensions, List<DbConstraint> constraints, List<DbIndex> indexes,
      List<String> diffs) {
    var byName = new HashMap<String, DbIndex>();
    indexes.forEach(i -> byName.put(i.name(), i));
    for (Index expected : doc.indexes()) {
      DbIndex actual = byName.get(expected.name());
      String where = "index " + expected.name();
      if (actual == null) {
        diffs.add(where + ": documented, missing in the database");
        continue;
      }
      if (!actual.table().equals(expected.table())) {
        diffs.add(where + ": on " + expected.table() + " documented, database has it on " + actual.table());
      }
      if (!actual.columns().equals(expected.columns())) {
        diffs.add(where + ": columns " + expected.columns() + " documented, database has " + actual.columns());
      }
      String expectedPredicate = expected.predicate() == null ? null : normalise(expected.predicate());
      String actualPredicate = actual.predicate() == null ? null : normalise(actual.predicate());
      if (!Objects.equals(expectedPredicate, actualPredicate)) {
        diffs.add(where + ": WHERE " + expected.predicate() + " documented, database has WHERE "
            + actual.predicate());
      }
      if (actual.unique()) {
        diffs.add(where + ": documented as a plain index, database has a unique one");
      }
    }
    var constraintIndexes = new TreeSet<String>();
    constraints.stream().filter(k -> k.type() == 'u').forEach(k -> constraintIndexes.add(k.name()));
    var documented = new TreeSet<String>();
    doc.indexes().forEach(i -> documented.add(i.name()));
    for (DbIndex index : indexes) {
      // Primary keys and documented UNIQUE columns are compared as constraints above.
      boolean explained =
          documented.contains(index.name())
              || index.primary()
              || (constraintIndexes.contains(index.name()) && isDocumentedUnique(doc, index))
              || extensions.names().contains(index.name());
      if (!explained) {
        diffs.add("index " + index.name() + " on " + index.table()
            + ": in the database, in neither SCHEMA.md nor schema-extensions.md");
      }
    }
  }

  private static boolean isDocumentedUnique(SchemaDoc doc, DbIndex index) {
    Table table = doc.tables().get(index.table());
    return table != null
        && index.columns().size() == 1
        && table.columns().containsKey(index.columns().getFirst())
        && table.columns().get(index.columns().getFirst()).unique();
  }

  /** Drops casts, parentheses, quotes and blanks, and lower-cases, so equal SQL compares equal. */
  static String normalise(String sql) {
    String s = CAST.matcher(sql.toLowerCase(Locale.ROOT)).replaceAll("");
    return s.replace("(", "").replace(")", "").replace("\"", "").replaceAll("\\s+", "");
  }

  private static Map<String, Map<String, DbColumn>> columns(Connection c) throws SQLException {
    var tables = new HashMap<String, Map<String, DbColumn>>();
    try (var st = c.prepareStatement(
            """
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable,
                   column_default
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
            """);
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        var column = new DbColumn(
            rs.getString(1), rs.getString(2), rs.getString(3),
            (Integer) rs.getObject(4), "YES".equals(rs.getString(5)), rs.getString(6));
        tables.computeIfAbsent(column.table(), t -> new HashMap<>()).put(column.name(), column);
      }
    }
    return tables;
  }

  private static List<DbConstraint> constraints(Connection c) throws SQLException {
    var constraints = new ArrayList<DbConstraint>();
    try (var st = c.prepareStatement(
            """
            SELECT k.conname, k.contype, t.relname,
                   ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(n, i)
                         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n
                         ORDER BY u.i)::text[],
                   r.relname,
                   ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS u(n, i)
                         JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n
                         ORDER BY u.i)::text[],
                   k.confdeltype
            FROM pg_constraint k
            JOIN pg_class t ON t.oid = k.conrelid
            JOIN pg_namespace s ON s.oid = t.relnamespace AND s.nspname = 'public'
            LEFT JOIN pg_class r ON r.oid = k.confrelid
            WHERE k.contype IN ('p', 'u', 'f') AND t.relname <> 'flyway_schema_history'
            """);
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        String onDelete = rs.getString(7);
        constraints.add(new DbConstraint(
            rs.getString(1), rs.getString(2).charAt(0), rs.getString(3),
            List.of((String[]) rs.getArray(4).getArray()), rs.getString(5),
            List.of((String[]) rs.getArray(6).getArray()),
            onDelete == null || onDelete.isBlank() ? ' ' : onDelete.charAt(0)));
      }
    }
    return constraints;
  }

  private static List<DbIndex> indexes(Connection c) throws SQLException {
    var indexes = new ArrayList<DbIndex>();
    try (var st = c.prepareStatement(
            """
            SELECT i.relname, t.relname, x.indisunique, x.indisprimary,
                   ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true)
                                || CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                         FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k)::text[],
                   pg_get_expr(x.indpred, x.indrelid, true)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace s ON s.oid = t.relnamespace AND s.nspname = 'public'
            WHERE t.relname <> 'flyway_schema_history'
            """);
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        var columns = new ArrayList<String>();
        for (String column : (String[]) rs.getArray(5).getArray()) {
          columns.add(column.replace("\"", ""));
        }
        indexes.add(new DbIndex(
            rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), columns,
            rs.getString(6)));
      }
    }
    return indexes;
  }
}
