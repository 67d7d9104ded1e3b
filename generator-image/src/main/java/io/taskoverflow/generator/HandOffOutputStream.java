package io.taskoverflow.generator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Passes full chunks to a background thread that writes them to the target, so writing the calendar
 * and storing it in the database overlap instead of taking turns. A few chunks are in flight at
 * most (memory stays flat); their buffers are recycled. A target failure surfaces on the producer's
 * next write or on {@link #close}.
 */
final class HandOffOutputStream extends OutputStream {

  private static final Chunk END = new Chunk(new byte[0]);

  private final OutputStream target;
  private final BlockingQueue<Chunk> full;
  private final BlockingQueue<Chunk> free;
  private final Thread writer;
  private volatile Throwable failure;
  private volatile boolean abandoned;
  private boolean failureReported;
  private Chunk current;
  private boolean closed;

  HandOffOutputStream(OutputStream target, int chunkSize, int chunksInFlight) {
    this.target = target;
    this.full = new ArrayBlockingQueue<>(chunksInFlight + 1);
    this.free = new ArrayBlockingQueue<>(chunksInFlight + 2);
    for (int i = 0; i < chunksInFlight + 2; i++) {
      free.add(new Chunk(new byte[chunkSize]));
    }
    this.current = free.remove();
    this.writer = new Thread(this::drain, "result-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      int n = Math.min(length, current.data.length - current.length);
      System.arraycopy(bytes, offset, current.data, current.length, n);
      current.length += n;
      offset += n;
      length -= n;
      if (current.length == current.data.length) {
        handOff();
      }
    }
  }

  /** Hands over what is left, waits until the target has everything, and reports its failure. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (current.length > 0) {
      handOff();
    }
    put(END);
    join();
    rethrowFailure();
    target.flush();
  }

  /** Stops without delivering the rest; returns once the target is no longer being written. */
  void abandon() {
    if (closed) {
      return;
    }
    closed = true;
    abandoned = true;
    full.clear();
    try {
      put(END);
      join();
    } catch (IOException e) {
      // interrupted while stopping: the thread is a daemon and the caller is failing anyway
    }
  }

  private void handOff() throws IOException {
    rethrowFailure();
    put(current);
    try {
      current = free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the result writer");
    }
    current.length = 0;
  }

  private void drain() {
    try {
      for (Chunk chunk = full.take(); chunk != END; chunk = full.take()) {
        if (failure == null && !abandoned) {
          try {
            target.write(chunk.data, 0, chunk.length);
          } catch (IOException | RuntimeException e) {
            failure = e;
          }
        }
        free.put(chunk);
      }
    } catch (InterruptedException e) {
      failure = new InterruptedIOException("the result writer was interrupted");
    }
  }

  private void put(Chunk chunk) throws IOException {
    try {
      full.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while handing a chunk over");
    }
  }

  private void join() throws IOException {
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the result writer");
    }
  }

  /** Throws the target's failure once; try-with-resources must not see it again from close. */
  private void rethrowFailure() throws IOException {
    Throwable thrown = failure;
    if (thrown == null || failureReported) {
      return;
    }
    failureReported = true;
    if (thrown instanceof IOException io) {
      throw io;
    }
    if (thrown instanceof RuntimeException runtime) {
      throw runtime;
    }
  }

  private static final class Chunk {
    final byte[] data;
    int length;

    Chunk(byte[] data) {
      this.data = data;
    }
  }
}
