package io.flotilla.fleet.runtime;

import io.flotilla.fleet.bot.BotInfo;
import io.flotilla.fleet.dispatch.Dispatcher;
import io.flotilla.fleet.outbound.BotSender;

/**
 * A bot this fleet process serves: what handlers may know of it (replaced when its owners or name
 * change, without a restart), its sender, and the poller that fetches its updates — or, in webhook
 * mode, whether its webhook is set.
 */
final class LiveBot {

  private final String token;
  private final BotSender sender;
  private volatile BotInfo info;
  private Poller poller;
  private volatile boolean webhookSet;

  LiveBot(BotInfo info, String token, BotSender sender) {
    this.info = info;
    this.token = token;
    this.sender = sender;
  }

  BotInfo info() {
    return info;
  }

  void update(BotInfo changed) {
    info = changed;
  }

  BotSender sender() {
    return sender;
  }

  String token() {
    return token;
  }

  boolean usesToken(String candidate) {
    return token.equals(candidate);
  }

  Dispatcher.Target target() {
    return new Dispatcher.Target(info, sender);
  }

  void attach(Poller poller) {
    this.poller = poller;
  }

  boolean webhookSet() {
    return webhookSet;
  }

  void webhookSet(boolean set) {
    webhookSet = set;
  }

  void stop() {
    if (poller != null) {
      poller.stop();
    }
  }
}
