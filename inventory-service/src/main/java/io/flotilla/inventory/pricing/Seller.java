package io.flotilla.inventory.pricing;

import io.flotilla.contracts.money.Markup;
import io.flotilla.platform.problem.ProblemException;

/**
 * The shop an order is sold through: the master shop, which sells at base price, or an active agent
 * with its markup and the admin's bounds on it. {@code sold_by} is {@code master} or the agent id.
 */
public record Seller(String tenantId, Markup markup, MarkupBounds bounds) {

  /** The operator's own shop bot. */
  public static final String MASTER = "master";

  private static final MarkupBounds NO_MARKUP = new MarkupBounds(0, 0);

  public static Seller master() {
    return new Seller(MASTER, Markup.NONE, NO_MARKUP);
  }

  /**
   * The seller for a tenant, given what the projection holds about it ({@code null} when nothing).
   *
   * @throws ProblemException 422 {@code unknown-agent} or {@code agent-paused}
   */
  public static Seller of(String tenantId, Agent agent) {
    if (MASTER.equals(tenantId)) {
      return master();
    }
    if (agent == null) {
      throw ProblemException.unprocessable(
          "unknown-agent", "No agent " + tenantId + " sells here (yet)");
    }
    if (agent.status == AgentStatus.PAUSED) {
      throw ProblemException.unprocessable(
          "agent-paused", "Agent " + tenantId + " is paused and takes no orders");
    }
    return new Seller(tenantId, agent.markup(), agent.bounds());
  }

  public boolean isMaster() {
    return MASTER.equals(tenantId);
  }

  public String soldBy() {
    return tenantId;
  }

  /**
   * The unit price of a product in this shop: the agent's override for the product if it has one,
   * else its general markup, lowered to the admin's bounds (the agent's, tightened by the
   * product's). The master shop sells at base price.
   */
  public UnitPrice price(
      long basePrice, Markup override, Long productMaxPercentBasisPoints, Long productMaxFixed) {
    if (isMaster()) {
      return Pricing.price(basePrice, Markup.NONE);
    }
    Markup chosen = override != null ? override : markup;
    MarkupBounds effective = bounds.within(productMaxPercentBasisPoints, productMaxFixed);
    return Pricing.price(basePrice, effective.clamp(chosen));
  }
}
