package io.flotilla.e2e;

import io.flotilla.testkit.infra.KafkaBrokerProcess;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;

/**
 * What an end-to-end suite runs against: the Bot API emulator, a Kafka broker of the suite's own
 * (so a test may stop it) and the platform wired to both, started and stopped together.
 */
final class E2eStack implements AutoCloseable {

  final TelegramBotApiEmulator telegram;
  final KafkaBrokerProcess kafka;
  final FlotillaPlatform platform;

  private E2eStack(
      TelegramBotApiEmulator telegram, KafkaBrokerProcess kafka, FlotillaPlatform platform) {
    this.telegram = telegram;
    this.kafka = kafka;
    this.platform = platform;
  }

  static E2eStack start() throws Exception {
    TelegramBotApiEmulator telegram = TelegramBotApiEmulator.start(0);
    KafkaBrokerProcess kafka = null;
    try {
      kafka = KafkaBrokerProcess.create().start();
      return new E2eStack(
          telegram, kafka, FlotillaPlatform.start(kafka.bootstrapServers(), telegram.baseUrl()));
    } catch (Exception | Error e) {
      if (kafka != null) {
        kafka.close();
      }
      telegram.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    platform.close();
    kafka.close();
    telegram.close();
  }
}
