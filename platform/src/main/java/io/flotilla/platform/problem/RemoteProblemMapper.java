package io.flotilla.platform.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns another service's problem+json answer into a {@link ProblemException} with the same status,
 * type and detail, so a 4xx from a downstream service reaches the original caller intact. Register
 * it on every REST client with {@code @RegisterProvider}.
 */
public class RemoteProblemMapper implements ResponseExceptionMapper<ProblemException> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The members RFC 9457 defines; everything else is an extension that is passed on. */
  private static final Set<String> STANDARD_FIELDS =
      Set.of("type", "title", "status", "detail", "instance");

  @Override
  public ProblemException toThrowable(Response response) {
    int status = response.getStatus();
    JsonNode body = MissingNode.getInstance();
    if (status < 500) {
      try {
        body = MAPPER.readTree(response.readEntity(String.class));
      } catch (RuntimeException | IOException unreadable) {
        // Answered as a problem without a body: its status is all that is known.
      }
    }
    return fromBody(status, body);
  }

  /**
   * The problem a problem+json body describes (a missing or foreign body gives {@code
   * http-<status>}); also for the problems of single items that a batch answer carries. A 5xx is
   * {@code dependency-failed} whatever it says: another service's failure is not passed on.
   */
  public static ProblemException fromBody(int status, JsonNode body) {
    if (status >= 500) {
      return ProblemException.unavailable(
          "dependency-failed", "A platform service could not complete the request");
    }
    JsonNode problem = body == null ? MissingNode.getInstance() : body;
    String type = problem.path("type").asText("");
    String slug =
        type.startsWith(ProblemMapper.TYPE_BASE)
            ? type.substring(ProblemMapper.TYPE_BASE.length())
            : "http-" + status;
    Map<String, Object> properties = new LinkedHashMap<>();
    problem
        .fields()
        .forEachRemaining(
            field -> {
              if (!STANDARD_FIELDS.contains(field.getKey())) {
                properties.put(field.getKey(), MAPPER.convertValue(field.getValue(), Object.class));
              }
            });
    return new ProblemException(
        status,
        slug,
        problem.path("title").asText("HTTP " + status),
        problem.path("detail").asText(null),
        properties);
  }
}
