package io.flotilla.fleet.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextsTest {

  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

  @Test
  void everyTextExistsInEveryLanguage() {
    assertThat(Texts.keys(Language.ZH)).isEqualTo(Texts.keys(Language.EN));
  }

  @Test
  void everyTextTakesTheSameArgumentsInEveryLanguageAndRenders() {
    for (String key : Texts.keys(Language.EN)) {
      Set<Integer> english = arguments(Texts.text(Language.EN, key, probeArguments()));
      for (Language language : Language.values()) {
        String rendered = Texts.text(language, key, probeArguments());
        assertThat(rendered).as("%s in %s", key, language).isNotBlank().doesNotContain("{");
        assertThat(arguments(rendered)).as("%s in %s", key, language).isEqualTo(english);
      }
    }
  }

  @Test
  void moneyIsFormattedOneWayWithTheCurrencysDigits() {
    assertThat(Texts.money(Language.EN, 1250, "USDT")).isEqualTo("12.50 USDT");
    assertThat(Texts.money(Language.ZH, 1250, "USDT")).isEqualTo("12.50 USDT");
    assertThat(Texts.money(Language.EN, 123456789, "USDT")).isEqualTo("1,234,567.89 USDT");
    assertThat(Texts.money(Language.EN, -5, "USDT")).isEqualTo("-0.05 USDT");
    assertThat(Texts.money(Language.EN, 250, "XTR")).isEqualTo("250 XTR");
  }

  @Test
  void pluralFormsFollowTheLanguage() {
    assertThat(Texts.text(Language.EN, "flood.notice", 1)).endsWith("again in one second.");
    assertThat(Texts.text(Language.EN, "flood.notice", 10)).endsWith("again in 10 seconds.");
    assertThat(Texts.text(Language.ZH, "flood.notice", 10)).contains("10 秒");
  }

  @Test
  void chineseSpeakersGetChinese() {
    assertThat(Language.fromTelegram("zh-hans")).isEqualTo(Language.ZH);
    assertThat(Language.fromTelegram("en-GB")).isEqualTo(Language.EN);
    assertThat(Language.fromTelegram(null)).isEqualTo(Language.EN);
    assertThat(Texts.text(Language.ZH, "start.welcome", "Seven")).startsWith("欢迎来到 Seven");
  }

  /** Distinct numbers per argument position, so a swapped or dropped argument shows. */
  private static Object[] probeArguments() {
    Object[] args = new Object[10];
    for (int i = 0; i < args.length; i++) {
      args[i] = 9001 + i;
    }
    return args;
  }

  private static Set<Integer> arguments(String rendered) {
    Set<Integer> found = new TreeSet<>();
    Matcher matcher = Pattern.compile("900(\\d)|9,00(\\d)").matcher(rendered);
    while (matcher.find()) {
      found.add(Integer.parseInt(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
    }
    return found;
  }
}
