package io.flotilla.fleet.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpdateRouterTest {

  @Test
  void commandsAreReadLikeTelegramClientsSendThem() {
    assertThat(UpdateRouter.commandOf("/start")).isEqualTo("/start");
    assertThat(UpdateRouter.commandOf("/START@seven_shop_bot ref42")).isEqualTo("/start");
    assertThat(UpdateRouter.commandOf("  /balance  ")).isEqualTo("/balance");
    assertThat(UpdateRouter.commandOf("hello there")).isEqualTo("hello");
  }

  @Test
  void chineseSpeakersGetChinese() {
    assertThat(Language.fromTelegram("zh-hans")).isEqualTo(Language.ZH);
    assertThat(Language.fromTelegram("en")).isEqualTo(Language.EN);
    assertThat(Language.fromTelegram(null)).isEqualTo(Language.EN);
    assertThat(Replies.welcome(Language.ZH, "Seven")).contains("欢迎");
  }
}
