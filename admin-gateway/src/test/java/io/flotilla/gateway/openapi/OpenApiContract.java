package io.flotilla.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks live answers against the gateway's OpenAPI document: the route and method must be in it,
 * the status documented (exactly, as {@code 2XX}, or {@code default}), the content type listed, and
 * the body valid against the listed schema ($refs resolved within the document).
 */
final class OpenApiContract implements Filter {

  private static final String DOCUMENT = "urn:flotilla:openapi";

  private final JsonNode document;
  private final JsonSchemaFactory schemas;
  private final ObjectMapper json = new ObjectMapper();
  final List<String> checked = new ArrayList<>();
  final List<String> violations = new ArrayList<>();

  OpenApiContract(String documentJson) throws Exception {
    this.document = json.readTree(documentJson);
    assertThat(document.path("openapi").asText()).startsWith("3.1");
    this.schemas =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                builder.schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, documentJson))));
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification response,
      FilterContext context) {
    Response answer = context.next(request, response);
    check(request.getMethod(), URI.create(request.getURI()).getPath(), answer);
    return answer;
  }

  private void check(String method, String path, Response answer) {
    String call = method + " " + path + " → " + answer.statusCode();
    checked.add(call);
    violations.addAll(
        violations(method, path, answer.statusCode(), answer.contentType(), answer.asString()));
  }

  /** What is wrong with an answer, by the document; empty when it matches. */
  List<String> violations(
      String method, String path, int statusCode, String contentTypeHeader, String body) {
    List<String> violations = new ArrayList<>();
    String call = method + " " + path + " → " + statusCode;
    String template = template(path);
    if (template == null) {
      violations.add(call + ": path not in the document");
      return violations;
    }
    JsonNode operation = document.path("paths").path(template).path(method.toLowerCase());
    if (operation.isMissingNode()) {
      if (statusCode != 405 || !contentTypeHeader.startsWith("application/problem+json")) {
        violations.add(call + ": method not in the document for " + template);
      }
      return violations;
    }
    String status = Integer.toString(statusCode);
    JsonNode responses = operation.path("responses");
    String key =
        responses.has(status)
            ? status
            : responses.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX" : "default";
    JsonNode documented = responses.path(key);
    if (documented.isMissingNode() || (key.equals("default") && statusCode < 400)) {
      violations.add(call + ": status not documented for " + template);
      return violations;
    }
    if (body.isEmpty()) {
      return violations;
    }
    String contentType = contentTypeHeader.split(";")[0].strip();
    JsonNode media = documented.path("content").path(contentType);
    if (media.isMissingNode()) {
      violations.add(call + ": content type " + contentType + " not documented (" + key + ")");
      return violations;
    }
    String pointer =
        "/paths/"
            + escape(template)
            + "/"
            + method.toLowerCase()
            + "/responses/"
            + escape(key)
            + "/content/"
            + escape(contentType)
            + "/schema";
    JsonSchema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer));
    try {
      Set<ValidationMessage> errors = schema.validate(json.readTree(body));
      if (!errors.isEmpty()) {
        violations.add(call + ": " + errors + " in " + body);
      }
    } catch (Exception e) {
      violations.add(call + ": body is not JSON: " + body);
    }
    return violations;
  }

  /** The document's path template a concrete path matches, literal segments preferred. */
  private String template(String path) {
    String[] segments = path.substring(1).split("/", -1);
    String best = null;
    int bestLiterals = -1;
    for (Iterator<String> names = document.path("paths").fieldNames(); names.hasNext(); ) {
      String candidate = names.next();
      String[] parts = candidate.substring(1).split("/", -1);
      if (parts.length != segments.length) {
        continue;
      }
      int literals = 0;
      boolean matches = true;
      for (int i = 0; i < parts.length && matches; i++) {
        if (parts[i].startsWith("{")) {
          matches = !segments[i].isEmpty();
        } else if (parts[i].equals(segments[i])) {
          literals++;
        } else {
          matches = false;
        }
      }
      if (matches && literals > bestLiterals) {
        best = candidate;
        bestLiterals = literals;
      }
    }
    return best;
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
