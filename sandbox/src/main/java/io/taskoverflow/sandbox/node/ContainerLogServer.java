package io.taskoverflow.sandbox.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The kubelet's {@code /containerLogs/<namespace>/<pod>/<container>} endpoint, over HTTPS on
 * loopback: kube-apiserver proxies {@code kubectl logs} (with {@code -f}, {@code --tail} and {@code
 * --limit-bytes}) to it.
 */
final class ContainerLogServer implements AutoCloseable {

  /** Where a container's output is, and whether it is still being written. */
  record ContainerLog(Path file, BooleanSupplier running) {}

  /** Finds the log of a container by namespace, pod and container name. */
  interface Logs {
    Optional<ContainerLog> find(String namespace, String pod, String container);
  }

  private static final String PREFIX = "/containerLogs/";
  private static final long FOLLOW_POLL_MILLIS = 100;

  private final HttpsServer server;
  private final ExecutorService threads;

  private ContainerLogServer(HttpsServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  static ContainerLogServer start(Path certificateDirectory, String nodeName, Logs logs) {
    try {
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(
          new HttpsConfigurator(sslContext(certificateDirectory, nodeName)));
      ExecutorService threads =
          Executors.newCachedThreadPool(
              runnable -> {
                Thread thread = new Thread(runnable, "container-logs");
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(threads);
      server.createContext("/", exchange -> handle(exchange, logs));
      server.start();
      return new ContainerLogServer(server, threads);
    } catch (IOException e) {
      throw new UncheckedIOException("the container log server did not start", e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private static void handle(HttpExchange exchange, Logs logs) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String[] parts =
          path.startsWith(PREFIX) ? path.substring(PREFIX.length()).split("/") : new String[0];
      Map<String, String> query = query(exchange.getRequestURI());
      Optional<ContainerLog> log =
          parts.length == 3 ? logs.find(parts[0], parts[1], parts[2]) : Optional.empty();
      if (!"GET".equals(exchange.getRequestMethod()) || log.isEmpty()) {
        reply(exchange, 404, "container not found (" + path + ")\n");
        return;
      }
      if (Boolean.parseBoolean(query.get("previous"))) {
        reply(
            exchange,
            400,
            "previous terminated container not found: containers never restart here\n");
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, 0);
      stream(log.get(), query, exchange.getResponseBody());
    }
  }

  private static void stream(ContainerLog log, Map<String, String> query, OutputStream out)
      throws IOException {
    boolean follow = Boolean.parseBoolean(query.get("follow"));
    long limit =
        query.containsKey("limitBytes") ? Long.parseLong(query.get("limitBytes")) : Long.MAX_VALUE;
    long position =
        query.containsKey("tailLines")
            ? tailStart(log.file(), Integer.parseInt(query.get("tailLines")))
            : 0;
    long written = 0;
    byte[] buffer = new byte[8192];
    while (written < limit) {
      boolean wasRunning = log.running().getAsBoolean();
      try (RandomAccessFile in = new RandomAccessFile(log.file().toFile(), "r")) {
        in.seek(position);
        int read;
        while (written < limit
            && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - written))) > 0) {
          out.write(buffer, 0, read);
          position += read;
          written += read;
        }
      }
      out.flush();
      if (!follow || !wasRunning) {
        return;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(FOLLOW_POLL_MILLIS); // the file grows while the container runs
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Where the last {@code lines} lines of the file begin. */
  private static long tailStart(Path file, int lines) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long position = in.length();
      int newlines = 0;
      while (position > 0) {
        in.seek(position - 1);
        if (in.read() == '\n' && position != in.length() && ++newlines == lines) {
          return position;
        }
        position--;
      }
      return lines == 0 ? in.length() : 0;
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> values = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        values.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return values;
  }

  /**
   * A self-signed serving certificate made with the JDK's keytool, as a kubelet makes its own when
   * none is given; kube-apiserver does not verify it unless told a CA.
   */
  private static SSLContext sslContext(Path directory, String nodeName) {
    try {
      Files.createDirectories(directory);
      Path keystore = directory.resolve("kubelet.p12");
      char[] password = "sandbox-kubelet".toCharArray();
      if (!Files.exists(keystore)) {
        Process keytool =
            new ProcessBuilder(
                    Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    "kubelet",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + nodeName,
                    "-ext",
                    "SAN=IP:127.0.0.1,DNS:localhost",
                    "-validity",
                    "3650",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    new String(password))
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
          throw new IllegalStateException("keytool failed: " + output);
        }
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, password);
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS for the container log server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
