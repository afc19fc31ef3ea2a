package io.flotilla.gateway.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A web session cookie, with the CSRF token the request carried and whether the request writes
 * (anything but GET, HEAD, OPTIONS), which needs that token.
 */
public class SessionAuthenticationRequest extends BaseAuthenticationRequest {

  private final String sessionCookie;
  private final String csrfHeader;
  private final boolean writes;

  public SessionAuthenticationRequest(String sessionCookie, String csrfHeader, boolean writes) {
    this.sessionCookie = sessionCookie;
    this.csrfHeader = csrfHeader;
    this.writes = writes;
  }

  public String sessionCookie() {
    return sessionCookie;
  }

  public String csrfHeader() {
    return csrfHeader;
  }

  public boolean writes() {
    return writes;
  }

  @Override
  public String toString() {
    return "SessionAuthenticationRequest[***]";
  }
}
