package io.flotilla.credential.master;

import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasToString;

import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The service starts with a master bot token in its configuration while "Telegram" drops the first
 * calls made with it: the token is registered in the background once Telegram answers. Runs first,
 * before any other suite replaces the master bot.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
@Order(1)
class ConfiguredMasterBotTest {

  @InjectTelegram TelegramFixture telegram;

  @Inject MasterBotService master;

  @Test
  void theConfiguredTokenIsRegisteredOnceTelegramAnswers() throws Throwable {
    BotHandle configured = telegram.configuredMasterBot();
    awaitRegistered();

    String answer =
        api()
            .get("/internal/master/bot")
            .then()
            .statusCode(200)
            .body("tenant_id", equalTo("master"))
            .body("status", equalTo("active"))
            .body("bot_id", hasToString(String.valueOf(configured.id())))
            .body("username", equalTo(configured.username()))
            .extract()
            .asString();
    assertThat(answer).doesNotContain(configured.token());
    assertThat(answer)
        .doesNotContain(configured.token().substring(configured.token().indexOf(':')));
    assertThat(telegram.droppedCallsLeft(configured.token())).as("calls dropped first").isZero();
    assertThat(telegram.getMeCalls(configured.token())).as("calls that got through").isOne();
    api()
        .get("/internal/audit?target=master&admin_id=" + ConfiguredMasterBot.ACTOR)
        .then()
        .body("total", equalTo(1))
        .body("items[0].action", equalTo("master.bot.register"));

    assertThat(VertxContextSupport.subscribeAndAwait(() -> master.runsOn(configured.token())))
        .as("a restart with the same token changes nothing")
        .isTrue();
    assertThat(VertxContextSupport.subscribeAndAwait(() -> master.runsOn(telegram.unknownToken())))
        .isFalse();
  }

  /** Waits until start-up registration of the configured master token is over. */
  static void awaitRegistered() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api()
                        .get("/internal/audit?target=master&admin_id=" + ConfiguredMasterBot.ACTOR)
                        .then()
                        .extract()
                        .<Integer>path("total")
                    == 1);
  }
}
