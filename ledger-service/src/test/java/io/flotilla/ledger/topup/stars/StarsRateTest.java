package io.flotilla.ledger.topup.stars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.ledger.LedgerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StarsRateTest {

  @Test
  void anAmountIsTheRatesFractionRoundedDown() {
    StarsRate rate = rate(Map.of("rate-minor-units", "13", "rate-stars", "10"));

    assertThat(rate.amountFor(1)).isEqualTo(1);
    assertThat(rate.amountFor(7)).isEqualTo(9);
    assertThat(rate.amountFor(10)).isEqualTo(13);
    assertThat(rate.amountFor(10_000)).isEqualTo(13_000);
  }

  @Test
  void theLimitsAreInclusive() {
    StarsRate rate = rate(Map.of("min-stars", "50", "max-stars", "2500"));

    assertThat(rate.allows(49)).isFalse();
    assertThat(rate.allows(50)).isTrue();
    assertThat(rate.allows(2_500)).isTrue();
    assertThat(rate.allows(2_501)).isFalse();
  }

  @Test
  void theTermsNameTheDefaultCurrencyUnlessStarsHaveTheirOwn() {
    assertThat(rate(Map.of()).terms().currency()).isEqualTo("USDT");
    assertThat(rate(Map.of("currency", "USD")).terms().currency()).isEqualTo("USD");
    assertThat(rate(Map.of()).terms().invoiceValiditySeconds()).isEqualTo(900);
  }

  @Test
  void aRateThatCreditsNothingOrOverflowsStopsTheService() {
    assertThatThrownBy(() -> rate(Map.of("rate-minor-units", "1", "rate-stars", "100")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("credit nothing");
    assertThatThrownBy(
            () -> rate(Map.of("rate-minor-units", "4611686018427387904", "max-stars", "2")))
        .hasMessageContaining("overflows");
    assertThatThrownBy(() -> rate(Map.of("min-stars", "10", "max-stars", "9")))
        .hasMessageContaining("min-stars <= max-stars");
    assertThatThrownBy(() -> rate(Map.of("rate-stars", "0"))).hasMessageContaining("1 or more");
    assertThatThrownBy(() -> rate(Map.of("currency", "usd"))).hasMessageContaining("currency");
    assertThatThrownBy(() -> rate(Map.of("invoice-validity", "0s")))
        .hasMessageContaining("invoice-validity");
  }

  private static StarsRate rate(Map<String, String> stars) {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withMapping(LedgerConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter());
    stars.forEach((key, value) -> builder.withDefaultValue("flotilla.ledger.stars." + key, value));
    return new StarsRate(builder.build().getConfigMapping(LedgerConfig.class));
  }
}
