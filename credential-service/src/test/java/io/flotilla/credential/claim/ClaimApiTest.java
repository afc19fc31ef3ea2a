package io.flotilla.credential.claim;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.credential.testsupport.Db;
import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.Internal;
import io.flotilla.credential.testsupport.Secrets;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class ClaimApiTest {

  private static final String PROBLEMS = "https://flotilla.dev/problems/";

  @InjectTelegram TelegramFixture telegram;

  @Test
  void aClaimLinkIsShownOnceAndStoredOnlyAsAHash() {
    String agent = newAgent();
    Response created =
        admin("admin-c")
            .post("/internal/agents/" + agent + "/claims")
            .then()
            .statusCode(201)
            .extract()
            .response();
    String code = Secrets.remember(created.path("code"));

    assertThat(code).matches("[A-Za-z0-9_-]{22,}");
    assertThat((String) created.path("start_payload"))
        .isEqualTo("claim_" + code)
        .matches("[A-Za-z0-9_-]{1,64}");
    assertThat((String) created.path("agent_id")).isEqualTo(agent);
    assertThat(Instant.parse(created.path("expires_at")))
        .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(1, ChronoUnit.MINUTES));
    assertThat(
            Db.count(
                "select count(*) from agent_claim where tenant_id = ? and code_sha256 = sha256(?)",
                agent,
                ("flotilla/agent-claim/v1|" + code).getBytes()))
        .isOne();
    api()
        .get("/internal/audit?target=" + agent + "&action=agent.claim.create")
        .then()
        .body("items[0].admin_id", equalTo("admin-c"))
        .body("items[0].details.expires_at", equalTo(created.path("expires_at")));
    assertThat(api().get("/internal/audit?target=" + agent).asString()).doesNotContain(code);
  }

  @Test
  void ofEightPeopleRedeemingOneLinkAtOnceExactlyOneBecomesAnOwner() throws Exception {
    String agent = newAgent();
    String code = claim(agent);
    int events = Db.eventTypes(agent).size();

    int people = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(people)) {
      for (int i = 0; i < people; i++) {
        long telegramUserId = 900_000 + i;
        Callable<Response> redeem =
            () -> {
              start.await();
              return redeem(agent, code, telegramUserId);
            };
        answers.add(pool.submit(redeem));
      }
      start.countDown();
    }

    List<Long> winners = new ArrayList<>();
    int used = 0;
    for (Future<Response> future : answers) {
      Response answer = future.get();
      if (answer.statusCode() == 200) {
        List<Number> owners = answer.path("owner_telegram_ids");
        winners.add(owners.getFirst().longValue());
      } else {
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat((String) answer.path("type")).isEqualTo(PROBLEMS + "claim-used");
        used++;
      }
    }
    assertThat(winners).hasSize(1);
    assertThat(used).isEqualTo(people - 1);
    long winner = winners.getFirst();
    api()
        .get("/internal/agents/" + agent)
        .then()
        .body("owner_telegram_ids", equalTo(List.of((int) winner)));
    assertThat(Db.eventTypes(agent)).hasSize(events + 1).endsWith("AgentOwnersChanged");
    assertThat(
            Db.payloads(agent, "AgentOwnersChanged")
                .getLast()
                .path("owner_telegram_ids")
                .get(0)
                .asLong())
        .isEqualTo(winner);
    api()
        .get("/internal/audit?target=" + agent + "&action=agent.claim.redeem")
        .then()
        .body("total", equalTo(1))
        .body("items[0].admin_id", equalTo("tg:" + winner));
    assertThat(Db.value("select redeemed_by from agent_claim where tenant_id = ?", agent))
        .isEqualTo(winner);

    Db.unchanged(
        () ->
            redeem(agent, code, 123)
                .then()
                .statusCode(409)
                .body("type", equalTo(PROBLEMS + "claim-used")));
  }

  @Test
  void anExpiredLinkIsGoneAndChangesNothing() {
    String agent = newAgent();
    String code = claim(agent);
    Db.update(
        "update agent_claim set expires_at = now() - interval '1 second' where tenant_id = ?",
        agent);

    Db.unchanged(
        () ->
            redeem(agent, code, 4242)
                .then()
                .statusCode(410)
                .body("type", equalTo(PROBLEMS + "claim-expired")));
    api().get("/internal/agents/" + agent).then().body("owner_telegram_ids", equalTo(List.of()));
  }

  @Test
  void anotherAgentsUnknownOrMalformedCodeIsNotFound() {
    String agent = newAgent();
    String other = newAgent();
    String othersCode = claim(other);

    Db.unchanged(
        () -> {
          redeem(agent, othersCode, 5151).then().statusCode(404);
          redeem(agent, "A".repeat(32), 5151).then().statusCode(404);
          redeem("no-such-agent", othersCode, 5151).then().statusCode(404);
          redeem(agent, "not a code!", 5151)
              .then()
              .statusCode(400)
              .body("errors[0].field", equalTo("code"));
          api()
              .body(Map.of("code", othersCode, "agent_id", agent))
              .post("/internal/agents/claims/redeem")
              .then()
              .statusCode(400);
          redeem(agent, othersCode, -1).then().statusCode(400);
          admin("admin-c").post("/internal/agents/no-such-agent/claims").then().statusCode(404);
          api().post("/internal/agents/" + agent + "/claims").then().statusCode(400);
        });
    redeem(other, othersCode, 5151)
        .then()
        .statusCode(200)
        .body("owner_telegram_ids", equalTo(List.of(5151)));
  }

  @Test
  void anOwnerOpeningTheLinkLeavesItForTheNextPerson() {
    String agent = newAgent();
    admin("admin-c")
        .body(Map.of("owner_telegram_ids", List.of(61)))
        .put("/internal/agents/" + agent + "/owners")
        .then()
        .statusCode(200);
    String code = claim(agent);

    Db.unchanged(
        () ->
            redeem(agent, code, 61)
                .then()
                .statusCode(200)
                .body("owner_telegram_ids", equalTo(List.of(61))));
    redeem(agent, code, 62)
        .then()
        .statusCode(200)
        .body("owner_telegram_ids", equalTo(List.of(61, 62)));
  }

  private String newAgent() {
    String agent = Internal.uniqueId("claim-");
    admin("admin-c")
        .body(Map.of("agent_id", agent, "name", "Claimed", "bot_token", telegram.newBot().token()))
        .post("/internal/agents")
        .then()
        .statusCode(201);
    return agent;
  }

  private static String claim(String agent) {
    return Secrets.remember(
        admin("admin-c")
            .post("/internal/agents/" + agent + "/claims")
            .then()
            .statusCode(201)
            .extract()
            .path("code"));
  }

  private static Response redeem(String agent, String code, long telegramUserId) {
    return api()
        .body(Map.of("code", code, "agent_id", agent, "telegram_user_id", telegramUserId))
        .post("/internal/agents/claims/redeem");
  }
}
