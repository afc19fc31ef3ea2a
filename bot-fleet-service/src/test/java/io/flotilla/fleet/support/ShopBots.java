package io.flotilla.fleet.support;

import static org.awaitility.Awaitility.await;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramUser;
import java.time.Duration;
import java.util.List;

/**
 * Agent shop bots for the shop's tests, started through the fake credential service. Their tenant
 * ids start with {@code shop_}, apart from the other tests' bots in the same fake.
 */
public final class ShopBots {

  public static final Duration WAIT = Duration.ofSeconds(30);

  private ShopBots() {}

  /**
   * Registers an agent's bot with the emulator, hands it to the fleet and waits until it serves.
   */
  public static BotHandle running(
      TelegramBotApiEmulator telegram, BotSupervisor supervisor, String tenant) {
    return running(telegram, supervisor, tenant, TenantKind.AGENT);
  }

  /** The same for a master shop bot, the platform's own (it takes Telegram Stars). */
  public static BotHandle master(
      TelegramBotApiEmulator telegram, BotSupervisor supervisor, String tenant) {
    return running(telegram, supervisor, tenant, TenantKind.MASTER);
  }

  private static BotHandle running(
      TelegramBotApiEmulator telegram, BotSupervisor supervisor, String tenant, TenantKind kind) {
    BotHandle handle = telegram.registerBot(tenant + "_shop_bot");
    FakeCredentialService.put(
        new FakeCredentialService.Bot(
            tenant,
            kind,
            shopName(tenant),
            handle.id(),
            handle.username(),
            handle.token(),
            "active",
            1000,
            64,
            List.of()));
    await().atMost(WAIT).until(() -> supervisor.isRunning(tenant));
    return handle;
  }

  /** "shop_browse" → "Browse": the tenant ids carry a prefix that keeps them apart from others. */
  private static String shopName(String tenant) {
    String name = tenant.substring(tenant.indexOf('_') + 1);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  public static TelegramUser person(long id, String language) {
    return new TelegramUser(id, "Person" + id, "person" + id, language);
  }
}
