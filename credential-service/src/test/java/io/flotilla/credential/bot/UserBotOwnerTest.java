package io.flotilla.credential.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.contracts.events.TenantKind;
import org.junit.jupiter.api.Test;

class UserBotOwnerTest {

  @Test
  void aUserWhoseIdIsATelegramIdOwnsTheirBot() {
    assertThat(BotService.userBotOwner(TenantKind.USER, "user:424242")).containsExactly(424242L);
  }

  @Test
  void otherIdsAndOtherTenantsHaveNoOwnerThisWay() {
    assertThat(BotService.userBotOwner(TenantKind.USER, "user:alice")).isEmpty();
    assertThat(BotService.userBotOwner(TenantKind.USER, "user:0123")).isEmpty();
    assertThat(BotService.userBotOwner(TenantKind.USER, "user:99999999999999999999")).isEmpty();
    assertThat(BotService.userBotOwner(TenantKind.AGENT, "424242")).isEmpty();
    assertThat(BotService.userBotOwner(TenantKind.MASTER, "master")).isEmpty();
  }
}
