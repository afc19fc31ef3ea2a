package io.flotilla.gateway.me;

import jakarta.validation.constraints.Size;

/** A personal API token to make; the name only helps its owner tell tokens apart. */
public record CreateTokenRequest(@Size(max = 100) String name) {}
