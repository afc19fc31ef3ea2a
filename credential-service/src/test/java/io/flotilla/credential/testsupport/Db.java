package io.flotilla.credential.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Direct JDBC access to the suite's database, to look at (and tamper with) what was stored. */
public final class Db {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Db() {}

  public static Connection connect() throws SQLException {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getValue("quarkus.datasource.password", String.class));
  }

  public static long count(String sql, Object... parameters) {
    return ((Number) value(sql, parameters)).longValue();
  }

  public static Object value(String sql, Object... parameters) {
    List<Map<String, Object>> rows = rows(sql, parameters);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  public static List<Map<String, Object>> rows(String sql, Object... parameters) {
    try (Connection connection = connect();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet result = statement.executeQuery()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static int update(String sql, Object... parameters) {
    try (Connection connection = connect();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The number of rows in each table that holds service state, to prove a request changed none. */
  public static Map<String, Long> footprint() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table :
        List.of(
            "tenant",
            "bot",
            "mtproto_account",
            "audit_entry",
            "outbox_event",
            "key_rotation",
            "agent_owner",
            "agent_claim",
            "platform_admin")) {
      counts.put(table, count("select count(*) from " + table));
    }
    // last_used_at is written in the background (batched): no change a request made.
    counts.put(
        "bot_versions",
        count(
            "select coalesce(sum(hashtext((to_jsonb(b) - 'last_used_at')::text)), 0) from bot b"));
    counts.put(
        "tenant_versions", count("select coalesce(sum(hashtext(t::text)), 0) from tenant t"));
    counts.put(
        "claim_versions", count("select coalesce(sum(hashtext(c::text)), 0) from agent_claim c"));
    return counts;
  }

  /** Runs the requests and proves they changed nothing in the database. */
  public static void unchanged(Runnable requests) {
    Map<String, Long> before = footprint();
    requests.run();
    assertThat(footprint()).isEqualTo(before);
  }

  /** Event types in the outbox for a tenant, oldest first. */
  public static List<String> eventTypes(String tenantId) {
    return rows("select event_type from outbox_event where message_key = ? order by id", tenantId)
        .stream()
        .map(row -> (String) row.get("event_type"))
        .toList();
  }

  /** The payloads of one type of event in the outbox under an aggregate id, oldest first. */
  public static List<JsonNode> payloads(String aggregateId, String eventType) {
    return rows(
            "select (envelope -> 'payload')::text as payload from outbox_event"
                + " where message_key = ? and event_type = ? order by id",
            aggregateId,
            eventType)
        .stream()
        .map(row -> json((String) row.get("payload")))
        .toList();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }
}
