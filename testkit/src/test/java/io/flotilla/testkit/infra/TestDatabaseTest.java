package io.flotilla.testkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Needs the PostgreSQL that {@code ./flotilla test} provides. */
class TestDatabaseTest {

  @Test
  void createsAUsableDatabaseAndDropsIt() throws Exception {
    TestDatabase database = TestDatabase.create("TestKit-Infra");
    try {
      assertThat(database.name()).matches("testkit_infra_[a-z0-9]{8}");
      assertThat(database.jdbcUrl())
          .isEqualTo(
              "jdbc:postgresql://"
                  + database.host()
                  + ":"
                  + database.port()
                  + "/"
                  + database.name());
      assertThat(database.reactiveUrl()).isEqualTo(database.jdbcUrl().substring("jdbc:".length()));
      assertThat(database.exists()).isTrue();
      assertThat(database.toString()).doesNotContain(database.password());

      try (Connection connection = database.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE probe (id int PRIMARY KEY, note text)");
        statement.execute("INSERT INTO probe VALUES (1, 'hello')");
        try (ResultSet result =
            statement.executeQuery(
                "SELECT current_database(), current_user, (SELECT note FROM probe)")) {
          assertThat(result.next()).isTrue();
          assertThat(result.getString(1)).isEqualTo(database.name());
          assertThat(result.getString(2)).isEqualTo(database.user());
          assertThat(result.getString(3)).isEqualTo("hello");
        }
      }

      // an open connection does not keep DROP ... WITH (FORCE) from working
      try (Connection stillOpen = database.connect()) {
        database.drop();
        assertThat(stillOpen.isValid(2)).isFalse();
      }
      assertThat(database.exists()).isFalse();
    } finally {
      database.drop();
    }
  }

  @Test
  void eachDatabaseIsFresh() {
    TestDatabase first = TestDatabase.create("t");
    TestDatabase second = TestDatabase.create("t");
    try {
      assertThat(first.name()).isNotEqualTo(second.name());
      assertThat(first.exists()).isTrue();
      assertThat(second.exists()).isTrue();
    } finally {
      first.drop();
      second.drop();
    }
  }

  @Test
  void prefixesBecomeValidIdentifiers() {
    assertThat(TestDatabase.sanitizePrefix("Ledger-Service")).isEqualTo("ledger_service");
    assertThat(TestDatabase.sanitizePrefix("1abc")).isEqualTo("t1abc");
    assertThat(TestDatabase.sanitizePrefix("")).isEqualTo("t");
    assertThat(TestDatabase.sanitizePrefix(null)).isEqualTo("t");
    assertThat(TestDatabase.sanitizePrefix("x".repeat(100))).hasSize(40);
    assertThat(TestDatabase.randomSuffix()).matches("[a-z0-9]{8}");
  }
}
