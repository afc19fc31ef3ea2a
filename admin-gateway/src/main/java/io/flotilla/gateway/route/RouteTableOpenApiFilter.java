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

/**
 * Writes every route of the {@link RouteTable} into the OpenAPI document, one operation each, with
 * its path ids, body, the service's answers passed on and problem+json for errors. The bodies are
 * the services' own and are not typed here yet.
 */
public class RouteTableOpenApiFilter implements OASFilter {

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
                "200",
                OASFactory.createAPIResponse()
                    .description("The service's answer (201 where it creates)")
                    .content(
                        OASFactory.createContent()
                            .addMediaType(
                                "application/json",
                                OASFactory.createMediaType()
                                    .schema(
                                        OASFactory.createSchema()
                                            .addType(Schema.SchemaType.OBJECT)))))
            .addAPIResponse(
                "default",
                OASFactory.createAPIResponse()
                    .description("A problem (RFC 9457)")
                    .content(
                        OASFactory.createContent()
                            .addMediaType(
                                ProblemMapper.PROBLEM_JSON,
                                OASFactory.createMediaType()
                                    .schema(
                                        OASFactory.createSchema()
                                            .addType(Schema.SchemaType.OBJECT))))));
    operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("apiToken"));
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
