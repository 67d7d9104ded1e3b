package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's files agree with each other and need nothing from the internet. */
class WebPageTest {

  @Test
  void everyElementTheScriptLooksUpExistsInThePage() throws IOException {
    Set<String> lookedUp = matches(resource("app.js"), "\\$\\('([a-z-]+)'\\)");
    Set<String> ids = matches(resource("index.html"), "\\bid=\"([a-z-]+)\"");
    assertThat(lookedUp).isNotEmpty();
    assertThat(ids).containsAll(lookedUp);
  }

  @Test
  void everyInputAndSelectHasALabel() throws IOException {
    String page = resource("index.html");
    Set<String> inputs = matches(page, "<(?:input|select) id=\"([a-z-]+)\"");
    Set<String> labelled = matches(page, "<label for=\"([a-z-]+)\"");
    assertThat(inputs).isNotEmpty();
    assertThat(labelled).containsAll(inputs);
    assertThat(inputs).contains("filter-window", "filter-completed", "export-component");
  }

  /** Changes the script makes on its own (polling, undo, saves) are announced, not only drawn. */
  @Test
  void thePageHasLiveRegionsForWhatChangesByItself() throws IOException {
    String page = resource("index.html");
    for (String id : new String[] {"todo-count", "export-progress", "toasts", "announcer"}) {
      assertThat(page).containsPattern("id=\"" + id + "\"[^>]*aria-live=\"polite\"");
    }
  }

  @Test
  void nothingIsLoadedFromAnotherHost() throws IOException {
    for (String file : new String[] {"index.html", "app.js", "app.css"}) {
      assertThat(resource(file)).as(file).doesNotContain("http://", "https://", "src=\"//");
    }
  }

  /** The page's policy allows only its own files: nothing inline, nothing evaluated. */
  @Test
  void thePageNeedsNothingItsContentSecurityPolicyForbids() throws IOException {
    String page = resource("index.html");
    assertThat(matches(page, "(<script(?![^>]*\\bsrc=\"/)[^>]*>)")).isEmpty();
    assertThat(matches(page, "\\s(on[a-z]+)=")).isEmpty();
    assertThat(page).doesNotContain("<style", " style=", "javascript:");
    assertThat(matches(page, "\\b(?:src|href)=\"([^\"]*)\""))
        .allMatch(url -> url.startsWith("/") || url.startsWith("#") || url.equals("data:,"));
    assertThat(SecurityHeaders.PAGE_POLICY).contains("img-src 'self' data:");
    String script = resource("app.js");
    assertThat(script)
        .doesNotContain("eval(", "new Function", "innerHTML", "insertAdjacentHTML", ".style.")
        .doesNotContain("setTimeout('", "setInterval('");
  }

  private static Set<String> matches(String text, String regex) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = Pattern.compile(regex).matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = WebPageTest.class.getResourceAsStream("/public/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
