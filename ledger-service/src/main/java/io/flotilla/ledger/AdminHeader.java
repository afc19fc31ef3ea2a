package io.flotilla.ledger;

import io.flotilla.platform.problem.ProblemException;

/** The admin on whose behalf the gateway calls; required on every admin action. */
public final class AdminHeader {

  public static final String NAME = "X-Flotilla-Admin";

  private AdminHeader() {}

  public static String require(String adminId) {
    if (adminId == null || adminId.isBlank()) {
      throw ProblemException.badRequest(
          "admin-required", "This action needs the " + NAME + " header naming the admin");
    }
    if (adminId.length() > 128) {
      throw ProblemException.badRequest("admin-required", NAME + " is longer than 128 characters");
    }
    return adminId.strip();
  }
}
