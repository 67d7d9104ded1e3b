package io.taskoverflow.sandbox.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageCatalogTest {

  private final ImageCatalog catalog = ImageCatalog.sandbox();

  @Test
  void generatorImagesRunTheGeneratorWhateverTheRegistryOrTag() {
    assertThat(catalog.mainClassFor("taskoverflow/taskoverflow-generator:0.1.0"))
        .contains(ImageCatalog.GENERATOR_MAIN);
    assertThat(
            catalog.mainClassFor(
                "123.dkr.ecr.eu-west-1.amazonaws.com/taskoverflow-generator@sha256:ab"))
        .contains(ImageCatalog.GENERATOR_MAIN);
  }

  @Test
  void unknownImagesAndRegistryNamesDoNotMatch() {
    assertThat(catalog.mainClassFor("busybox:1.36")).isEmpty();
    assertThat(catalog.mainClassFor("generator.example.org/busybox:1")).isEmpty();
    assertThat(catalog.mainClassFor(null)).isEmpty();
  }
}
