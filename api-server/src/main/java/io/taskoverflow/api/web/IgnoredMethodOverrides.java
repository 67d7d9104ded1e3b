package io.taskoverflow.api.web;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Removes method-override headers before anything reads them: Javalin's {@code Context.method()}
 * takes {@code X-HTTP-Method-Override} over the real method, so a GET (which browsers send
 * anywhere, unasked) with {@code X-HTTP-Method-Override: DELETE} would delete. Only the request
 * line's method counts; the others are removed for any proxy or library that might read them.
 */
public final class IgnoredMethodOverrides implements HttpConfiguration.Customizer {

  static final List<String> HEADERS =
      List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  @Override
  public void customize(Connector connector, HttpConfiguration config, Request request) {
    HttpFields fields = request.getHttpFields();
    if (HEADERS.stream().anyMatch(fields::contains)) {
      HttpFields.Mutable without = HttpFields.build(fields);
      HEADERS.forEach(without::remove);
      request.setHttpFields(without);
    }
  }
}
