package io.flotilla.credential.agent;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.not;

import io.flotilla.credential.testsupport.Db;
import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.Internal;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class AgentApiTest {

  @InjectTelegram TelegramFixture telegram;

  @Test
  void createPauseResumePriceAndPay() {
    BotHandle bot = telegram.newBot();
    String agent = Internal.uniqueId("agent-");

    admin("admin-7")
        .body(
            Map.of(
                "agent_id",
                agent,
                "name",
                "Seven Shop",
                "bot_token",
                bot.token(),
                "markup",
                Map.of("kind", "PERCENT", "value", 1500)))
        .post("/internal/agents")
        .then()
        .statusCode(201)
        .body("agent_id", equalTo(agent))
        .body("status", equalTo("active"))
        .body("markup.kind", equalTo("PERCENT"))
        .body("markup.value", equalTo(1500))
        .body("max_percent_basis_points", equalTo(10000))
        .body("bot.status", equalTo("active"))
        .body("bot.tenant_kind", equalTo("AGENT"))
        .body("bot.bot_id", hasToString(String.valueOf(bot.id())));
    assertThat(Db.eventTypes(agent)).containsExactly("AgentCreated");
    api().get("/internal/bots/serving?limit=5000").then().body("tenant_id", hasItem(agent));

    admin("admin-7")
        .body(Map.of("reason", "chargebacks"))
        .post("/internal/agents/" + agent + "/pause")
        .then()
        .statusCode(200)
        .body("status", equalTo("paused"))
        .body("status_reason", equalTo("chargebacks"));
    admin("admin-7")
        .body(Map.of("reason", "again"))
        .post("/internal/agents/" + agent + "/pause")
        .then()
        .statusCode(200)
        .body("status_reason", equalTo("chargebacks"));
    // A paused agent's bot keeps running: its owners read their earnings; sales are refused.
    api().get("/internal/bots/serving?limit=5000").then().body("tenant_id", hasItem(agent));
    api()
        .get("/internal/agents?status=paused&limit=100")
        .then()
        .body("items.agent_id", hasItem(agent));
    api()
        .get("/internal/agents?status=active&limit=100")
        .then()
        .body("items.agent_id", not(hasItem(agent)))
        .body("items.status", everyItem(equalTo("active")));

    admin("admin-7")
        .post("/internal/agents/" + agent + "/resume")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));
    api().get("/internal/bots/serving?limit=5000").then().body("tenant_id", hasItem(agent));

    admin("admin-7")
        .body(
            Map.of(
                "markup", Map.of("kind", "FIXED", "value", 250),
                "max_percent_basis_points", 2000,
                "max_fixed_minor", 500))
        .put("/internal/agents/" + agent + "/pricing")
        .then()
        .statusCode(200)
        .body("markup.kind", equalTo("FIXED"))
        .body("markup.value", equalTo(250))
        .body("max_percent_basis_points", equalTo(2000))
        .body("max_fixed_minor", equalTo(500));
    api()
        .body(Map.of("markup", Map.of("kind", "PERCENT", "value", 1999)))
        .put("/internal/agents/" + agent + "/markup")
        .then()
        .statusCode(200)
        .body("markup.value", equalTo(1999));
    Db.unchanged(
        () -> {
          api()
              .body(Map.of("markup", Map.of("kind", "PERCENT", "value", 2001)))
              .put("/internal/agents/" + agent + "/markup")
              .then()
              .statusCode(400)
              .body("field", equalTo("markup"));
          admin("admin-7")
              .body(Map.of("markup", Map.of("kind", "FIXED", "value", 501)))
              .put("/internal/agents/" + agent + "/pricing")
              .then()
              .statusCode(400);
          admin("admin-7")
              .body(Map.of("markup", Map.of("kind", "FIXED", "value", -1)))
              .put("/internal/agents/" + agent + "/pricing")
              .then()
              .statusCode(400);
          admin("admin-7")
              .body(Map.of("markup", Map.of("kind", "SOMETIMES", "value", 1)))
              .put("/internal/agents/" + agent + "/pricing")
              .then()
              .statusCode(400);
        });

    admin("admin-7")
        .body(
            Map.of(
                "payout_address", "TQ5NaVdBkqs8x9yBfJeQYpQw1c4c2fG7Lm", "minimum_withdrawal", 1000))
        .put("/internal/agents/" + agent + "/payout")
        .then()
        .statusCode(200)
        .body("payout_address", equalTo("TQ5NaVdBkqs8x9yBfJeQYpQw1c4c2fG7Lm"))
        .body("minimum_withdrawal", equalTo(1000));
    Db.unchanged(
        () -> {
          admin("admin-7")
              .body(Map.of("payout_address", "short", "minimum_withdrawal", 1000))
              .put("/internal/agents/" + agent + "/payout")
              .then()
              .statusCode(400);
          admin("admin-7")
              .body(
                  Map.of(
                      "payout_address",
                      "TQ5NaVdBkqs8x9yBfJeQYpQw1c4c2fG7Lm",
                      "minimum_withdrawal",
                      -1))
              .put("/internal/agents/" + agent + "/payout")
              .then()
              .statusCode(400);
          admin("admin-7")
              .body(
                  Map.of(
                      "payout_address",
                      "TQ5NaVdBkqs'; drop table tenant; --",
                      "minimum_withdrawal",
                      1))
              .put("/internal/agents/" + agent + "/payout")
              .then()
              .statusCode(400);
        });

    assertThat(Db.eventTypes(agent))
        .containsExactly(
            "AgentCreated",
            "AgentPaused",
            "AgentResumed",
            "AgentPricingChanged",
            "AgentPricingChanged");
    api()
        .get("/internal/audit?target=" + agent + "&limit=50")
        .then()
        .body(
            "items.action",
            equalTo(
                java.util.List.of(
                    "agent.payout",
                    "agent.markup",
                    "agent.pricing",
                    "agent.resume",
                    "agent.pause",
                    "agent.create")))
        .body("items[1].admin_id", equalTo("agent:" + agent))
        .body("items[5].admin_id", equalTo("admin-7"));
  }

  @Test
  void refusesReservedDuplicateAndOutOfBoundsAgents() {
    String agent = Internal.uniqueId("dup-");
    admin("admin-7")
        .body(Map.of("agent_id", agent, "name", "First", "bot_token", telegram.newBot().token()))
        .post("/internal/agents")
        .then()
        .statusCode(201);
    String token = telegram.newBot().token();
    Db.unchanged(
        () -> {
          admin("admin-7")
              .body(Map.of("agent_id", agent, "name", "Again", "bot_token", token))
              .post("/internal/agents")
              .then()
              .statusCode(409)
              .body("type", equalTo("https://flotilla.dev/problems/agent-exists"));
          admin("admin-7")
              .body(Map.of("agent_id", "master", "name", "Sneaky", "bot_token", token))
              .post("/internal/agents")
              .then()
              .statusCode(400)
              .body("field", equalTo("agent_id"));
          admin("admin-7")
              .body(
                  Map.of(
                      "agent_id",
                      Internal.uniqueId("big-"),
                      "name",
                      "Greedy",
                      "bot_token",
                      token,
                      "markup",
                      Map.of("kind", "PERCENT", "value", 10001)))
              .post("/internal/agents")
              .then()
              .statusCode(400)
              .body("field", equalTo("markup"));
          for (String badId :
              new String[] {"Upper", "with space", "x'; drop table tenant; --", "a".repeat(65)}) {
            admin("admin-7")
                .body(Map.of("agent_id", badId, "name", "Bad", "bot_token", token))
                .post("/internal/agents")
                .then()
                .statusCode(400);
          }
          admin("admin-7")
              .body(
                  Map.of(
                      "agent_id",
                      Internal.uniqueId("n-"),
                      "name",
                      "n".repeat(129),
                      "bot_token",
                      token))
              .post("/internal/agents")
              .then()
              .statusCode(400);
          admin("admin-7")
              .body(
                  Map.of(
                      "agent_id",
                      Internal.uniqueId("n-"),
                      "name",
                      "bell\u0007",
                      "bot_token",
                      token))
              .post("/internal/agents")
              .then()
              .statusCode(400);
        });
  }

  @Test
  void sqlLookingNamesAreStoredAsText() {
    String agent = Internal.uniqueId("sql-");
    String name = "Robert'); DROP TABLE tenant; --";
    admin("admin-7")
        .body(Map.of("agent_id", agent, "name", name, "bot_token", telegram.newBot().token()))
        .post("/internal/agents")
        .then()
        .statusCode(201)
        .body("name", equalTo(name));
    api().get("/internal/agents/" + agent).then().statusCode(200).body("name", equalTo(name));
    assertThat(Db.count("select count(*) from tenant")).isPositive();
  }

  @Test
  void listsPageNewestFirst() {
    for (int i = 0; i < 3; i++) {
      admin("admin-7")
          .body(
              Map.of(
                  "agent_id",
                  Internal.uniqueId("page-"),
                  "name",
                  "P" + i,
                  "bot_token",
                  telegram.newBot().token()))
          .post("/internal/agents")
          .then()
          .statusCode(201);
    }
    api()
        .get("/internal/agents?page=1&limit=2")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("page", equalTo(1))
        .body("limit", equalTo(2))
        .body("total", greaterThanOrEqualTo(3))
        .body("items[0].name", equalTo("P2"))
        .body("items[1].name", equalTo("P1"));
    api().get("/internal/agents?page=2&limit=2").then().body("items[0].name", equalTo("P0"));
  }
}
