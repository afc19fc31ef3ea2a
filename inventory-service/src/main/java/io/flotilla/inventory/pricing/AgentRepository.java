package io.flotilla.inventory.pricing;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, String> {}
