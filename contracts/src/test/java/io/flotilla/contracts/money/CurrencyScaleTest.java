package io.flotilla.contracts.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CurrencyScaleTest {

  @Test
  void minorUnitsBecomeExactMajorAmounts() {
    assertThat(CurrencyScale.toMajor(1250, "USDT").toPlainString()).isEqualTo("12.50");
    assertThat(CurrencyScale.toMajor(-5, "usdt").toPlainString()).isEqualTo("-0.05");
    assertThat(CurrencyScale.toMajor(300, "XTR").toPlainString()).isEqualTo("300");
    assertThat(CurrencyScale.toMajor(Long.MAX_VALUE, "USD").toPlainString())
        .isEqualTo("92233720368547758.07");
  }

  @Test
  void typedAmountsBecomeMinorUnitsOnlyWhenExact() {
    assertThat(CurrencyScale.toMinor(new BigDecimal("12.5"), "USDT")).isEqualTo(1250);
    assertThat(CurrencyScale.toMinor(new BigDecimal("7"), "XTR")).isEqualTo(7);
    assertThatThrownBy(() -> CurrencyScale.toMinor(new BigDecimal("0.001"), "USDT"))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> CurrencyScale.toMinor(new BigDecimal("1e30"), "USDT"))
        .isInstanceOf(ArithmeticException.class);
  }
}
