package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30) // a deadlock would otherwise hang the build
class HandOffOutputStreamTest {

  @Test
  void theTargetReceivesEveryByteInOrder() throws IOException {
    byte[] data = new byte[1_000_003];
    new Random(1).nextBytes(data);
    ByteArrayOutputStream target = new ByteArrayOutputStream();

    try (HandOffOutputStream handOff = new HandOffOutputStream(target, 4096, 2)) {
      for (int offset = 0; offset < data.length; offset += 777) {
        handOff.write(data, offset, Math.min(777, data.length - offset));
      }
    }

    assertThat(target.toByteArray()).isEqualTo(data);
  }

  @Test
  void theTargetSeesFullChunksExceptTheLast() throws IOException {
    AtomicInteger shortWrites = new AtomicInteger();
    OutputStream target =
        new OutputStream() {
          @Override
          public void write(int b) {
            shortWrites.incrementAndGet();
          }

          @Override
          public void write(byte[] b, int off, int len) {
            if (len != 100) {
              shortWrites.incrementAndGet();
            }
          }
        };

    try (HandOffOutputStream handOff = new HandOffOutputStream(target, 100, 1)) {
      handOff.write(new byte[1050]);
    }

    assertThat(shortWrites).hasValue(1);
  }

  @Test
  void aTargetFailureReachesTheProducer() {
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("database gone");
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("database gone");
          }
        };

    assertThatThrownBy(
            () -> {
              try (HandOffOutputStream handOff = new HandOffOutputStream(failing, 10, 1)) {
                for (int i = 0; i < 1_000; i++) {
                  handOff.write(new byte[10]);
                }
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessage("database gone");
  }

  @Test
  void abandoningStopsTheWriterWithoutDeliveringTheRest() throws IOException {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    HandOffOutputStream handOff = new HandOffOutputStream(target, 100, 1);
    handOff.write(new byte[50]);

    handOff.abandon();
    handOff.close();

    assertThat(target.size()).isZero();
  }
}
