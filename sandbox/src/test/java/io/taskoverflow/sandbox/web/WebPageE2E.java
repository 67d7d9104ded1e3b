package io.taskoverflow.sandbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.sandbox.Sandbox;
import io.taskoverflow.sandbox.SandboxDatabase;
import io.taskoverflow.sandbox.SharedSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real headless Chromium against the whole sandbox: a person adds, edits, ticks
 * off, filters and deletes todos, exports the calendar with options, and sees exports made
 * elsewhere. A full-page screenshot is kept in {@code target/screenshots}.
 */
class WebPageE2E {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final Duration EXPORT = Duration.ofSeconds(120);
  // Over unchanged todos, an export with the same options as an earlier one reuses its calendar:
  // a fresh calendar name makes each export run its own generator Job.
  private static final AtomicInteger FRESH = new AtomicInteger();

  private static Sandbox sandbox;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ChromeDriver browser;
  private WebDriverWait wait;
  private Path downloads;

  @BeforeAll
  static void startSandbox() {
    if (!HeadlessChromium.isInstalled()) {
      return; // each test then reports itself skipped (or failed on CI)
    }
    sandbox = SharedSandbox.clean();
  }

  @BeforeEach
  void openThePage(@TempDir Path browserDirectory) throws IOException {
    HeadlessChromium.requireInstalled();
    for (JsonNode todo : JSON.readTree(send("GET", "/api/v1/todos", null).body())) {
      send("DELETE", "/api/v1/todos/" + todo.path("id").asText(), null);
    }
    downloads = HeadlessChromium.freshDirectory(browserDirectory, "downloads");
    browser =
        HeadlessChromium.start(
            HeadlessChromium.freshDirectory(browserDirectory, "profile"), downloads);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(sandbox.apiBaseUrl() + "/");
    wait.until(ExpectedConditions.titleIs("TaskOverflow"));
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aPersonAddsTicksExportsDownloadsAndDeletesATodo() throws Exception {
    // Add: typed into the form, submitted with Enter.
    byTestId("todo-title").sendKeys("Hand in the report at Café Nero");
    byTestId("todo-description").sendKeys("Chapters 1-3, with diagrams");
    WebElement deadline = byTestId("todo-deadline");
    deadline.click();
    deadline.sendKeys("06012026" + Keys.TAB + "0230PM");
    assertThat(deadline.getDomProperty("value")).isEqualTo("2026-06-01T14:30");
    byTestId("todo-description").sendKeys(Keys.ENTER);

    WebElement item =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(todoItems())));
    String todoId = item.getDomAttribute("data-todo-id");
    assertThat(item.findElement(testId("todo-item-title")).getText())
        .isEqualTo("Hand in the report at Café Nero");
    assertThat(item.findElement(testId("todo-item-description")).getText())
        .isEqualTo("Chapters 1-3, with diagrams");
    assertThat(item.findElement(testId("todo-item-deadline")).getText()).contains("2026");
    assertThat(byTestId("todo-title").getDomProperty("value")).isEmpty();
    JsonNode created = todo(todoId);
    assertThat(created.path("deadline_at").asText()).isEqualTo("2026-06-01T14:30:00");
    assertThat(created.path("completed").asBoolean()).isFalse();

    // Tick off: Space on the focused checkbox.
    WebElement checkbox = browser.findElement(By.id("todo-done-" + todoId));
    assertThat(
            browser.findElement(By.cssSelector("label[for='todo-done-" + todoId + "']")).getText())
        .isEqualTo("Hand in the report at Café Nero");
    checkbox.sendKeys(Keys.SPACE);
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector(todoItem(todoId) + "[data-completed=true]")));
    await().atMost(Duration.ofSeconds(10)).until(() -> todo(todoId).path("completed").asBoolean());
    assertThat(focused())
        .as("focus stays on the checkbox after the list is redrawn")
        .isEqualTo("todo-toggle@" + todoId);

    // Export with the default options: the button, then the progress until SUCCESS.
    String taskId = exportFromThePage("SUCCESS");
    assertThat(byTestId("export-state").getText()).isEqualTo("SUCCESS");
    assertThat(byTestId("export-message").getText())
        .contains("1 entry, 0 todos skipped (no deadline)");

    // Recent exports list it as finished.
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector(exportItem(taskId) + "[data-state=SUCCESS]")));

    // Download through the offered link.
    WebElement download = byTestId("export-download");
    wait.until(ExpectedConditions.visibilityOf(download));
    assertThat(download.getDomAttribute("href")).endsWith("/todos/ical/" + taskId + "/result");
    download.click();
    Path file = downloads.resolve(taskId + ".ics");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
    String calendar = Files.readString(file, StandardCharsets.UTF_8);
    List<String> events = components("VEVENT", calendar);
    assertThat(events).hasSize(1);
    assertThat(events.get(0))
        .contains("SUMMARY:Hand in the report at Café Nero\r\n")
        .contains("DESCRIPTION:Chapters 1-3\\, with diagrams\r\n")
        .contains("DTSTART:20260601T143000\r\n")
        .containsPattern("UID:todo-" + todoId + "-[0-9a-f-]{36}@taskoverflow\\.io\r\n");

    // Delete, and let the undo time run out.
    browser
        .findElement(By.cssSelector(todoItem(todoId)))
        .findElement(testId("todo-delete"))
        .click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(todoItem(todoId))));
    assertThat(byTestId("todo-empty").isDisplayed()).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> send("GET", "/api/v1/todos/" + todoId, null).statusCode() == 404);

    assertThat(severeConsoleMessages()).isEmpty();
  }

  @Test
  void theKeyboardAloneAddsAndEditsATodoAndEscapeCancelsAnEdit() throws Exception {
    // Add: Tab to the title, type, Tab to the description, type, Enter.
    tabTo("todo-title");
    type("Buy stamps" + Keys.TAB + "For the letters" + Keys.ENTER);
    WebElement item =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(todoItems())));
    String todoId = item.getDomAttribute("data-todo-id");
    assertThat(todo(todoId).path("title").asText()).isEqualTo("Buy stamps");
    assertThat(focused()).as("focus back in the title").isEqualTo("todo-title");

    // Edit: Tab to Edit, Enter opens the form with the title selected, Tab selects the next field.
    tabTo("todo-edit@" + todoId);
    type(Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(testId("todo-edit-form")));
    assertThat(focused()).isEqualTo("edit-title@" + todoId);
    type("Buy stamps and envelopes" + Keys.TAB + "At the post office" + Keys.ENTER);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(testId("todo-edit-form")));
    JsonNode edited = todo(todoId);
    assertThat(edited.path("title").asText()).isEqualTo("Buy stamps and envelopes");
    assertThat(edited.path("description").asText()).isEqualTo("At the post office");
    assertThat(titleOf(todoId)).isEqualTo("Buy stamps and envelopes");
    assertThat(focused()).as("focus back on Edit").isEqualTo("todo-edit@" + todoId);

    // Escape leaves everything as it was.
    type(Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(testId("todo-edit-form")));
    type("Something else entirely" + Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(testId("todo-edit-form")));
    assertThat(titleOf(todoId)).isEqualTo("Buy stamps and envelopes");
    assertThat(todo(todoId).path("title").asText()).isEqualTo("Buy stamps and envelopes");
    assertThat(focused()).as("focus back on Edit").isEqualTo("todo-edit@" + todoId);

    // The server's refusal is shown in the form, which stays open; the todo is unchanged.
    type(Keys.ENTER);
    WebElement title =
        wait.until(ExpectedConditions.presenceOfElementLocated(testId("edit-title")));
    browser.executeScript("arguments[0].removeAttribute('maxlength')", title);
    type("x".repeat(81) + Keys.ENTER);
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("edit-error")));
    assertThat(error.getText()).contains("title must be at most 80 characters");
    assertThat(todo(todoId).path("title").asText()).isEqualTo("Buy stamps and envelopes");
    type(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(testId("todo-edit-form")));
  }

  @Test
  void theListFiltersByOpenOrCompletedAndByWindow() {
    LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    createTodo("Open soon", now.plusDays(2), false);
    createTodo("Done soon", now.plusDays(2), true);
    createTodo("Open later", now.plusDays(30), false);
    createTodo("No deadline", null, false);
    reload();
    awaitTitles("Open soon", "Done soon", "Open later", "No deadline");

    Select completed = new Select(byTestId("filter-completed"));
    completed.selectByValue("false");
    awaitTitles("Open soon", "Open later", "No deadline");
    completed.selectByValue("true");
    awaitTitles("Done soon");

    completed.selectByValue("");
    byTestId("filter-window").sendKeys("7");
    awaitTitles("Open soon", "Done soon");
    completed.selectByValue("false");
    awaitTitles("Open soon");
    assertThat(byTestId("todo-count").getText()).isEqualTo("1 open of 1 shown");

    byTestId("filter-window").sendKeys(Keys.BACK_SPACE);
    completed.selectByValue("");
    awaitTitles("Open soon", "Done soon", "Open later", "No deadline");
  }

  @Test
  void anExportWithOptionsSucceedsAndTheFeedLinkMatchesTheOptions() throws Exception {
    createTodo("Filed the taxes", LocalDateTime.parse("2026-06-01T09:00:00"), true);
    createTodo("Renewed the passport", null, true);
    createTodo("Still open", LocalDateTime.parse("2026-06-02T09:00:00"), false);
    reload();
    awaitTitles("Filed the taxes", "Renewed the passport", "Still open");

    String name = "Done work " + FRESH.incrementAndGet() + System.nanoTime();
    byTestId("export-name").sendKeys(name);
    new Select(byTestId("export-component")).selectByValue("VTODO");
    new Select(byTestId("export-completed")).selectByValue("true");

    // The feed link follows the options, unset ones left out.
    String feed =
        "webcal://"
            + URI.create(sandbox.apiBaseUrl()).getAuthority()
            + "/api/v1/todos/ical/feed.ics?calendar_name="
            + name.replace(" ", "%20")
            + "&component=VTODO&completed=true";
    WebElement link = byTestId("feed-link");
    assertThat(link.getDomAttribute("href")).isEqualTo(feed);
    assertThat(link.getText()).isEqualTo(feed);
    byTestId("export-window").sendKeys("30");
    assertThat(link.getDomAttribute("href")).isEqualTo(feed + "&window=30");
    byTestId("export-window").sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE);
    assertThat(link.getDomAttribute("href")).isEqualTo(feed);
    byTestId("feed-copy").click();
    wait.until(ExpectedConditions.textMatches(testId("feed-copied"), Pattern.compile(".+")));

    String taskId = exportFromThePage("SUCCESS");
    assertThat(byTestId("export-message").getText()).contains("2 entries, 0 todos skipped.");
    JsonNode status = JSON.readTree(send("GET", statusPath(taskId), null).body());
    assertThat(status.path("calendar_name").asText()).isEqualTo(name);
    assertThat(status.path("component").asText()).isEqualTo("VTODO");
    assertThat(status.path("completed").asBoolean()).isTrue();
    assertThat(status.path("window").isNull()).isTrue();
    assertThat(status.path("events").asInt()).isEqualTo(2);
    assertThat(status.path("skipped").asInt()).isZero();
    String calendar = send("GET", "/api/v1/todos/ical/" + taskId + "/result", null).body();
    assertThat(calendar).contains("X-WR-CALNAME:" + name + "\r\n").doesNotContain("Still open");
    assertThat(components("VTODO", calendar)).hasSize(2);

    assertThat(listedExport(taskId, "SUCCESS", wait))
        .contains(name, "Tasks of completed todos", "2 entries");
    saveFullPageScreenshot("web-page.png");
  }

  @Test
  void aFailedExportShowsItsReason() throws Exception {
    createTodo("Something to export", LocalDateTime.parse("2026-07-01T09:00:00"), false);
    byTestId("export-name").sendKeys("Doomed " + FRESH.incrementAndGet());
    String taskId;
    // Without its table the generator fails for good (exit 2), with PostgreSQL's reason.
    execute("ALTER TABLE todos RENAME TO todos_hidden");
    try {
      taskId = exportFromThePage("FAILURE");
    } finally {
      execute("ALTER TABLE todos_hidden RENAME TO todos");
    }
    assertThat(byTestId("export-message").getText())
        .startsWith("The export failed: ")
        .contains("42P01");
    assertThat(byTestId("export-download").isDisplayed()).isFalse();
    assertThat(listedExport(taskId, "FAILURE", wait)).contains("The export failed: ", "42P01");
  }

  @Test
  void anExportCreatedThroughKubernetesAppearsWithoutAReload() {
    createTodo("Water the plants", LocalDateTime.parse("2026-07-01T09:00:00"), false);
    createTodo("Someday", null, false);
    String name = "from-kubernetes-" + FRESH.incrementAndGet();
    CalendarExport export = new CalendarExport();
    export.getMetadata().setName(name);
    export.getMetadata().setNamespace(Sandbox.NAMESPACE);
    export.getSpec().setCalendarName("Made with kubectl " + System.nanoTime());
    export.getSpec().setComponent(CalendarComponent.VEVENT);
    sandbox.client().resource(export).create();

    assertThat(listedExport(name, "SUCCESS", new WebDriverWait(browser, EXPORT)))
        .contains("Made with kubectl", "1 entry, 1 todo skipped (no deadline)");
  }

  @Test
  void undoKeepsADeletedTodoAndWithoutUndoItIsGone() throws Exception {
    String kept = createTodo("Keep me", null, false);
    String removed = createTodo("Remove me", null, false);
    reload();
    awaitTitles("Keep me", "Remove me");

    deleteButton(kept).sendKeys(Keys.ENTER);
    awaitTitles("Remove me");
    assertThat(focused()).as("focus on Undo").isEqualTo("toast-undo");
    assertThat(byTestId("toast").getText()).contains("Deleted “Keep me”.");
    type(Keys.ENTER);
    awaitTitles("Keep me", "Remove me");
    assertThat(focused()).as("focus back on Delete").isEqualTo("todo-delete@" + kept);

    deleteButton(removed).click();
    awaitTitles("Keep me");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> send("GET", "/api/v1/todos/" + removed, null).statusCode() == 404);
    // The undone todo's time ran out before the second one's: had it still been pending, it would
    // be gone by now.
    assertThat(send("GET", "/api/v1/todos/" + kept, null).statusCode()).isEqualTo(200);
    assertThat(titles()).containsExactly("Keep me");
  }

  @Test
  void aTodoWithoutTitleIsRefusedWithAMessageNextToTheForm() {
    byTestId("todo-title").sendKeys("   " + Keys.ENTER);

    WebElement error = byTestId("todo-error");
    wait.until(ExpectedConditions.visibilityOf(error));
    assertThat(error.getText()).isEqualTo("Please give the todo a title.");
    assertThat(error.getDomAttribute("role")).isEqualTo("alert");
    assertThat(focused()).isEqualTo("todo-title");
  }

  @Test
  void everyControlHasAnAccessibleName() {
    createTodo("Named controls", null, false);
    reload();
    awaitTitles("Named controls");
    editButton(titlesToIds().get("Named controls")).click(); // the edit form's controls too
    wait.until(ExpectedConditions.presenceOfElementLocated(testId("todo-edit-form")));
    Object unnamed =
        browser.executeScript(
            "return [...document.querySelectorAll('input, select, button, a[href]')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                + " && !e.textContent.trim()).map(e => e.id || e.outerHTML);");
    assertThat((List<?>) unnamed).isEmpty();
  }

  /* ---------- the page ---------- */

  /** Starts an export with the options filled in and waits for it to end in {@code state}. */
  private String exportFromThePage(String state) {
    WebElement progress = byTestId("export-progress");
    String before = progress.getDomAttribute("data-task-id");
    byTestId("export-button").sendKeys(Keys.ENTER);
    wait.until(
        driver -> {
          String id = progress.getDomAttribute("data-task-id");
          return id != null && !id.isEmpty() && !id.equals(before);
        });
    new WebDriverWait(browser, EXPORT)
        .until(
            driver ->
                Set.of("SUCCESS", "FAILURE", "REVOKED")
                    .contains(progress.getDomAttribute("data-state")));
    assertThat(progress.getDomAttribute("data-state"))
        .as(byTestId("export-message").getText())
        .isEqualTo(state);
    return progress.getDomAttribute("data-task-id");
  }

  /**
   * The text of the export's entry in the list once it shows {@code state}, read in one script: the
   * list is redrawn whenever an export changes.
   */
  private String listedExport(String taskId, String state, WebDriverWait waiting) {
    return waiting.until(
        driver ->
            (String)
                browser.executeScript(
                    "return document.querySelector(arguments[0])?.innerText",
                    exportItem(taskId) + "[data-state=" + state + "]"));
  }

  private void reload() {
    browser.navigate().refresh();
    wait.until(ExpectedConditions.titleIs("TaskOverflow"));
  }

  /**
   * Tab until {@code target} (as {@link #focused} names it) has the focus: the keyboard gets there.
   */
  private void tabTo(String target) {
    for (int i = 0; i < 40 && !focused().equals(target); i++) {
      type(Keys.TAB);
    }
    assertThat(focused()).as("reached with Tab").isEqualTo(target);
  }

  /** Keys sent to whatever has the focus, as a keyboard does. */
  private void type(CharSequence... keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  /**
   * The focused control as its test id (or id), followed by {@code @<todo id>} inside a todo: a
   * name that survives the page redrawing the list, unlike a reference to the element.
   */
  private String focused() {
    return (String)
        browser.executeScript(
            "const e = document.activeElement, li = e.closest('li[data-todo-id]');"
                + " return (e.dataset.testid || e.id) + (li ? '@' + li.dataset.todoId : '');");
  }

  private void awaitTitles(String... expected) {
    wait.until(driver -> titles().equals(List.of(expected)));
  }

  // Read in one script, so a list the page redraws meanwhile cannot leave a stale element.
  @SuppressWarnings("unchecked")
  private List<String> titles() {
    return (List<String>)
        browser.executeScript(
            "return [...document.querySelectorAll('li[data-testid=todo-item]"
                + " [data-testid=todo-item-title]')].map(e => e.textContent)");
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> titlesToIds() {
    return (Map<String, String>)
        browser.executeScript(
            "return Object.fromEntries([...document.querySelectorAll('li[data-testid=todo-item]')]"
                + ".map(li => [li.querySelector('[data-testid=todo-item-title]').textContent,"
                + " li.dataset.todoId]))");
  }

  private String titleOf(String todoId) {
    return (String)
        browser.executeScript(
            "return document.querySelector(arguments[0]).textContent",
            todoItem(todoId) + " [data-testid=todo-item-title]");
  }

  private WebElement editButton(String todoId) {
    return browser.findElement(By.cssSelector(todoItem(todoId) + " [data-testid=todo-edit]"));
  }

  private WebElement deleteButton(String todoId) {
    return browser.findElement(By.cssSelector(todoItem(todoId) + " [data-testid=todo-delete]"));
  }

  private WebElement byTestId(String id) {
    return browser.findElement(testId(id));
  }

  private static By testId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  private static String todoItems() {
    return "li[data-testid=todo-item]";
  }

  private static String todoItem(String todoId) {
    return todoItems() + "[data-todo-id='" + todoId + "']";
  }

  private static String exportItem(String taskId) {
    return "[data-testid=export-item][data-task-id='" + taskId + "']";
  }

  /** The whole page, not only the window: Chromium's own capture beyond the viewport. */
  @SuppressWarnings("unchecked")
  private void saveFullPageScreenshot(String name) throws IOException {
    Map<String, Object> size =
        (Map<String, Object>)
            browser.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
    Map<String, Object> shot =
        browser.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of(
                    "x", 0,
                    "y", 0,
                    "width", size.get("width"),
                    "height", size.get("height"),
                    "scale", 1)));
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name).toAbsolutePath();
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    System.out.println("Screenshot of the web page: " + file);
  }

  private List<String> severeConsoleMessages() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /* ---------- the API and the database, as the test's own eyes ---------- */

  private static String createTodo(String title, LocalDateTime deadline, boolean completed) {
    ObjectNode body = JSON.createObjectNode().put("title", title).put("completed", completed);
    body.put("deadline_at", deadline == null ? null : ISO.format(deadline));
    HttpResponse<String> response = send("POST", "/api/v1/todos", body.toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    try {
      return JSON.readTree(response.body()).path("id").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode todo(String id) throws IOException {
    HttpResponse<String> response = send("GET", "/api/v1/todos/" + id, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String statusPath(String taskId) {
    return "/api/v1/todos/ical/" + taskId + "/status";
  }

  private static HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.apiBaseUrl() + path));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = SandboxDatabase.connect(sandbox)) {
      connection.createStatement().execute(sql);
    }
  }

  private static List<String> components(String kind, String calendar) {
    Matcher matcher =
        Pattern.compile("BEGIN:" + kind + "\r\n.*?END:" + kind + "\r\n", Pattern.DOTALL)
            .matcher(calendar);
    List<String> found = new java.util.ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }
}
