package io.flotilla.credential.agent;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.credential.testsupport.Db;
import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.Internal;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class AgentOwnersTest {

  private static final long BIG_ID = 8_000_000_123L;

  @InjectTelegram TelegramFixture telegram;

  @Test
  void ownersAreSetOnCreateReplacedAndCarriedToTheFleet() {
    String agent = Internal.uniqueId("own-");
    admin("admin-o")
        .body(
            Map.of(
                "agent_id",
                agent,
                "name",
                "Owned Shop",
                "bot_token",
                telegram.newBot().token(),
                "owner_telegram_ids",
                List.of(BIG_ID, 42, BIG_ID)))
        .post("/internal/agents")
        .then()
        .statusCode(201)
        .body("owner_telegram_ids", equalTo(List.of(42, BIG_ID)));
    assertThat(Db.eventTypes(agent)).containsExactly("AgentCreated", "AgentOwnersChanged");
    assertThat(ownerIds(Db.payloads(agent, "AgentOwnersChanged").getLast()))
        .containsExactly(42L, BIG_ID);
    api()
        .get("/internal/bots/" + agent + "/credentials")
        .then()
        .statusCode(200)
        .body("owner_telegram_ids", equalTo(List.of(42, BIG_ID)));

    admin("admin-o")
        .body(Map.of("owner_telegram_ids", List.of(77)))
        .put("/internal/agents/" + agent + "/owners")
        .then()
        .statusCode(200)
        .body("owner_telegram_ids", equalTo(List.of(77)));
    api().get("/internal/agents/" + agent).then().body("owner_telegram_ids", equalTo(List.of(77)));
    api()
        .get("/internal/agents?limit=100")
        .then()
        .body("items.find { it.agent_id == '" + agent + "' }.owner_telegram_ids", hasItem(77));
    api()
        .get("/internal/bots/" + agent + "/credentials")
        .then()
        .body("owner_telegram_ids", equalTo(List.of(77)));
    assertThat(Db.eventTypes(agent))
        .containsExactly("AgentCreated", "AgentOwnersChanged", "AgentOwnersChanged");
    assertThat(ownerIds(Db.payloads(agent, "AgentOwnersChanged").getLast())).containsExactly(77L);
    api()
        .get("/internal/audit?target=" + agent + "&action=agent.owners")
        .then()
        .body("items[0].admin_id", equalTo("admin-o"))
        .body("items[0].details.from", equalTo(List.of(42, BIG_ID)))
        .body("items[0].details.owner_telegram_ids", equalTo(List.of(77)));

    Db.unchanged(
        () ->
            admin("admin-o")
                .body(Map.of("owner_telegram_ids", List.of(77, 77)))
                .put("/internal/agents/" + agent + "/owners")
                .then()
                .statusCode(200)
                .body("owner_telegram_ids", equalTo(List.of(77))));

    admin("admin-o")
        .body(Map.of("owner_telegram_ids", List.of()))
        .put("/internal/agents/" + agent + "/owners")
        .then()
        .statusCode(200)
        .body("owner_telegram_ids", equalTo(List.of()));
    assertThat(ownerIds(Db.payloads(agent, "AgentOwnersChanged").getLast())).isEmpty();
  }

  @Test
  void anAgentCreatedWithoutOwnersHasNoneAndOtherTenantsCarryAnEmptyList() {
    String agent = Internal.uniqueId("lone-");
    admin("admin-o")
        .body(Map.of("agent_id", agent, "name", "Lone", "bot_token", telegram.newBot().token()))
        .post("/internal/agents")
        .then()
        .statusCode(201)
        .body("owner_telegram_ids", equalTo(List.of()));
    assertThat(Db.eventTypes(agent)).containsExactly("AgentCreated");

    String user = Internal.uniqueId("ownr");
    api()
        .body(Map.of("user_id", user, "bot_token", telegram.newBot().token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    api()
        .get("/internal/bots/user:" + user + "/credentials")
        .then()
        .statusCode(200)
        .body("owner_telegram_ids", equalTo(List.of()));
  }

  @Test
  void badOwnerChangesAreRefusedAndChangeNothing() {
    String agent = Internal.uniqueId("bado-");
    admin("admin-o")
        .body(Map.of("agent_id", agent, "name", "Bad", "bot_token", telegram.newBot().token()))
        .post("/internal/agents")
        .then()
        .statusCode(201);
    String user = Internal.uniqueId("ownx");
    api()
        .body(Map.of("user_id", user, "bot_token", telegram.newBot().token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    String token = telegram.newBot().token();
    Db.unchanged(
        () -> {
          api()
              .body(Map.of("owner_telegram_ids", List.of(5)))
              .put("/internal/agents/" + agent + "/owners")
              .then()
              .statusCode(400)
              .body("field", equalTo("X-Flotilla-Admin"));
          for (Object bad : List.of(List.of(0), List.of(-5), List.of("five"), "5")) {
            admin("admin-o")
                .body(Map.of("owner_telegram_ids", bad))
                .put("/internal/agents/" + agent + "/owners")
                .then()
                .statusCode(400);
          }
          admin("admin-o")
              .body(Map.of())
              .put("/internal/agents/" + agent + "/owners")
              .then()
              .statusCode(400);
          admin("admin-o")
              .body(Map.of("owner_telegram_ids", LongStream.rangeClosed(1, 101).boxed().toList()))
              .put("/internal/agents/" + agent + "/owners")
              .then()
              .statusCode(400);
          admin("admin-o")
              .body(Map.of("owner_telegram_ids", List.of(5)))
              .put("/internal/agents/no-such-agent/owners")
              .then()
              .statusCode(404);
          admin("admin-o")
              .body(Map.of("owner_telegram_ids", List.of(5)))
              .put("/internal/agents/user:" + user + "/owners")
              .then()
              .statusCode(404);
          admin("admin-o")
              .body(
                  Map.of(
                      "agent_id",
                      Internal.uniqueId("badc-"),
                      "name",
                      "Bad",
                      "bot_token",
                      token,
                      "owner_telegram_ids",
                      List.of(-1)))
              .post("/internal/agents")
              .then()
              .statusCode(400);
        });
  }

  private static List<Long> ownerIds(JsonNode payload) {
    return StreamSupport.stream(payload.path("owner_telegram_ids").spliterator(), false)
        .map(JsonNode::asLong)
        .toList();
  }
}
