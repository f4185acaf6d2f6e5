package dev.browserfleet.projector.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema as docs/SCHEMA.md states it: the column table and the index bullets of every {@code
 * ###} section under "## Tables", and the CASCADE DELETE relationships.
 */
record SchemaDoc(Map<String, Table> tables, List<Cascade> cascades) {

  record Column(String name, String type, String constraints) {

    boolean primaryKey() {
      return constraints.contains("PRIMARY KEY");
    }

    boolean unique() {
      return constraints.contains("UNIQUE");
    }

    boolean notNull() {
      return primaryKey() || constraints.contains("NOT NULL");
    }

    /** The DEFAULT clause's value as written, if any. */
    Optional<String> defaultValue() {
      Matcher m = DEFAULT.matcher(constraints);
      return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    /** The table a foreign key on this column refers to, if any. */
    Optional<String> references() {
      Matcher m = FK.matcher(constraints);
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
  }

  /** One index: its ordered key columns ({@code "priority DESC"}) and partial predicate. */
  record Index(String name, String table, List<String> columns, String predicate) {}

  record Table(String name, Map<String, Column> columns, List<Index> indexes) {

    String primaryKeyColumn() {
      return columns.values().stream()
          .filter(Column::primaryKey)
          .map(Column::name)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(name + " documents no primary key"));
    }
  }

  /** Deleting a {@code parent} row deletes its {@code child} rows. */
  record Cascade(String parent, String child) {}

  private static final Pattern DEFAULT = Pattern.compile("DEFAULT\\s+(.+?)\\s*(?:,|$)");
  private static final Pattern FK = Pattern.compile("FK\\s*→\\s*(\\w+)");
  private static final Pattern INDEX =
      Pattern.compile("^-\\s*`(\\w+)`\\s+on\\s+`([^`]+)`(?:\\s+WHERE\\s+`([^`]+)`)?\\s*$");
  private static final Pattern CASCADE =
      Pattern.compile("^-\\s*`(\\w+)`\\s*→\\s*`(\\w+)`\\s*\\(.*CASCADE DELETE.*\\)\\s*$");

  static SchemaDoc read(Path markdown) {
    try {
      return parse(Files.readAllLines(markdown));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SchemaDoc parse(List<String> lines) {
    var tables = new LinkedHashMap<String, Table>();
    var cascades = new ArrayList<Cascade>();
    String section = "";
    Table table = null;
    boolean inIndexes = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("## ")) {
        section = line.substring(3).strip();
        table = null;
        continue;
      }
      if (section.equals("Tables") && line.startsWith("### ")) {
        String name = line.substring(4).strip();
        table = new Table(name, new LinkedHashMap<>(), new ArrayList<>());
        tables.put(name, table);
        inIndexes = false;
        continue;
      }
      if (section.equals("Relationships")) {
        Matcher m = CASCADE.matcher(line);
        if (m.matches()) {
          cascades.add(new Cascade(m.group(1), m.group(2)));
        }
        continue;
      }
      if (table == null) {
        continue;
      }
      if (line.startsWith("**")) {
        inIndexes = line.startsWith("**Indexes**");
        continue;
      }
      if (line.startsWith("|")) {
        List<String> cells = cells(line);
        if (cells.size() < 3 || cells.get(0).equals("Column") || cells.get(0).matches("-+")) {
          continue;
        }
        table.columns().put(cells.get(0), new Column(cells.get(0), cells.get(1), cells.get(2)));
      } else if (inIndexes && line.startsWith("-")) {
        Matcher m = INDEX.matcher(line);
        if (!m.matches()) {
          throw new IllegalStateException("unreadable index line in SCHEMA.md: " + line);
        }
        table.indexes().add(new Index(m.group(1), table.name(), indexColumns(m.group(2)), m.group(3)));
      }
    }
    return new SchemaDoc(tables, cascades);
  }

  private static List<String> cells(String row) {
    var cells = new ArrayList<String>();
    for (String cell : row.substring(1).split("\\|")) {
      cells.add(cell.strip());
    }
    return cells;
  }

  /** {@code name} or {@code (priority DESC, created_at ASC)}; ASC is the default and dropped. */
  private static List<String> indexColumns(String spec) {
    String inner = spec.strip();
    if (inner.startsWith("(") && inner.endsWith(")")) {
      inner = inner.substring(1, inner.length() - 1);
    }
    var columns = new ArrayList<String>();
    for (String part : inner.split(",")) {
      String column = part.strip().replaceAll("(?i)\\s+ASC$", "");
      columns.add(column.replaceAll("(?i)\\s+DESC$", " DESC"));
    }
    return columns;
  }

  List<Index> indexes() {
    return tables.values().stream().flatMap(t -> t.indexes().stream()).toList();
  }
}
