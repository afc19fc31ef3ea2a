package io.flotilla.inventory.catalog;

import java.util.List;

/** The active products of the shared catalog at one shop's prices. */
public record TenantCatalog(String tenantId, String currency, List<CatalogEntry> products) {}
