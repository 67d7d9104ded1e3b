package io.taskoverflow.api.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskoverflow.api.web.ApiError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExportLimitTest {

  @Test
  void pastTheLimitACreationIsRefusedWith429AndRetryAfter() {
    ExportLimit limit = new ExportLimit(2);

    assertThatThrownBy(() -> limit.create("c", () -> Set.of("a", "b"), () -> "created"))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.headers()).containsEntry("Retry-After", "5");
            });
    assertThat(limit.create("c", () -> Set.of("a"), () -> "created")).isEqualTo("created");
  }

  @Test
  void creationsUnderWayCountSoABurstCannotOvershoot() throws Exception {
    ExportLimit limit = new ExportLimit(50);
    Set<String> recorded = ConcurrentHashMap.newKeySet();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch slowApiServer = new CountDownLatch(1);
    ExecutorService burst = Executors.newFixedThreadPool(200);
    List<Future<?>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = "calx-" + i;
      answers.add(
          burst.submit(
              () -> {
                try {
                  limit.create(
                      name,
                      () -> Set.copyOf(recorded),
                      () -> {
                        awaitLatch(slowApiServer);
                        recorded.add(name);
                        return name;
                      });
                } catch (ApiError e) {
                  refused.incrementAndGet();
                }
              }));
    }

    // The refusals all come while the accepted creations still wait for the API server.
    await().atMost(Duration.ofSeconds(30)).until(() -> refused.get() == 150);
    assertThat(recorded).isEmpty();
    slowApiServer.countDown();
    for (Future<?> answer : answers) {
      answer.get();
    }
    burst.shutdown();

    assertThat(refused.get()).isEqualTo(150);
    assertThat(recorded).hasSize(50);
  }

  @Test
  void anExportIsNeverCountedTwiceWhileItsCreationEnds() throws Exception {
    ExportLimit limit = new ExportLimit(2);
    Set<String> recorded = ConcurrentHashMap.newKeySet();
    CountDownLatch recordedA = new CountDownLatch(1);
    CountDownLatch finishA = new CountDownLatch(1);
    ExecutorService creator = Executors.newSingleThreadExecutor();
    Future<?> a =
        creator.submit(
            () ->
                limit.create(
                    "a",
                    () -> Set.copyOf(recorded),
                    () -> {
                      // The informer (or RecentWrites) has "a" while its creation is still under
                      // way.
                      recorded.add("a");
                      recordedA.countDown();
                      awaitLatch(finishA);
                      return "a";
                    }));
    recordedA.await();

    // "a" is one export, counted once: there is room for "b".
    assertThat(limit.create("b", () -> Set.copyOf(recorded), () -> recorded.add("b"))).isTrue();

    finishA.countDown();
    a.get();
    creator.shutdown();
    assertThatThrownBy(() -> limit.create("c", () -> Set.copyOf(recorded), () -> "c"))
        .isInstanceOf(ApiError.class);
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
