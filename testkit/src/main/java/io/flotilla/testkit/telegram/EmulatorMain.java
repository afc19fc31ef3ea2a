package io.flotilla.testkit.telegram;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code EmulatorMain [port] [botUsername...]}. Prints the base URL,
 * then one "username token" line per bot registered from the arguments, and serves until killed.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    TelegramBotApiEmulator emulator = TelegramBotApiEmulator.start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
    System.out.println(emulator.baseUrl());
    for (int i = 1; i < args.length; i++) {
      BotHandle bot = emulator.registerBot(args[i]);
      System.out.println(bot.username() + " " + bot.token());
    }
    new CountDownLatch(1).await();
  }
}
