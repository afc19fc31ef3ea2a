package io.flotilla.platform.security;

import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Adds the service token to calls a REST client makes to another service's internal API. Register
 * it on internal clients with {@code @RegisterProvider}.
 */
@Singleton
public class ServiceTokenClientFilter implements ClientRequestFilter {

  private final ServiceAuthConfig config;

  public ServiceTokenClientFilter(ServiceAuthConfig config) {
    this.config = config;
  }

  @Override
  public void filter(ClientRequestContext request) {
    request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + config.token());
  }
}
