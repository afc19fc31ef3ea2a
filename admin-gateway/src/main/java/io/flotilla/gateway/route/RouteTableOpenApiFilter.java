package io.flotilla.gateway.route;

import io.flotilla.platform.problem.ProblemMapper;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the OpenAPI document: every route of the {@link RouteTable}, one operation each, with
 * its path ids and body (the services' bodies are not typed here yet); on every operation the
 * problem+json answer ({@code Problem}) for errors; and on every authenticated one the two ways to
 * authenticate (a bearer API token, the session cookie) and the role it needs ({@code
 * x-flotilla-role}).
 */
public class RouteTableOpenApiFilter implements OASFilter {

  static final String PROBLEM = "Problem";
  static final String SESSION = "session";
  static final String API_TOKEN = "apiToken";

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    Paths paths = openApi.getPaths() == null ? OASFactory.createPaths() : openApi.getPaths();
    for (Route route : RouteTable.ROUTES) {
      PathItem item = paths.getPathItem(route.publicPath());
      if (item == null) {
        item = OASFactory.createPathItem();
        paths.addPathItem(route.publicPath(), item);
      }
      item.setOperation(PathItem.HttpMethod.valueOf(route.method()), operation(route));
    }
    openApi.setPaths(paths);
    if (openApi.getComponents() == null) {
      openApi.setComponents(OASFactory.createComponents());
    }
    openApi.getComponents().addSchema(PROBLEM, problemSchema());
    openApi
        .getComponents()
        .addSecurityScheme(
            SESSION,
            OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE)
                .name("flotilla_session")
                .description(
                    "The web session from signing in with Telegram; writes also need"
                        + " X-CSRF-Token"));
    paths
        .getPathItems()
        .forEach(
            (path, item) ->
                item.getOperations().forEach((method, operation) -> complete(path, operation)));
  }

  private static void complete(String path, Operation operation) {
    if (operation.getResponses() == null) {
      operation.responses(OASFactory.createAPIResponses());
    }
    operation
        .getResponses()
        .getAPIResponses()
        .forEach(
            (status, response) -> {
              if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(problemContent());
              }
            });
    operation
        .getResponses()
        .addAPIResponse(
            "default",
            OASFactory.createAPIResponse()
                .description("A problem (RFC 9457)")
                .content(problemContent()));
    String role =
        path.startsWith("/api/admin/")
            ? "admin"
            : path.startsWith("/api/me") || path.startsWith("/api/user-bot/") ? "user" : null;
    if (role != null) {
      operation.setSecurity(null);
      operation
          .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(API_TOKEN))
          .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SESSION))
          .addExtension("x-flotilla-role", role);
    }
  }

  private static Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(
            ProblemMapper.PROBLEM_JSON,
            OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM)));
  }

  private static Schema problemSchema() {
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("RFC 9457 problem details; extensions such as field, errors, max_bytes")
        .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
        .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .required(java.util.List.of("type", "title", "status"));
  }

  private static Operation operation(Route route) {
    Operation operation =
        OASFactory.createOperation()
            .summary(route.summary())
            .description(route.description())
            .addTag(route.tag())
            .operationId(operationId(route));
    for (String parameter : route.parameters()) {
      Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
      schema.pattern(Route.patternOf(parameter).pattern());
      operation.addParameter(
          OASFactory.createParameter()
              .name(parameter)
              .in(Parameter.In.PATH)
              .required(true)
              .schema(schema));
    }
    switch (route.body()) {
      case JSON ->
          operation.requestBody(
              OASFactory.createRequestBody()
                  .content(
                      OASFactory.createContent()
                          .addMediaType(
                              "application/json",
                              OASFactory.createMediaType()
                                  .schema(
                                      OASFactory.createSchema()
                                          .addType(Schema.SchemaType.OBJECT)))));
      case TEXT -> {
        Content text = OASFactory.createContent();
        for (String type : new String[] {"text/plain", "text/csv"}) {
          text.addMediaType(
              type,
              OASFactory.createMediaType()
                  .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
        operation.requestBody(OASFactory.createRequestBody().content(text).required(true));
      }
      case NONE -> {}
    }
    operation.responses(
        OASFactory.createAPIResponses()
            .addAPIResponse(
                "2XX",
                OASFactory.createAPIResponse()
                    .description("The service's answer, passed on as it is (not typed here yet)")
                    .content(
                        OASFactory.createContent()
                            .addMediaType(
                                "application/json",
                                OASFactory.createMediaType().schema(OASFactory.createSchema())))));
    return operation;
  }

  private static String operationId(Route route) {
    StringBuilder id = new StringBuilder(route.method().toLowerCase());
    for (String segment : route.segments()) {
      String word = segment.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", " ").strip();
      for (String part : word.split(" ")) {
        if (!part.isEmpty()) {
          id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
      }
    }
    return id.toString();
  }
}
