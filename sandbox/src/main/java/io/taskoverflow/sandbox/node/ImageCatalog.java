package io.taskoverflow.sandbox.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the runner has instead of a registry: container images it can "pull", each a main class on
 * this JVM's class path. An image matches when its name contains the key.
 */
public final class ImageCatalog {

  public static final String GENERATOR_MAIN = "io.taskoverflow.generator.GeneratorMain";

  private final Map<String, String> mainClassByImageFragment;

  public ImageCatalog(Map<String, String> mainClassByImageFragment) {
    this.mainClassByImageFragment = new LinkedHashMap<>(mainClassByImageFragment);
  }

  /** The sandbox's catalogue: any image named like {@code *generator*} runs the generator. */
  public static ImageCatalog sandbox() {
    return new ImageCatalog(Map.of("generator", GENERATOR_MAIN));
  }

  public Optional<String> mainClassFor(String image) {
    if (image == null) {
      return Optional.empty();
    }
    String name = imageName(image);
    return mainClassByImageFragment.entrySet().stream()
        .filter(entry -> name.contains(entry.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The repository part: no registry host, tag or digest. */
  private static String imageName(String image) {
    String withoutDigest = image.split("@", 2)[0];
    String lastSegment = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
    return lastSegment.split(":", 2)[0];
  }
}
