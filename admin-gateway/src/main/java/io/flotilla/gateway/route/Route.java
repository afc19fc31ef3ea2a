package io.flotilla.gateway.route;

import io.flotilla.gateway.forward.InternalForwarder.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One public route and the one internal endpoint it forwards to. Paths are templates whose {@code
 * {name}} segments are ids: each must be a single safe path segment, and the internal path uses the
 * same names, so nothing a caller sends can reach another internal path.
 *
 * @param role the role a caller needs ({@code admin} or {@code user})
 * @param body what the route takes as its body
 * @param tag the OpenAPI tag grouping the route
 * @param summary one line for the OpenAPI document
 * @param description more for the OpenAPI document, or null
 */
public record Route(
    String method,
    String publicPath,
    String role,
    Service service,
    String internalPath,
    Body body,
    String tag,
    String summary,
    String description) {

  /** What a route accepts as its body. */
  public enum Body {
    NONE,
    /** A JSON document, checked to parse before it is forwarded. */
    JSON,
    /** Lines of text (a stock import: text/plain or text/csv). */
    TEXT
  }

  /** Ids are letters, digits, {@code _}, {@code -} and {@code :} (a user's tenant is user:42). */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_:-]{1,64}");

  /** Telegram ids and customer ids are positive integers. */
  static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,18}");

  public List<String> segments() {
    return List.of(publicPath.substring(1).split("/"));
  }

  /** The names of the path's id segments, in order. */
  public List<String> parameters() {
    List<String> names = new ArrayList<>();
    for (String segment : segments()) {
      if (isParameter(segment)) {
        names.add(segment.substring(1, segment.length() - 1));
      }
    }
    return names;
  }

  static boolean isParameter(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  /** The pattern a parameter's value must match. */
  static Pattern patternOf(String parameter) {
    return parameter.equals("telegramId") || parameter.equals("customerId") ? NUMBER : ID;
  }

  /** A parameter's name as the body and problems spell fields: {@code agentId} → agent_id. */
  static String fieldName(String parameter) {
    return parameter.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
  }
}
