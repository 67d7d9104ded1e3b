package io.taskoverflow.operator.unreadable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.taskoverflow.model.CalendarExport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LenientExportDeserializerTest {

  private static final String GOOD =
      """
      {"apiVersion": "taskoverflow.io/v1", "kind": "CalendarExport",
       "metadata": {"name": "good", "namespace": "team-a", "uid": "u-good", "resourceVersion": "7"},
       "spec": {"calendarName": "Work", "backoffLimit": 2}}
      """;

  private static final String BAD =
      """
      {"apiVersion": "taskoverflow.io/v1", "kind": "CalendarExport",
       "metadata": {"name": "bad", "namespace": "team-a", "uid": "u-bad", "resourceVersion": "8"},
       "spec": {"calendarName": "Work", "backoffLimit": "three"}}
      """;

  private final List<String> announced = new ArrayList<>();
  private final UnreadableExports unreadable =
      new UnreadableExports(
          (placeholder, problem) ->
              announced.add(placeholder.getMetadata().getName() + " " + problem));
  private final KubernetesSerialization serialization =
      LenientExportDeserializer.serialization(unreadable);

  @Test
  void anExportThatFitsTheModelIsReadAsUsual() {
    CalendarExport export = serialization.unmarshal(GOOD, CalendarExport.class);

    assertThat(export.getSpec().getCalendarName()).isEqualTo("Work");
    assertThat(export.getSpec().getBackoffLimit()).isEqualTo(2);
    assertThat(unreadable.isUnreadable(export)).isFalse();
    assertThat(announced).isEmpty();
  }

  @Test
  void anUnreadableExportInAListBecomesAPlaceholderAndTheOthersAreReadAsUsual() {
    DefaultKubernetesResourceList<CalendarExport> list = list(GOOD, BAD);

    assertThat(list.getItems())
        .extracting(e -> e.getMetadata().getName())
        .containsExactly("good", "bad");
    CalendarExport placeholder = list.getItems().get(1);
    assertThat(placeholder.getMetadata().getUid()).isEqualTo("u-bad");
    assertThat(placeholder.getStatus()).isNull();
    assertThat(unreadable.isUnreadable(placeholder)).isTrue();
    assertThat(unreadable.isUnreadable(list.getItems().get(0))).isFalse();
    assertThat(announced)
        .singleElement()
        .asString()
        .startsWith("bad spec.backoffLimit: Cannot deserialize value of type `java.lang.Integer`")
        .contains("\"three\"");
  }

  @Test
  void aWatchEventOfAnUnreadableExportCarriesThePlaceholder() {
    serialization.registerKubernetesResource(CalendarExport.class);

    WatchEvent event =
        serialization.unmarshal(
            "{\"type\": \"MODIFIED\", \"object\": " + BAD + "}", WatchEvent.class);

    assertThat(event.getObject()).isInstanceOf(CalendarExport.class);
    assertThat(unreadable.isUnreadable((CalendarExport) event.getObject())).isTrue();
  }

  @Test
  void theSameUnreadableVersionIsAnnouncedOnceHoweverOftenItIsRead() {
    CalendarExport placeholder = serialization.unmarshal(BAD, CalendarExport.class);
    list(BAD);
    // JOSDK clones what it reconciles; the clone is the same unreadable version.
    CalendarExport clone = serialization.clone(placeholder);

    assertThat(unreadable.isUnreadable(clone)).isTrue();
    assertThat(announced).hasSize(1);
  }

  @Test
  void aNewUnreadableVersionIsAnnouncedAgain() {
    serialization.unmarshal(BAD, CalendarExport.class);
    serialization.unmarshal(BAD.replace("\"8\"", "\"9\""), CalendarExport.class);

    assertThat(announced).hasSize(2);
  }

  @Test
  void theControllerSkipsAPlaceholderAndTakesTheExportBackOnceItIsReadableAgain() {
    CalendarExport placeholder = serialization.unmarshal(BAD, CalendarExport.class);
    CalendarExport fixed =
        serialization.unmarshal(
            BAD.replace("\"three\"", "3").replace("\"8\"", "\"9\""), CalendarExport.class);

    assertThat(unreadable.accept(placeholder)).isFalse();
    assertThat(unreadable.accept(fixed)).isTrue();
    assertThat(unreadable.isUnreadable(placeholder)).isFalse();
  }

  private DefaultKubernetesResourceList<CalendarExport> list(String... items) {
    String json =
        "{\"apiVersion\": \"taskoverflow.io/v1\", \"kind\": \"CalendarExportList\", \"items\": ["
            + String.join(",", items)
            + "]}";
    return serialization.unmarshal(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        new TypeReference<DefaultKubernetesResourceList<CalendarExport>>() {});
  }
}
