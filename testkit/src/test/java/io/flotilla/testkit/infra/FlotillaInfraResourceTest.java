package io.flotilla.testkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Needs the PostgreSQL that {@code ./flotilla test} provides. */
class FlotillaInfraResourceTest {

  @Test
  void givesEachSuiteItsOwnDatabaseAndTopicPrefix() throws Exception {
    FlotillaInfraResource resource = new FlotillaInfraResource();
    resource.init(Map.of(FlotillaInfraResource.DB_PREFIX, "infra_res"));
    Map<String, String> config = resource.start();
    TestDatabase database = resource.database();
    try {
      assertThat(database.name()).startsWith("infra_res_");
      assertThat(config)
          .containsEntry("quarkus.datasource.username", database.user())
          .containsEntry("quarkus.datasource.password", database.password())
          .containsEntry("quarkus.datasource.reactive.url", database.reactiveUrl())
          .containsEntry("quarkus.datasource.jdbc.url", database.jdbcUrl())
          .containsEntry("kafka.bootstrap.servers", InfraSettings.kafkaBootstrap());
      assertThat(config.get("quarkus.datasource.reactive.url"))
          .matches("postgresql://[^/]+:\\d+/infra_res_[a-z0-9]{8}");
      assertThat(config.get(FlotillaInfraResource.TOPIC_PREFIX_KEY)).matches("t[0-9a-f]{8}\\.");

      try (Connection connection =
              DriverManager.getConnection(
                  config.get("quarkus.datasource.jdbc.url"),
                  config.get("quarkus.datasource.username"),
                  config.get("quarkus.datasource.password"));
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT current_database()")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getString(1)).isEqualTo(database.name());
      }
    } finally {
      resource.stop();
    }
    assertThat(database.exists()).isFalse();
  }

  @Test
  void defaultPrefixAndDistinctTopicPrefixes() {
    FlotillaInfraResource resource = new FlotillaInfraResource();
    resource.init(Map.of());
    Map<String, String> config = resource.start();
    try {
      assertThat(resource.database().name()).matches("t_[a-z0-9]{8}");
    } finally {
      resource.stop();
    }
    assertThat(FlotillaInfraResource.newTopicPrefix())
        .isNotEqualTo(FlotillaInfraResource.newTopicPrefix());
    assertThat(config).containsKey(FlotillaInfraResource.TOPIC_PREFIX_KEY);
  }
}
