package io.flotilla.credential.user;

import io.flotilla.credential.bot.BotView;

/** A user's bot as the API shows it, and whether an MTProto account is on file. */
public record UserBotView(String userId, BotView bot, boolean mtproto) {}
