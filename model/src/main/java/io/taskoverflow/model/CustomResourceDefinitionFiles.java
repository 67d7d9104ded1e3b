package io.taskoverflow.model;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.taskoverflow.model.feed.CalendarFeed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The CRDs the CRD generator writes into this module's jar, as {@code crds/} holds them. */
public final class CustomResourceDefinitionFiles {

  /** File names, the same in the jar's META-INF/fabric8, in crds/ and in the chart. */
  public static final List<String> NAMES =
      List.of(CalendarExport.CRD_NAME + "-v1.yml", CalendarFeed.CRD_NAME + "-v1.yml");

  private CustomResourceDefinitionFiles() {}

  /** Every CRD of the product, as generated from the model classes. */
  public static List<CustomResourceDefinition> generated() {
    return NAMES.stream().map(CustomResourceDefinitionFiles::generated).toList();
  }

  /** One of {@link #NAMES}. */
  public static CustomResourceDefinition generated(String name) {
    try (InputStream crd =
        CustomResourceDefinitionFiles.class.getResourceAsStream("/META-INF/fabric8/" + name)) {
      if (crd == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return new KubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
