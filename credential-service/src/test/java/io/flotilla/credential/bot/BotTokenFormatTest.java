package io.flotilla.credential.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BotTokenFormatTest {

  private static final String SECRET = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1:abcdefghijklmnopqrstuvwx",
        "123456789:" + SECRET,
        "9223372036854775807:abcdefghijklmnopqrstuvwx",
        "5:___---___---___---___---"
      })
  void acceptsWhatTheBotApiServerAccepts(String token) {
    assertThat(BotTokenFormat.botId(token, "bot_token"))
        .isEqualTo(Long.parseLong(token.substring(0, token.indexOf(':'))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0:" + SECRET,
        "012:" + SECRET,
        "-1:" + SECRET,
        "+1:" + SECRET,
        "1 :" + SECRET,
        ":" + SECRET,
        "1:abcdefghijklmnopqrstuvw",
        "1:" + SECRET + "/",
        "1:" + SECRET + "+",
        "1:" + SECRET + "=",
        "1:" + SECRET + ".",
        "1:" + SECRET + ":x",
        "1" + SECRET,
        "１:" + SECRET,
        "9223372036854775808:abcdefghijklmnopqrstuvwx",
        "123456789:" + SECRET + SECRET + SECRET
      })
  void refusesEverythingElseWithoutRepeatingIt(String token) {
    assertThatThrownBy(() -> BotTokenFormat.botId(token, "bot_token"))
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith("bot_token: ")
        .hasMessageNotContaining(SECRET)
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
  }

  @Test
  void atMostEightyCharacters() {
    String eighty = "12345:" + "a".repeat(74);
    assertThat(eighty).hasSize(80);
    assertThat(BotTokenFormat.botId(eighty, "bot_token")).isEqualTo(12345);
    assertThatThrownBy(() -> BotTokenFormat.botId(eighty + "a", "bot_token"))
        .hasMessageContaining("longer than 80");
  }

  @Test
  void masksToIdTwoAndThree() {
    assertThat(BotTokenFormat.mask("123456:" + SECRET)).isEqualTo("123456:AA…saw");
  }
}
