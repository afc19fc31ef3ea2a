package io.flotilla.credential.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the Telegram fixture for the test run and points the service at its front door. */
public class TelegramResource implements QuarkusTestResourceLifecycleManager {

  private TelegramFixture telegram;

  @Override
  public Map<String, String> start() {
    telegram = TelegramFixture.start();
    return Map.of("flotilla.telegram.api-url", telegram.baseUrl());
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
