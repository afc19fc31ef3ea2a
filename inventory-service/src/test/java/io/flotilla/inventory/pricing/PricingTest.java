package io.flotilla.inventory.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingTest {

  private static Markup percent(long basisPoints) {
    return new Markup(MarkupKind.PERCENT, basisPoints);
  }

  private static Markup fixed(long minor) {
    return new Markup(MarkupKind.FIXED, minor);
  }

  @Test
  void zeroPercentSellsAtBasePrice() {
    assertThat(Pricing.price(1_234, percent(0))).isEqualTo(new UnitPrice(1_234, 0, 1_234));
  }

  @ParameterizedTest(name = "{0} + {1} bp = {0} + {2}")
  @CsvSource({
    // exact
    "1000, 1000, 100",
    // 14.985 rounds up to 15
    "999, 150, 15",
    // exactly half a minor unit rounds up
    "100, 50, 1",
    "1, 5000, 1",
    // just under half rounds down
    "100, 49, 0",
    "1, 4999, 0",
    // 2.5 → 3, 3.5 → 4: half up, not half even
    "5, 5000, 3",
    "7, 5000, 4",
    "1000000000000, 1000000, 100000000000000"
  })
  void percentMarkupRoundsHalfUpToTheMinorUnit(long base, long basisPoints, long markup) {
    UnitPrice price = Pricing.price(base, percent(basisPoints));

    assertThat(price.markup()).isEqualTo(markup);
    assertThat(price.price()).isEqualTo(base + markup);
  }

  @Test
  void fixedMarkupIsAddedAsItIs() {
    assertThat(Pricing.price(1_000, fixed(250))).isEqualTo(new UnitPrice(1_000, 250, 1_250));
  }

  @Test
  void quantitiesMultiplyTheRoundedUnitPrice() {
    UnitPrice price = Pricing.price(999, percent(150));

    assertThat(price.total(3)).isEqualTo(3 * 1_014);
  }

  @Test
  void aTotalBeyondWhatALongHoldsFailsInsteadOfWrapping() {
    UnitPrice price = Pricing.price(Long.MAX_VALUE / 2, fixed(0));

    assertThatThrownBy(() -> price.total(3)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aMarkupAtTheMaximumIsKeptAndOneAboveIsLoweredToIt() {
    MarkupBounds bounds = new MarkupBounds(2_000, 500);

    assertThat(bounds.clamp(percent(2_000))).isEqualTo(percent(2_000));
    assertThat(bounds.clamp(percent(2_001))).isEqualTo(percent(2_000));
    assertThat(bounds.clamp(fixed(500))).isEqualTo(fixed(500));
    assertThat(bounds.clamp(fixed(10_000))).isEqualTo(fixed(500));
    assertThat(bounds.allows(percent(2_000))).isTrue();
    assertThat(bounds.allows(percent(2_001))).isFalse();
  }

  @Test
  void aProductCanOnlyTightenTheAgentsBounds() {
    MarkupBounds agent = new MarkupBounds(2_000, 500);

    assertThat(agent.within(1_000L, null)).isEqualTo(new MarkupBounds(1_000, 500));
    assertThat(agent.within(5_000L, 100L)).isEqualTo(new MarkupBounds(2_000, 100));
    assertThat(agent.within(null, null)).isEqualTo(agent);
  }

  @Test
  void theMasterShopSellsAtBasePriceWhateverTheMarkup() {
    UnitPrice price = Seller.master().price(1_000, percent(5_000), null, null);

    assertThat(price).isEqualTo(new UnitPrice(1_000, 0, 1_000));
    assertThat(Seller.master().soldBy()).isEqualTo("master");
  }

  @Test
  void anAgentsProductOverrideWinsAndStaysWithinTheProductsBound() {
    Seller seller = Seller.of("agent-7", agent("agent-7", AgentStatus.ACTIVE, percent(1_000)));

    assertThat(seller.soldBy()).isEqualTo("agent-7");
    assertThat(seller.price(2_000, null, null, null).markup()).isEqualTo(200);
    assertThat(seller.price(2_000, fixed(30), null, null).markup()).isEqualTo(30);
    assertThat(seller.price(2_000, percent(3_000), 1_500L, null).markup()).isEqualTo(300);
  }

  @Test
  void pausedAndUnknownAgentsDoNotSell() {
    assertThatThrownBy(() -> Seller.of("agent-8", agent("agent-8", AgentStatus.PAUSED, percent(0))))
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.status()).isEqualTo(422);
              assertThat(problem.slug()).isEqualTo("agent-paused");
            });
    assertThatThrownBy(() -> Seller.of("agent-9", null))
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> assertThat(problem.slug()).isEqualTo("unknown-agent"));
  }

  private static Agent agent(String id, AgentStatus status, Markup markup) {
    Agent agent = new Agent();
    agent.tenantId = id;
    agent.status = status;
    agent.markup(markup);
    agent.maxPercentBasisPoints = 2_000;
    agent.maxFixedMinor = 100;
    return agent;
  }
}
