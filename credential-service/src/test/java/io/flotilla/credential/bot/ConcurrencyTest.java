package io.flotilla.credential.bot;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Invariants under many parallel requests against the real database. */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class ConcurrencyTest {

  private static final int PARALLEL = 12;

  @InjectTelegram TelegramFixture telegram;

  @Test
  void ofManyRegistrationsOfOneTokenAtOnceExactlyOneWins() throws Exception {
    for (int round = 0; round < 3; round++) {
      BotHandle bot = telegram.newBot();
      List<Integer> statuses =
          atOnce(
              i ->
                  () ->
                      i % 3 == 2
                          ? admin("admin-1")
                              .body(
                                  Map.of(
                                      "agent_id", Internal.uniqueId("race"),
                                      "name", "Racer",
                                      "bot_token", bot.token()))
                              .post("/internal/agents")
                              .statusCode()
                          : api()
                              .body(
                                  Map.of(
                                      "user_id",
                                      Internal.uniqueId("race"),
                                      "bot_token",
                                      bot.token()))
                              .post("/internal/user-bots")
                              .statusCode());

      assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
      assertThat(statuses).filteredOn(status -> status == 409).hasSize(PARALLEL - 1);
      assertThat(Db.count("select count(*) from bot where bot_id = ?", bot.id())).isEqualTo(1);
      assertThat(
              Db.count(
                  "select count(*) from outbox_event where envelope->'payload'->>'bot_id' = ?",
                  String.valueOf(bot.id())))
          .isEqualTo(1);
    }
  }

  @Test
  void ofManyRegistrationsForOneUserAtOnceExactlyOneWins() throws Exception {
    String user = Internal.uniqueId("one");
    List<BotHandle> bots = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      bots.add(telegram.newBot());
    }
    List<Integer> statuses =
        atOnce(
            i ->
                () ->
                    api()
                        .body(Map.of("user_id", user, "bot_token", bots.get(i).token()))
                        .post("/internal/user-bots")
                        .statusCode());

    assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    assertThat(statuses).filteredOn(status -> status == 409).hasSize(PARALLEL - 1);
    assertThat(Db.eventTypes("user:" + user)).containsExactly("BotRegistered");
  }

  @Test
  void concurrentSuspendsAndActivationsLeaveEventsThatTellTheTruth() throws Exception {
    String user = Internal.uniqueId("storm");
    String tenant = "user:" + user;
    api()
        .body(Map.of("user_id", user, "bot_token", telegram.newBot().token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    api().post("/internal/user-bots/" + user + "/verify").then().statusCode(200);

    for (int round = 0; round < 3; round++) {
      List<Integer> statuses =
          atOnce(
              i ->
                  () ->
                      switch (i % 4) {
                        case 0, 1 ->
                            admin("admin-" + i)
                                .body(Map.of("reason", "storm " + i))
                                .patch("/internal/bots/" + tenant + "/suspend")
                                .statusCode();
                        case 2 ->
                            admin("admin-" + i)
                                .patch("/internal/bots/" + tenant + "/activate")
                                .statusCode();
                        default ->
                            admin("admin-" + i)
                                .body(
                                    Map.of(
                                        "requests_per_second", 1 + i,
                                        "max_concurrent_requests", 1 + i))
                                .patch("/internal/bots/" + tenant + "/rate-limit")
                                .statusCode();
                      });
      assertThat(statuses).containsOnly(200);
    }

    List<String> statusEvents =
        Db.eventTypes(tenant).stream()
            .filter(type -> type.equals("BotSuspended") || type.equals("BotActivated"))
            .toList();
    for (int i = 1; i < statusEvents.size(); i++) {
      assertThat(statusEvents.get(i))
          .as("status events alternate: %s", statusEvents)
          .isNotEqualTo(statusEvents.get(i - 1));
    }
    String status = (String) Db.value("select status from bot where tenant_id = ?", tenant);
    assertThat(statusEvents.getLast())
        .isEqualTo(status.equals("SUSPENDED") ? "BotSuspended" : "BotActivated");

    Map<String, Object> limits =
        Db.rows(
                "select requests_per_second, max_concurrent_requests from bot where tenant_id = ?",
                tenant)
            .getFirst();
    Map<String, Object> lastLimits =
        Db.rows(
                "select (envelope->'payload'->>'requests_per_second')::int as rps,"
                    + " (envelope->'payload'->>'max_concurrent_requests')::int as mcr"
                    + " from outbox_event where message_key = ? and event_type ="
                    + " 'BotRateLimitChanged' order by id desc limit 1",
                tenant)
            .getFirst();
    assertThat(limits.get("requests_per_second")).isEqualTo(lastLimits.get("rps"));
    assertThat(limits.get("max_concurrent_requests")).isEqualTo(lastLimits.get("mcr"));
    assertThat(
            Db.count(
                "select count(*) from audit_entry where target = ? and action in"
                    + " ('bot.suspend', 'bot.activate')",
                tenant))
        .isEqualTo(statusEvents.size() - 1);
  }

  /** Runs {@value #PARALLEL} calls released at the same moment and returns their results. */
  private static <T> List<T> atOnce(IntFunction<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < PARALLEL; i++) {
        Callable<T> call = calls.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
