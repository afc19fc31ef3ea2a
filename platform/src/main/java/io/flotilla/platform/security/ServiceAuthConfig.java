package io.flotilla.platform.security;

import io.smallrye.config.ConfigMapping;

/** The credential services present to each other on {@code /internal} paths. */
@ConfigMapping(prefix = "flotilla.service-auth")
public interface ServiceAuthConfig {

  /** Shared secret every platform service sends as a bearer token to another's internal API. */
  String token();
}
