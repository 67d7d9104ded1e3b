package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import net.fortuna.ical4j.model.TimeZoneUpdater;
import net.fortuna.ical4j.util.Configurator;
import org.junit.jupiter.api.Test;

/** Pods have no egress: ical4j must never try to fetch timezone definitions. */
class Ical4jConfigurationTest {

  private static final String UPDATE_ENABLED = "net.fortuna.ical4j.timezone.update.enabled";

  @Test
  void theGeneratorsOwnIcal4jPropertiesIsTheOneOnTheClasspath() {
    URL properties = getClass().getClassLoader().getResource("ical4j.properties");

    assertThat(properties).isNotNull();
    // src/main/resources, shipped in the image; not a test resource.
    assertThat(properties.getPath()).contains("/target/classes/").doesNotContain("test-classes");
  }

  @Test
  void ical4jReadsTheTimezoneUpdaterAsOff() {
    assertThat(Configurator.getProperty(UPDATE_ENABLED)).contains("false");
    assertThat(new TimeZoneUpdater().isEnabled()).isFalse();
  }
}
