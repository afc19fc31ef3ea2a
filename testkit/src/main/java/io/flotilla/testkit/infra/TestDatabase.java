package io.flotilla.testkit.infra;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A throw-away PostgreSQL database for one test suite, created on the server {@code ./flotilla
 * test} prepared ({@code FLOTILLA_PG_HOST/PORT/USER/PASSWORD}).
 *
 * <pre>{@code
 * TestDatabase db = TestDatabase.create("ledger");   // ledger_k3x9q0az
 * ... db.jdbcUrl() / db.reactiveUrl() ...
 * db.drop();
 * }</pre>
 *
 * <p>Databases are commented {@value #COMMENT}; {@code ./flotilla test} drops those a killed test
 * JVM left behind.
 */
public record TestDatabase(String name, String host, int port, String user, String password) {

  /** The comment every database created here carries. */
  public static final String COMMENT = "flotilla-testkit";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final int MAX_PREFIX_LENGTH = 40;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  public TestDatabase {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain lower-case database name: " + name);
    }
  }

  /** {@code jdbc:postgresql://host:port/name}. */
  public String jdbcUrl() {
    return "jdbc:" + reactiveUrl();
  }

  /**
   * {@code postgresql://host:port/name}, the form {@code quarkus.datasource.reactive.url} takes.
   */
  public String reactiveUrl() {
    return "postgresql://" + hostForUrl(host) + ":" + port + "/" + name;
  }

  /** A new JDBC connection to this database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), connectionProperties(user, password));
  }

  /**
   * Creates a fresh database {@code <prefix>_<8 random chars>} owned by the configured user.
   *
   * @param prefix anything; lower-cased, and characters other than {@code [a-z0-9_]} become {@code
   *     _}
   * @throws IllegalStateException when no password is configured or PostgreSQL refuses
   */
  public static TestDatabase create(String prefix) {
    TestDatabase database =
        new TestDatabase(
            sanitizePrefix(prefix) + "_" + randomSuffix(),
            InfraSettings.pgHost(),
            InfraSettings.pgPort(),
            InfraSettings.pgUser(),
            InfraSettings.pgPassword());
    database.executeOnServer(
        "CREATE DATABASE " + database.quotedName(),
        "COMMENT ON DATABASE " + database.quotedName() + " IS '" + COMMENT + "'");
    return database;
  }

  /** Drops the database, closing whatever connections still use it. */
  public void drop() {
    executeOnServer("DROP DATABASE IF EXISTS " + quotedName() + " WITH (FORCE)");
  }

  /** Whether the database exists on the server. */
  public boolean exists() {
    try (Connection connection = connectToServer();
        var statement =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      statement.setString(1, name);
      try (var result = statement.executeQuery()) {
        return result.next();
      }
    } catch (SQLException e) {
      throw failure("check database " + name, e);
    }
  }

  @Override
  public String toString() {
    return "TestDatabase[" + user + "@" + host + ":" + port + "/" + name + "]";
  }

  static String sanitizePrefix(String prefix) {
    String cleaned =
        (prefix == null ? "" : prefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (cleaned.isEmpty()) {
      cleaned = "t";
    }
    if (!Character.isLetter(cleaned.charAt(0)) && cleaned.charAt(0) != '_') {
      cleaned = "t" + cleaned;
    }
    return cleaned.length() > MAX_PREFIX_LENGTH ? cleaned.substring(0, MAX_PREFIX_LENGTH) : cleaned;
  }

  static String randomSuffix() {
    StringBuilder suffix = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return suffix.toString();
  }

  private String quotedName() {
    return '"' + name + '"';
  }

  private void executeOnServer(String... statements) {
    try (Connection connection = connectToServer();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw failure(statements[0], e);
    }
  }

  private Connection connectToServer() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + hostForUrl(host) + ":" + port + "/postgres",
        connectionProperties(user, password));
  }

  private IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException(
        "PostgreSQL at "
            + host
            + ":"
            + port
            + " (user "
            + user
            + ") failed to "
            + what
            + ": "
            + e.getMessage()
            + ". "
            + InfraSettings.RUN_THROUGH_FLOTILLA,
        e);
  }

  private static Properties connectionProperties(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("ApplicationName", "flotilla-testkit");
    return properties;
  }

  private static String hostForUrl(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
