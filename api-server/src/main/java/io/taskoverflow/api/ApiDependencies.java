package io.taskoverflow.api;

import io.taskoverflow.api.auth.ApiTokens;
import io.taskoverflow.api.db.DatabaseGate;
import io.taskoverflow.api.export.CalendarExports;
import io.taskoverflow.api.export.CalendarResults;
import io.taskoverflow.api.export.ExportProgressReports;
import io.taskoverflow.api.feed.CalendarFeeds;
import io.taskoverflow.api.health.Readiness;
import io.taskoverflow.api.todo.TodoStore;
import io.taskoverflow.api.web.AllowedHosts;
import java.time.ZoneId;

/**
 * What the HTTP layer needs from the outside world. The stores are interfaces so that route tests
 * can run on in-memory fakes; {@link ApiApplication} passes the PostgreSQL and Kubernetes ones.
 *
 * @param exportProgress what running generators report (read for STARTED exports only)
 * @param database runs the handlers that use PostgreSQL (bounded, off Jetty's threads)
 * @param readiness the database and Kubernetes checks behind {@code /api/v1/ready}
 * @param trustForwardedHeaders whether X-Forwarded-Host/-Proto name the public URL
 * @param apiTokens the bearer tokens every API route but the probes requires; none: open
 * @param allowedHosts the host names requests may be addressed to
 */
public record ApiDependencies(
    TodoStore todos,
    CalendarExports exports,
    CalendarFeeds feeds,
    CalendarResults calendarResults,
    ExportProgressReports exportProgress,
    DatabaseGate database,
    Readiness readiness,
    ZoneId localZone,
    long maxBodyBytes,
    boolean trustForwardedHeaders,
    ApiTokens apiTokens,
    AllowedHosts allowedHosts) {}
