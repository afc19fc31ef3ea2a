package io.flotilla.inventory.pricing;

import io.flotilla.contracts.money.Markup;
import io.flotilla.inventory.catalog.Product;
import io.flotilla.inventory.catalog.ProductService;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Agents' per-product markups, kept within the admin's bounds. */
@ApplicationScoped
public class PricingService {

  private final AgentRepository agents;
  private final Clock clock;

  public PricingService(AgentRepository agents, Clock clock) {
    this.agents = agents;
    this.clock = clock;
  }

  @WithSession
  public Uni<AgentPricingView> pricing(String agentId) {
    return existingAgent(agentId)
        .chain(
            agent ->
                PriceOverride.<PriceOverride>find("agentId", Sort.by("productId"), agentId)
                    .list()
                    .map(
                        overrides ->
                            new AgentPricingView(
                                agent.tenantId,
                                agent.status,
                                agent.markup(),
                                agent.maxPercentBasisPoints,
                                agent.maxFixedMinor,
                                overrides.stream().map(OverrideView::of).toList())));
  }

  /**
   * Sets an agent's markup for one product.
   *
   * @throws ProblemException 404 for an unknown agent or product, 422 {@code markup-over-bound}
   *     when the markup exceeds the admin's bound for this agent and product
   */
  @WithTransaction
  public Uni<OverrideView> setOverride(String agentId, UUID productId, Markup markup) {
    return existingAgent(agentId)
        .chain(
            agent ->
                ProductService.existing(productId)
                    .chain(
                        product -> {
                          requireWithinBounds(agent, product, markup);
                          return PriceOverride.<PriceOverride>findById(
                                  new PriceOverride.Key(agentId, productId))
                              .chain(existing -> save(existing, agentId, productId, markup));
                        }));
  }

  /**
   * @throws ProblemException 404 when the agent has no override for the product
   */
  @WithTransaction
  public Uni<Void> removeOverride(String agentId, UUID productId) {
    return PriceOverride.delete("agentId = ?1 and productId = ?2", agentId, productId)
        .map(
            deleted -> {
              if (deleted == 0) {
                throw ProblemException.notFound(
                    "Agent " + agentId + " has no own price for product " + productId);
              }
              return null;
            });
  }

  private Uni<OverrideView> save(
      PriceOverride existing, String agentId, UUID productId, Markup markup) {
    PriceOverride override = existing != null ? existing : new PriceOverride();
    override.agentId = agentId;
    override.productId = productId;
    override.markupKind = markup.kind();
    override.markupValue = markup.value();
    override.updatedAt = clock.instant();
    Uni<PriceOverride> saved =
        existing != null ? Uni.createFrom().item(override) : override.persist();
    return saved.map(ignored -> OverrideView.of(override));
  }

  private static void requireWithinBounds(Agent agent, Product product, Markup markup) {
    MarkupBounds bounds =
        agent.bounds().within(product.maxMarkupPercentBasisPoints, product.maxMarkupFixed);
    if (!bounds.allows(markup)) {
      throw new ProblemException(
          422,
          "markup-over-bound",
          "Markup above the admin's bound",
          "The markup exceeds what the admin allows for this agent and product",
          Map.of(
              "max_percent_basis_points", bounds.maxPercentBasisPoints(),
              "max_fixed_minor", bounds.maxFixedMinor()));
    }
  }

  private Uni<Agent> existingAgent(String agentId) {
    return agents
        .findById(agentId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("No agent " + agentId));
  }
}
