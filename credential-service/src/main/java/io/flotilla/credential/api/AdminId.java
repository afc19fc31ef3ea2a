package io.flotilla.credential.api;

import io.flotilla.platform.problem.ProblemException;
import java.util.regex.Pattern;

/**
 * The admin on whose behalf the gateway (or the master bot) calls, from header {@value #HEADER}.
 * Every admin action is audited under this id, so it is required and must look like an id.
 */
public final class AdminId {

  public static final String HEADER = "X-Flotilla-Admin";

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:@._-]{0,127}");

  private AdminId() {}

  /**
   * @throws ProblemException 400 when the header is missing or malformed
   */
  public static String require(String header) {
    if (header == null || header.isBlank()) {
      throw ProblemException.invalidField(HEADER, "is required for admin actions");
    }
    if (!SHAPE.matcher(header).matches()) {
      throw ProblemException.invalidField(
          HEADER, "must be 1 to 128 letters, digits or : @ . _ - starting with a letter or digit");
    }
    return header;
  }
}
