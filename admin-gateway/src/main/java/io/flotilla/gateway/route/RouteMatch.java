package io.flotilla.gateway.route;

import io.flotilla.platform.problem.ProblemException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's route in the table and its path's ids, each checked to be one safe segment. */
public record RouteMatch(Route route, Map<String, String> parameters) {

  /**
   * The route for a method and raw (still percent-encoded) path: among the routes whose path
   * matches, the one with the most literal segments ({@code /bots/list} before {@code
   * /bots/{tenantId}}). 404 when no route has the path, 405 when none has it for the method; an id
   * that is not one safe segment is 400 naming it.
   */
  public static RouteMatch find(List<Route> routes, String method, String rawPath) {
    String[] segments = rawPath.replaceAll("/+$", "").substring(1).split("/", -1);
    Route best = null;
    int bestLiterals = -1;
    boolean pathKnown = false;
    for (Route route : routes) {
      int literals = literalsMatched(route.segments(), segments);
      if (literals < 0) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(method) && literals > bestLiterals) {
        best = route;
        bestLiterals = literals;
      }
    }
    if (best == null) {
      throw pathKnown
          ? new ProblemException(
              405, "method-not-allowed", "Method not allowed", method + " is not served here")
          : ProblemException.notFound("No such route");
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> template = best.segments();
    for (int i = 0; i < template.size(); i++) {
      if (Route.isParameter(template.get(i))) {
        String name = template.get(i).substring(1, template.get(i).length() - 1);
        String value = decode(segments[i]);
        if (!Route.patternOf(name).matcher(value).matches()) {
          throw ProblemException.invalidField(
              Route.fieldName(name),
              Route.patternOf(name) == Route.NUMBER
                  ? "must be a positive integer"
                  : "must be 1-64 letters, digits, _, - or :");
        }
        values.put(name, value);
      }
    }
    return new RouteMatch(best, values);
  }

  /** The internal path with this match's ids in place. */
  public String internalPath() {
    String path = route.internalPath();
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
    }
    return path;
  }

  /** How many literal segments match, or -1 when the path is not the template's. */
  private static int literalsMatched(List<String> template, String[] segments) {
    if (template.size() != segments.length) {
      return -1;
    }
    int literals = 0;
    for (int i = 0; i < segments.length; i++) {
      String expected = template.get(i);
      if (Route.isParameter(expected)) {
        if (segments[i].isEmpty()) {
          return -1;
        }
      } else if (expected.equals(segments[i])) {
        literals++;
      } else {
        return -1;
      }
    }
    return literals;
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }
}
