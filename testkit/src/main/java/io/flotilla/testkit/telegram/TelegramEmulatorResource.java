package io.flotilla.testkit.telegram;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource that runs a {@link TelegramBotApiEmulator} for the suite and points {@code
 * flotilla.telegram.api-url} at it. Tests reach the emulator through {@link #emulator()}.
 */
public class TelegramEmulatorResource implements QuarkusTestResourceLifecycleManager {

  private static volatile TelegramBotApiEmulator running;

  /** The emulator of the running suite. */
  public static TelegramBotApiEmulator emulator() {
    TelegramBotApiEmulator emulator = running;
    if (emulator == null) {
      throw new IllegalStateException("TelegramEmulatorResource is not started for this suite");
    }
    return emulator;
  }

  @Override
  public Map<String, String> start() {
    running = TelegramBotApiEmulator.start(0);
    return Map.of("flotilla.telegram.api-url", running.baseUrl());
  }

  @Override
  public void stop() {
    TelegramBotApiEmulator emulator = running;
    running = null;
    if (emulator != null) {
      emulator.close();
    }
  }
}
