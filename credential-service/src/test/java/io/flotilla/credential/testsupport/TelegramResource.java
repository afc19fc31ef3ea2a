package io.flotilla.credential.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the Telegram fixture for the test run and points the service at its front door. The
 * service starts with a master bot token in its configuration whose first two getMe calls find
 * Telegram unreachable, so start-up registration has to try again in the background.
 */
public class TelegramResource implements QuarkusTestResourceLifecycleManager {

  /** getMe calls with the configured master token that fail before one gets through. */
  public static final int UNREACHABLE_AT_START = 2;

  private TelegramFixture telegram;

  @Override
  public Map<String, String> start() {
    telegram = TelegramFixture.start();
    String masterToken = telegram.configuredMasterBot().token();
    telegram.unreachableFor(masterToken, UNREACHABLE_AT_START);
    return Map.of(
        "flotilla.telegram.api-url", telegram.baseUrl(), "flotilla.master.bot-token", masterToken);
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        telegram,
        new TestInjector.AnnotatedAndMatchesType(InjectTelegram.class, TelegramFixture.class));
  }

  @Override
  public void stop() {
    if (telegram != null) {
      telegram.close();
    }
  }
}
