package io.flotilla.inventory.bench;

import io.flotilla.testkit.infra.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference figure: plain pgbench updating one row ({@code update hot set v = v + 1 where id =
 * 1}) on the same PostgreSQL, in the same run. It is the ceiling for anything that changes one row
 * per transaction.
 */
final class PgbenchReference implements AutoCloseable {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

  private final TestDatabase database;
  private final Path script;

  PgbenchReference() throws Exception {
    database = TestDatabase.create("inventory_pgbench");
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("create table hot (id integer primary key, v bigint not null)");
      statement.execute("insert into hot values (1, 0)");
    }
    script = Files.createTempFile("hot-row", ".sql");
    Files.writeString(script, "update hot set v = v + 1 where id = 1;\n");
  }

  /** Transactions per second with {@code clients} connections over {@code seconds}. */
  double singleRowUpdates(int clients, int seconds) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "pgbench",
                    "-n",
                    "-h",
                    database.host(),
                    "-p",
                    Integer.toString(database.port()),
                    "-U",
                    database.user(),
                    "-c",
                    Integer.toString(clients),
                    "-j",
                    "2",
                    "-T",
                    Integer.toString(seconds),
                    "-f",
                    script.toString(),
                    database.name()))
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", database.password());
    Process pgbench = builder.start();
    String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (pgbench.waitFor() != 0) {
      throw new IOException("pgbench failed:\n" + output);
    }
    Matcher tps = TPS.matcher(output);
    if (!tps.find()) {
      throw new IOException("No tps in pgbench output:\n" + output);
    }
    return Double.parseDouble(tps.group(1));
  }

  /**
   * Drops the database, waiting for autovacuum: it may be working on the hot table, and a
   * non-superuser cannot end its session.
   */
  @Override
  public void close() throws Exception {
    Files.deleteIfExists(script);
    for (int attempt = 1; ; attempt++) {
      try {
        database.drop();
        return;
      } catch (IllegalStateException busy) {
        if (attempt == 30) {
          throw busy;
        }
        Thread.sleep(1_000);
      }
    }
  }
}
