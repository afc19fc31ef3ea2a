package io.flotilla.credential.crypto;

import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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

/**
 * Someone with write access to the database cannot make the service hand out a secret it did not
 * store for that tenant and field: a flipped byte, a ciphertext moved to another tenant's row, or
 * two fields swapped, all fail to decrypt and answer 500 without any secret.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class TamperingTest {

  @InjectTelegram TelegramFixture telegram;

  @Test
  void aFlippedByteDoesNotDecrypt() {
    Registered bot = register();
    byte[] original = tokenCiphertext(bot.tenant());
    byte[] flipped = original.clone();
    flipped[flipped.length / 2] ^= 0x01;

    withToken(bot.tenant(), flipped, () -> refused(bot));
    readable(bot);
  }

  @Test
  void aTokenMovedToAnotherTenantDoesNotDecrypt() {
    Registered victim = register();
    Registered thief = register();
    byte[] stolen = tokenCiphertext(victim.tenant());

    withToken(thief.tenant(), stolen, () -> refused(thief));
    readable(thief);
    readable(victim);
  }

  @Test
  void mtprotoFieldsSwappedOrMovedDoNotDecrypt() {
    Registered first = register();
    Registered second = register();
    Map<String, Object> account =
        Db.rows(
                "select api_hash_ciphertext, phone_ciphertext from mtproto_account where tenant_id = ?",
                first.tenant())
            .getFirst();

    Db.update(
        "update mtproto_account set api_hash_ciphertext = ?, phone_ciphertext = ? where tenant_id = ?",
        account.get("phone_ciphertext"),
        account.get("api_hash_ciphertext"),
        first.tenant());
    api()
        .get("/internal/mtproto/" + first.tenant() + "/credentials")
        .then()
        .statusCode(500)
        .body("type", equalTo("https://flotilla.dev/problems/credential-unreadable"));
    Db.update(
        "update mtproto_account set api_hash_ciphertext = ?, phone_ciphertext = ? where tenant_id = ?",
        account.get("api_hash_ciphertext"),
        account.get("phone_ciphertext"),
        first.tenant());

    byte[] ownHash =
        (byte[])
            Db.value(
                "select api_hash_ciphertext from mtproto_account where tenant_id = ?",
                second.tenant());
    Db.update(
        "update mtproto_account set api_hash_ciphertext = ? where tenant_id = ?",
        account.get("api_hash_ciphertext"),
        second.tenant());
    api()
        .get("/internal/mtproto/" + second.tenant() + "/credentials")
        .then()
        .statusCode(500)
        .body("detail", not(containsString(first.apiHash())));
    Db.update(
        "update mtproto_account set api_hash_ciphertext = ? where tenant_id = ?",
        ownHash,
        second.tenant());

    api()
        .get("/internal/mtproto/" + first.tenant() + "/credentials")
        .then()
        .statusCode(200)
        .body("api_hash", equalTo(first.apiHash()));
    api()
        .get("/internal/mtproto/" + second.tenant() + "/credentials")
        .then()
        .statusCode(200)
        .body("api_hash", equalTo(second.apiHash()));
  }

  private Registered register() {
    BotHandle bot = telegram.newBot();
    String user = Internal.uniqueId("tamper");
    String apiHash = Internal.apiHash();
    api()
        .body(
            Map.of(
                "user_id",
                user,
                "bot_token",
                bot.token(),
                "api_id",
                777,
                "api_hash",
                apiHash,
                "phone",
                Internal.phone()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    return new Registered("user:" + user, bot.token(), apiHash);
  }

  private static void refused(Registered bot) {
    api()
        .get("/internal/bots/" + bot.tenant() + "/credentials")
        .then()
        .statusCode(500)
        .body("type", equalTo("https://flotilla.dev/problems/credential-unreadable"))
        .body(not(containsString(bot.token())));
  }

  private static void readable(Registered bot) {
    api()
        .get("/internal/bots/" + bot.tenant() + "/credentials")
        .then()
        .statusCode(200)
        .body("bot_token", equalTo(bot.token()));
  }

  private static byte[] tokenCiphertext(String tenant) {
    return (byte[]) Db.value("select token_ciphertext from bot where tenant_id = ?", tenant);
  }

  /** Stores a forged ciphertext for the duration of the check, then puts the real one back. */
  private static void withToken(String tenant, byte[] forged, Runnable check) {
    byte[] original = tokenCiphertext(tenant);
    Db.update("update bot set token_ciphertext = ? where tenant_id = ?", forged, tenant);
    try {
      check.run();
    } finally {
      Db.update("update bot set token_ciphertext = ? where tenant_id = ?", original, tenant);
    }
    assertThat(tokenCiphertext(tenant)).isEqualTo(original);
  }

  private record Registered(String tenant, String token, String apiHash) {}
}
