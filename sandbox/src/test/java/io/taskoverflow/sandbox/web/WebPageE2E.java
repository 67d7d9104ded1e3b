package io.taskoverflow.sandbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoverflow.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real headless Chromium against the whole sandbox: a person adds a todo, ticks
 * it off, exports the calendar, downloads it and deletes the todo. The last screenshot is kept in
 * {@code target/screenshots}.
 */
class WebPageE2E {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path workDirectory;

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
    sandbox = Sandbox.builder().workDirectory(workDirectory).onFreePorts().start();
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @BeforeEach
  void openThePage(@TempDir Path browserDirectory) {
    HeadlessChromium.requireInstalled();
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
            By.cssSelector(todoItems() + "[data-todo-id='" + todoId + "'][data-completed=true]")));
    await().atMost(Duration.ofSeconds(10)).until(() -> todo(todoId).path("completed").asBoolean());
    assertThat(browser.switchTo().activeElement().getDomAttribute("id"))
        .as("focus stays on the checkbox after the list is redrawn")
        .isEqualTo("todo-done-" + todoId);

    // Export: the button, then the progress until SUCCESS.
    byTestId("export-button").sendKeys(Keys.ENTER);
    WebElement progress = byTestId("export-progress");
    wait.until(ExpectedConditions.attributeToBeNotEmpty(progress, "data-task-id"));
    String taskId = progress.getDomAttribute("data-task-id");
    new WebDriverWait(browser, Duration.ofSeconds(120))
        .until(
            ExpectedConditions.or(
                ExpectedConditions.attributeToBe(progress, "data-state", "SUCCESS"),
                ExpectedConditions.attributeToBe(progress, "data-state", "FAILURE")));
    assertThat(progress.getDomAttribute("data-state"))
        .as(byTestId("export-message").getText())
        .isEqualTo("SUCCESS");
    assertThat(byTestId("export-state").getText()).isEqualTo("SUCCESS");
    assertThat(byTestId("export-message").getText()).contains("1 entry");

    // Recent exports list it as finished.
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector(
                "[data-testid=export-item][data-task-id='" + taskId + "'][data-state=SUCCESS]")));

    // Download through the offered link.
    WebElement download = byTestId("export-download");
    wait.until(ExpectedConditions.visibilityOf(download));
    assertThat(download.getDomAttribute("href")).endsWith("/todos/ical/" + taskId + "/result");
    saveScreenshot("web-page.png");
    download.click();
    Path file = downloads.resolve(taskId + ".ics");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
    String calendar = Files.readString(file, StandardCharsets.UTF_8);
    List<String> events = events(calendar);
    assertThat(events).hasSize(1);
    assertThat(events.get(0))
        .contains("SUMMARY:Hand in the report at Café Nero\r\n")
        .contains("DESCRIPTION:Chapters 1-3\\, with diagrams\r\n")
        .contains("DTSTART:20260601T143000\r\n")
        .containsPattern("UID:todo-" + todoId + "-[0-9a-f-]{36}@taskoverflow\\.io\r\n");

    // Delete.
    browser
        .findElement(By.cssSelector(todoItems() + "[data-todo-id='" + todoId + "']"))
        .findElement(testId("todo-delete"))
        .click();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(
            By.cssSelector(todoItems() + "[data-todo-id='" + todoId + "']")));
    assertThat(byTestId("todo-empty").isDisplayed()).isTrue();
    assertThat(get("/api/v1/todos/" + todoId).statusCode()).isEqualTo(404);

    assertThat(severeConsoleMessages()).isEmpty();
  }

  @Test
  void aTodoWithoutTitleIsRefusedWithAMessageNextToTheForm() {
    byTestId("todo-title").sendKeys("   " + Keys.ENTER);

    WebElement error = byTestId("todo-error");
    wait.until(ExpectedConditions.visibilityOf(error));
    assertThat(error.getText()).isEqualTo("Please give the todo a title.");
    assertThat(error.getDomAttribute("role")).isEqualTo("alert");
    assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("todo-title");
  }

  @Test
  void everyControlHasAnAccessibleName() {
    Object unnamed =
        browser.executeScript(
            "return [...document.querySelectorAll('input, button, a[href]')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                + " && !e.textContent.trim()).map(e => e.id || e.outerHTML);");
    assertThat((List<?>) unnamed).isEmpty();
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

  private void saveScreenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private List<String> severeConsoleMessages() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  private static JsonNode todo(String id) throws IOException {
    HttpResponse<String> response = get("/api/v1/todos/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> get(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(sandbox.apiBaseUrl() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> events(String calendar) {
    Matcher matcher =
        Pattern.compile("BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", Pattern.DOTALL).matcher(calendar);
    List<String> events = new java.util.ArrayList<>();
    while (matcher.find()) {
      events.add(matcher.group());
    }
    return events;
  }
}
