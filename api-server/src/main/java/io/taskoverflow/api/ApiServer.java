package io.taskoverflow.api;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.taskoverflow.api.export.ExportController;
import io.taskoverflow.api.export.ExportRequestValidator;
import io.taskoverflow.api.todo.TodoBodyValidator;
import io.taskoverflow.api.todo.TodoController;
import io.taskoverflow.api.web.ErrorResponses;
import io.taskoverflow.api.web.JsonBodies;
import io.taskoverflow.api.web.OpenApiDocument;
import java.util.Map;

/** Builds the HTTP application: every route in one tree, errors mapped in one place. */
public final class ApiServer {

  private ApiServer() {}

  /** An unstarted Javalin app; the caller starts and stops it. */
  public static Javalin create(ApiDependencies deps) {
    JsonBodies bodies = new JsonBodies(deps.maxBodyBytes());
    TodoController todos =
        new TodoController(deps.todos(), new TodoBodyValidator(deps.localZone()), bodies);
    ExportController exports =
        new ExportController(
            deps.exports(), deps.calendarResults(), new ExportRequestValidator(), bodies);
    OpenApiDocument openApi = OpenApiDocument.load();

    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.useVirtualThreads = false;
              config.http.maxRequestSize = deps.maxBodyBytes();
              config.jsonMapper(new JavalinJackson(JavalinJackson.defaultMapper(), false));
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/public";
                    files.location = Location.CLASSPATH;
                  });
              config.router.apiBuilder(
                  () ->
                      path(
                          "api/v1",
                          () -> {
                            get("health", ctx -> ctx.json(Map.of("status", "ok")));
                            get("openapi.json", openApi::serve);
                            path(
                                "todos",
                                () -> {
                                  get(todos::list);
                                  post(todos::create);
                                  // Before {id}, which would also match "ical".
                                  path(
                                      "ical",
                                      () -> {
                                        get(exports::list);
                                        post(exports::create);
                                        post("generate", exports::create);
                                        path(
                                            "{task_id}",
                                            () -> {
                                              delete(exports::cancel);
                                              get("status", exports::status);
                                              get("result", exports::result);
                                            });
                                      });
                                  path(
                                      "{id}",
                                      () -> {
                                        get(todos::get);
                                        put(todos::update);
                                        delete(todos::delete);
                                      });
                                });
                          }));
            });
    ErrorResponses.install(app);
    return app;
  }
}
