package io.taskoverflow.sandbox.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by its own chromedriver. Both are named explicitly so Selenium
 * Manager never tries to download a browser (the build machines have no internet).
 */
final class HeadlessChromium {

  static final Path CHROMIUM = Path.of(env("CHROMIUM_BIN", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(env("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

  // Held so the level sticks: Selenium warns on every start that it has no CDP bindings for this
  // Chromium, which the tests do not use.
  private static final List<java.util.logging.Logger> QUIET =
      List.of(
          java.util.logging.Logger.getLogger("org.openqa.selenium.devtools"),
          java.util.logging.Logger.getLogger("org.openqa.selenium.chromium"));

  private HeadlessChromium() {}

  static boolean isInstalled() {
    return missing().isEmpty();
  }

  private static List<String> missing() {
    List<String> missing = new ArrayList<>();
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        missing.add(binary.toString());
      }
    }
    return missing;
  }

  /**
   * Fails on CI (which installs both), otherwise skips with what to install, when the browser or
   * its driver is missing.
   */
  static void requireInstalled() {
    List<String> missing = missing();
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "The browser test needs "
            + String.join(" and ", missing)
            + ": install them with `apt-get install chromium chromium-driver`"
            + " (or set CHROMIUM_BIN / CHROMEDRIVER_BIN)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }

  /** A fresh profile in {@code profile}; downloads land in {@code downloads} without asking. */
  static ChromeDriver start(Path profile, Path downloads) {
    QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=en-US",
        "--window-size=1280,1500",
        "--user-data-dir=" + profile.toAbsolutePath());
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toAbsolutePath().toString(),
            "download.prompt_for_download", false,
            "safebrowsing.enabled", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }

  static Path freshDirectory(Path parent, String name) {
    try {
      return Files.createDirectories(parent.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
