package io.flotilla.fleet.feature.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import org.junit.jupiter.api.Test;

class AmountsTest {

  @Test
  void moneyIsReadExactlyInTheCurrencysDigits() {
    assertThat(Amounts.money("25.50", "USDT")).contains(2550L);
    assertThat(Amounts.money(" 25,5 ", "USDT")).contains(2550L);
    assertThat(Amounts.money("7", "XTR")).contains(7L);
    assertThat(Amounts.money("0.001", "USDT")).isEmpty();
    assertThat(Amounts.money("1.5", "XTR")).isEmpty();
    assertThat(Amounts.money("0", "USDT")).isEmpty();
    assertThat(Amounts.money("-3", "USDT")).isEmpty();
    assertThat(Amounts.money("1e3", "USDT")).isEmpty();
    assertThat(Amounts.money("", "USDT")).isEmpty();
  }

  @Test
  void markupsAreBasisPointsOrMinorUnits() {
    assertThat(Amounts.markup(MarkupKind.PERCENT, "12.5", "USDT"))
        .contains(new Markup(MarkupKind.PERCENT, 1250));
    assertThat(Amounts.markup(MarkupKind.PERCENT, "0", "USDT"))
        .contains(new Markup(MarkupKind.PERCENT, 0));
    assertThat(Amounts.markup(MarkupKind.PERCENT, "12.345", "USDT")).isEmpty();
    assertThat(Amounts.markup(MarkupKind.FIXED, "0.75", "USDT"))
        .contains(new Markup(MarkupKind.FIXED, 75));
    assertThat(Amounts.markup(MarkupKind.FIXED, "ten", "USDT")).isEmpty();
    assertThat(Amounts.percent(1250)).isEqualTo("12.5 %");
    assertThat(Amounts.percent(5000)).isEqualTo("50 %");
    assertThat(Amounts.percent(5)).isEqualTo("0.05 %");
  }
}
