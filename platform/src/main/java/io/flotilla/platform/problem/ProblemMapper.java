package io.flotilla.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP responses: RFC 9457 problem+json for everything. Bad
 * input is a 4xx that names the field; anything unexpected is a 500 whose body says nothing about
 * internals (the log has the stack trace).
 */
public class ProblemMapper {

  public static final String PROBLEM_JSON = "application/problem+json";
  public static final String TYPE_BASE = "https://flotilla.dev/problems/";

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(body(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.properties()));
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<Map<String, String>> errors =
        e.getConstraintViolations().stream()
            .map(v -> Map.of("field", fieldName(v), "message", v.getMessage()))
            .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
            .toList();
    String detail =
        errors.stream()
            .map(error -> error.get("field") + ": " + error.get("message"))
            .collect(Collectors.joining("; "));
    return respond(
        body(400, "invalid-field", "Invalid request", detail, uri, Map.of("errors", errors)));
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
    String field =
        e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
            ? mapping.getPath().stream()
                .map(
                    ref ->
                        ref.getFieldName() != null
                            ? ref.getFieldName()
                            : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
            : null;
    String detail =
        field == null ? "The body is not valid JSON" : field + ": has the wrong type or format";
    Map<String, Object> properties = field == null ? Map.of() : Map.of("field", field);
    return respond(
        body(400, "unreadable-body", "Unreadable request body", detail, uri, properties));
  }

  /**
   * A value of the wrong type, e.g. text where a number belongs. Mapped here because Quarkus' own
   * mapper for this type answers with a body that is not problem+json and echoes the value, which
   * may be a secret sent in the wrong field.
   */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    return unreadableJson(e, uri);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return unreadableJson(unreadable, uri);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.error("Request failed", e);
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
    String detail = status >= 500 ? title : e.getMessage();
    return respond(body(status, "http-" + status, title, detail, uri, Map.of()));
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(RuntimeException e, UriInfo uri) {
    return respond(
        body(
            401,
            "unauthenticated",
            "Unauthenticated",
            "A valid API token is required (Authorization: Bearer <token>)",
            uri,
            Map.of()));
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return respond(
        body(403, "forbidden", "Forbidden", "This credential may not do that", uri, Map.of()));
  }

  @ServerExceptionMapper({
    ProcessingException.class,
    ConnectException.class,
    HttpClosedException.class,
    TimeoutException.class
  })
  public Response dependencyUnreachable(Exception e, UriInfo uri) {
    LOG.warnf("A platform service is unreachable: %s", e.getClass().getSimpleName());
    return respond(
        body(
            503,
            "dependency-unavailable",
            "Service unavailable",
            "A platform service is unreachable; try again shortly",
            uri,
            Map.of()));
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    return problem(asProblem(e), uri);
  }

  /**
   * The problem a failure is answered with: itself if it is one, else — logged, since nothing
   * expected it — a 500 {@code internal-error} that says nothing of the cause.
   */
  public static ProblemException asProblem(Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem;
    }
    LOG.error("Unexpected failure", failure);
    return new ProblemException(
        500, "internal-error", "Internal error", "The request could not be completed");
  }

  /**
   * The field as the body names it: the path below the method parameter, in snake case, with the
   * index of a list element ({@code payments[1].quantity}).
   */
  private static String fieldName(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    String parameter = "";
    for (Path.Node node : violation.getPropertyPath()) {
      switch (node.getKind()) {
        case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {}
        case PARAMETER -> parameter = node.getName();
        default -> {
          if (node.isInIterable()) {
            field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey());
            field.append(']');
          }
          if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
            if (!field.isEmpty()) {
              field.append('.');
            }
            field.append(toSnakeCase(node.getName()));
          }
        }
      }
    }
    return field.isEmpty() ? toSnakeCase(parameter) : field.toString();
  }

  static String toSnakeCase(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
  }

  /**
   * The problem+json members of a problem, for an answer that carries one per item (a batch whose
   * items succeed or fail on their own).
   */
  public static Map<String, Object> body(ProblemException e) {
    return body(e.status(), e.slug(), e.title(), e.getMessage(), null, e.properties());
  }

  private static Response respond(Map<String, Object> body) {
    return Response.status((int) body.get("status")).type(PROBLEM_JSON).entity(body).build();
  }

  private static Map<String, Object> body(
      int status,
      String slug,
      String title,
      String detail,
      UriInfo uri,
      Map<String, Object> properties) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_BASE + slug);
    body.put("title", title);
    body.put("status", status);
    if (detail != null) {
      body.put("detail", detail);
    }
    if (uri != null) {
      body.put("instance", uri.getPath());
    }
    body.putAll(properties);
    return body;
  }
}
