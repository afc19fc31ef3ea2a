package io.flotilla.credential.keys;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotation without downtime: rows under the old key keep decrypting while batches re-encrypt them;
 * a batch killed half-way (its database session terminated, as in a crash) leaves the committed
 * cursor, and the rotation resumes from there; afterwards every ciphertext is under the new key and
 * the old key can be retired.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class KeyRotationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @InjectTelegram TelegramFixture telegram;

  @Test
  void rotatesOnlineResumesAfterACrashAndRetiresTheOldKey() throws Exception {
    List<Registered> bots = registerBots(25);
    long oldKey = keys().getLong("primary_key_id");
    Registered blocked = bots.get(14);
    Registered early = bots.get(0);
    Registered late = bots.get(24);

    try (Connection holder = Db.connect()) {
      holder.setAutoCommit(false);
      lockBot(holder, blocked.tenant());

      JsonPath started =
          admin("key-admin")
              .post("/internal/keys/rotations")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath();
      long newKey = started.getLong("new_key_id");
      assertThat(started.getLong("previous_key_id")).isEqualTo(oldKey);
      admin("key-admin")
          .post("/internal/keys/rotations")
          .then()
          .statusCode(409)
          .body("type", equalTo("https://flotilla.dev/problems/rotation-in-progress"));

      int batchPid = awaitBatchWaitingOnLock();
      Map<String, Object> before = rotationRow();
      String cursor = (String) before.get("cursor_tenant_id");
      assertThat(cursor).isLessThan(blocked.tenant());
      assertThat(early.tenant()).isLessThanOrEqualTo(cursor);
      assertEveryTokenUnder(newKey, oldKey, cursor);

      api()
          .get("/internal/bots/" + early.tenant() + "/credentials")
          .then()
          .statusCode(200)
          .body("bot_token", equalTo(early.token()));
      api()
          .get("/internal/bots/" + late.tenant() + "/credentials")
          .then()
          .statusCode(200)
          .body("bot_token", equalTo(late.token()));
      api()
          .get("/internal/mtproto/" + late.tenant() + "/credentials")
          .then()
          .statusCode(200)
          .body("api_hash", equalTo(late.apiHash()));
      assertThat(keyIdOf(early.tenant())).isEqualTo(newKey);
      assertThat(keyIdOf(late.tenant())).isEqualTo(oldKey);

      Db.value("select pg_terminate_backend(?)", batchPid);
      awaitBatchWaitingOnLock();
      Map<String, Object> afterCrash = rotationRow();
      assertThat(afterCrash.get("cursor_tenant_id")).isEqualTo(cursor);
      assertThat(afterCrash.get("rows_done")).isEqualTo(before.get("rows_done"));
      assertEveryTokenUnder(newKey, oldKey, cursor);

      holder.rollback();
    }

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(rotationRow().get("state")).isEqualTo("COMPLETED"));
    Map<String, Object> done = rotationRow();
    assertThat(done.get("rows_failed")).isEqualTo(0L);
    assertThat((Long) done.get("rows_done")).isEqualTo((Long) done.get("rows_total"));
    long newKey = (Long) done.get("new_key_id");
    assertThat(
            Db.count(
                "select count(*) from ("
                    + KeyRotationService.CIPHERTEXTS_BY_KEY
                    + ") used"
                    + " where key_id <> ?",
                newKey))
        .isZero();
    for (Registered bot : bots) {
      api()
          .get("/internal/bots/" + bot.tenant() + "/credentials")
          .then()
          .statusCode(200)
          .body("bot_token", equalTo(bot.token()));
    }
    api()
        .get("/internal/mtproto/" + late.tenant() + "/credentials")
        .then()
        .statusCode(200)
        .body("api_hash", equalTo(late.apiHash()));

    JsonPath keys = keys();
    assertThat(keys.getLong("primary_key_id")).isEqualTo(newKey);
    assertThat(keys.getString("rotation.state")).isEqualTo("completed");
    assertThat(keys.getLong("keys.find { it.key_id == " + oldKey + "L }.ciphertexts")).isZero();

    admin("key-admin")
        .post("/internal/keys/" + newKey + "/retire")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/key-in-use"));
    admin("key-admin").post("/internal/keys/" + oldKey + "/retire").then().statusCode(200);
    assertThat(keys().getList("keys.key_id", Long.class)).doesNotContain(oldKey);
    admin("key-admin").post("/internal/keys/" + oldKey + "/retire").then().statusCode(404);
    api().get("/internal/bots/" + early.tenant() + "/credentials").then().statusCode(200);
    api()
        .get("/internal/audit?admin_id=key-admin&limit=2")
        .then()
        .body("items.action", equalTo(List.of("key.retire", "key.rotate")));
  }

  @Test
  void aRowThatDoesNotDecryptIsSkippedAndKeepsItsKeyFromBeingRetired() {
    Registered tampered = registerBots(1).getFirst();
    long oldKey = keys().getLong("primary_key_id");
    byte[] original = tokenCiphertext(tampered.tenant());
    byte[] flipped = original.clone();
    flipped[flipped.length - 1] ^= 0x01;
    Map<String, Object> first;
    Db.update(
        "update bot set token_ciphertext = ? where tenant_id = ?", flipped, tampered.tenant());
    try {
      first = rotateAndWait();
      assertThat(first.get("rows_failed")).isEqualTo(1L);
      assertThat(keyIdOf(tampered.tenant())).isEqualTo(oldKey);
      // the skipped row keeps all three of its ciphertexts: token, api_hash, database key
      Db.unchanged(
          () ->
              admin("key-admin")
                  .post("/internal/keys/" + oldKey + "/retire")
                  .then()
                  .statusCode(409)
                  .body("type", equalTo("https://flotilla.dev/problems/key-in-use"))
                  .body("ciphertexts", equalTo(3)));
    } finally {
      Db.update(
          "update bot set token_ciphertext = ? where tenant_id = ?", original, tampered.tenant());
    }
    api()
        .get("/internal/bots/" + tampered.tenant() + "/credentials")
        .then()
        .statusCode(200)
        .body("bot_token", equalTo(tampered.token()));

    Map<String, Object> second = rotateAndWait();
    assertThat(second.get("rows_failed")).isEqualTo(0L);
    admin("key-admin").post("/internal/keys/" + oldKey + "/retire").then().statusCode(200);
    admin("key-admin")
        .post("/internal/keys/" + first.get("new_key_id") + "/retire")
        .then()
        .statusCode(200);
    api()
        .get("/internal/bots/" + tampered.tenant() + "/credentials")
        .then()
        .statusCode(200)
        .body("bot_token", equalTo(tampered.token()));
  }

  private static Map<String, Object> rotateAndWait() {
    long id =
        admin("key-admin")
            .post("/internal/keys/rotations")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getLong("id");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                api()
                    .get("/internal/keys/rotations/" + id)
                    .then()
                    .body("state", equalTo("completed")));
    return rotationRow();
  }

  private List<Registered> registerBots(int count) {
    String prefix = Internal.uniqueId("rot");
    List<Registered> registered = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BotHandle bot = telegram.newBot();
      String user = prefix + String.format("%03d", i);
      String apiHash = Internal.apiHash();
      Map<String, Object> body = new HashMap<>();
      body.put("user_id", user);
      body.put("bot_token", bot.token());
      body.put("api_id", 1000 + i);
      body.put("api_hash", apiHash);
      api().body(body).post("/internal/user-bots").then().statusCode(201);
      registered.add(new Registered("user:" + user, bot.token(), apiHash));
    }
    registered.sort(Comparator.comparing(Registered::tenant));
    return registered;
  }

  private static void lockBot(Connection connection, String tenant) throws Exception {
    try (PreparedStatement lock =
        connection.prepareStatement("select 1 from bot where tenant_id = ? for update")) {
      lock.setString(1, tenant);
      lock.executeQuery().close();
    }
  }

  /** The database session of the re-encryption batch that waits for the row we locked. */
  private static int awaitBatchWaitingOnLock() {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                (Integer)
                    Db.value(
                        "select pid from pg_stat_activity where datname = current_database()"
                            + " and wait_event_type = 'Lock' and query like '%token_ciphertext"
                            + " from bot%' limit 1"),
            pid -> pid != null);
  }

  private static void assertEveryTokenUnder(long newKey, long oldKey, String cursor) {
    assertThat(
            Db.count(
                "select count(*) from bot where token_ciphertext is not null and tenant_id <= ?"
                    + " and tink_key_id(token_ciphertext) <> ?",
                cursor,
                newKey))
        .as("rows up to the cursor are under the new key")
        .isZero();
    assertThat(
            Db.count(
                "select count(*) from bot where token_ciphertext is not null and tenant_id > ?"
                    + " and tink_key_id(token_ciphertext) <> ?",
                cursor,
                oldKey))
        .as("rows after the cursor are still under the old key")
        .isZero();
  }

  private static Map<String, Object> rotationRow() {
    return Db.rows("select * from key_rotation order by id desc limit 1").getFirst();
  }

  private static long keyIdOf(String tenant) {
    return (Long)
        Db.value("select tink_key_id(token_ciphertext) from bot where tenant_id = ?", tenant);
  }

  private static byte[] tokenCiphertext(String tenant) {
    return (byte[]) Db.value("select token_ciphertext from bot where tenant_id = ?", tenant);
  }

  private static JsonPath keys() {
    return api().get("/internal/keys").then().statusCode(200).extract().jsonPath();
  }

  private record Registered(String tenant, String token, String apiHash) {}
}
