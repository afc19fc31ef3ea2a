package io.flotilla.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the caller can understand, rendered as RFC 9457 problem+json. The detail is shown to
 * API callers, so it must never contain a secret.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final Map<String, Object> properties;

  public ProblemException(int status, String slug, String title, String detail) {
    this(status, slug, title, detail, Map.of());
  }

  public ProblemException(
      int status, String slug, String title, String detail, Map<String, Object> properties) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.properties = new LinkedHashMap<>(properties);
  }

  public static ProblemException badRequest(String slug, String detail) {
    return new ProblemException(400, slug, "Bad request", detail);
  }

  public static ProblemException invalidField(String field, String detail) {
    return new ProblemException(
        400, "invalid-field", "Invalid field", field + ": " + detail, Map.of("field", field));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not found", detail);
  }

  public static ProblemException conflict(String slug, String detail) {
    return new ProblemException(409, slug, "Conflict", detail);
  }

  public static ProblemException unprocessable(String slug, String detail) {
    return new ProblemException(422, slug, "Unprocessable request", detail);
  }

  public static ProblemException unavailable(String slug, String detail) {
    return new ProblemException(503, slug, "Service unavailable", detail);
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
