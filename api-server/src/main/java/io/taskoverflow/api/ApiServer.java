package io.taskoverflow.api;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.head;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.taskoverflow.api.auth.BearerAuthentication;
import io.taskoverflow.api.db.DatabaseGate;
import io.taskoverflow.api.export.ExportController;
import io.taskoverflow.api.export.ExportEventStreams;
import io.taskoverflow.api.export.ExportRequestValidator;
import io.taskoverflow.api.export.TaskStatuses;
import io.taskoverflow.api.feed.FeedController;
import io.taskoverflow.api.todo.TodoBodyValidator;
import io.taskoverflow.api.todo.TodoController;
import io.taskoverflow.api.web.BaseUrl;
import io.taskoverflow.api.web.CrossSiteRequests;
import io.taskoverflow.api.web.ErrorResponses;
import io.taskoverflow.api.web.HostCheck;
import io.taskoverflow.api.web.IgnoredMethodOverrides;
import io.taskoverflow.api.web.JettyErrors;
import io.taskoverflow.api.web.JsonBodies;
import io.taskoverflow.api.web.OpenApiDocument;
import io.taskoverflow.api.web.SecurityHeaders;
import java.util.Map;

/** Builds the HTTP application: every route in one tree, errors mapped in one place. */
public final class ApiServer {

  private ApiServer() {}

  /** An unstarted Javalin app; the caller starts and stops it. */
  public static Javalin create(ApiDependencies deps) {
    JsonBodies bodies = new JsonBodies(deps.maxBodyBytes());
    BaseUrl baseUrl = new BaseUrl(deps.trustForwardedHeaders());
    TodoController todos =
        new TodoController(deps.todos(), new TodoBodyValidator(deps.localZone()), bodies);
    TaskStatuses statuses = new TaskStatuses(deps.exportProgress());
    ExportController exports =
        new ExportController(
            deps.exports(),
            deps.calendarResults(),
            statuses,
            new ExportRequestValidator(),
            bodies,
            baseUrl);
    ExportEventStreams events = new ExportEventStreams(deps.exports(), statuses, baseUrl);
    FeedController feeds =
        new FeedController(
            deps.feeds(),
            deps.exports(),
            deps.calendarResults(),
            deps.database(),
            deps.apiTokens(),
            baseUrl);
    OpenApiDocument openApi = OpenApiDocument.load();
    DatabaseGate db = deps.database();
    HostCheck hostCheck = new HostCheck(deps.allowedHosts(), deps.trustForwardedHeaders());
    CrossSiteRequests crossSite = new CrossSiteRequests(baseUrl);
    BearerAuthentication authentication =
        new BearerAuthentication(deps.apiTokens(), feeds.keyRoute());

    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.useVirtualThreads = false;
              config.http.maxRequestSize = deps.maxBodyBytes();
              // A known path with another method is 405 with Allow, not 404 (ErrorResponses).
              config.http.prefer405over404 = true;
              config.jsonMapper(new JavalinJackson(JavalinJackson.defaultMapper(), false));
              config.jetty.modifyHttpConfiguration(
                  http -> http.addCustomizer(new IgnoredMethodOverrides()));
              config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
              config.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(new JettyErrors()));
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/public";
                    files.location = Location.CLASSPATH;
                  });
              // Every GET route also answers HEAD by running it: Javalin's own HEAD answers 200
              // without asking the handler, even for a todo that does not exist.
              config.router.apiBuilder(
                  () ->
                      path(
                          "api/v1",
                          () -> {
                            read("health", ctx -> ctx.json(Map.of("status", "ok")));
                            read("ready", deps.readiness()::serve);
                            read("openapi.json", openApi::serve);
                            path(
                                "todos",
                                () -> {
                                  read(db.guard(todos::list));
                                  post(db.guard(todos::create));
                                  // Before {id}, which would also match "ical".
                                  path(
                                      "ical",
                                      () -> {
                                        read(exports::list);
                                        post(exports::create);
                                        post("generate", exports::create);
                                        read("feed.ics", feeds::serve);
                                        read("feed-link", feeds::link);
                                        path(
                                            "{task_id}",
                                            () -> {
                                              delete(exports::cancel);
                                              read("status", exports::status);
                                              read("events", events::serve);
                                              read("result", db.guard(exports::result));
                                            });
                                      });
                                  path(
                                      "{id}",
                                      () -> {
                                        read(db.guard(todos::get));
                                        put(db.guard(todos::update));
                                        delete(db.guard(todos::delete));
                                      });
                                });
                          }));
            });
    app.before(SecurityHeaders::apply);
    // Before the cross-site check: a DNS-rebinding page is same-origin to the browser, so only
    // the Host header it cannot choose (421 for a name not in ALLOWED_HOSTS) tells it apart.
    app.before(hostCheck::check);
    app.before(crossSite::check);
    app.before(authentication::check);
    ErrorResponses.install(app);
    app.events(event -> event.serverStopping(events::close)); // streams and their ticks end first
    return app;
  }

  private static void read(Handler handler) {
    get(handler);
    head(handler);
  }

  private static void read(String path, Handler handler) {
    get(path, handler);
    head(path, handler);
  }
}
