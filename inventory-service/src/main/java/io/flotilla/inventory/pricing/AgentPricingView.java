package io.flotilla.inventory.pricing;

import io.flotilla.contracts.money.Markup;
import java.util.List;

/** An agent's pricing as this service applies it. */
public record AgentPricingView(
    String agentId,
    AgentStatus status,
    Markup markup,
    long maxPercentBasisPoints,
    long maxFixedMinor,
    List<OverrideView> overrides) {}
