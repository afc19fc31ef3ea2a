package io.flotilla.contracts.events;

/** The three kinds of tenant. */
public enum TenantKind {
  MASTER,
  AGENT,
  USER
}
