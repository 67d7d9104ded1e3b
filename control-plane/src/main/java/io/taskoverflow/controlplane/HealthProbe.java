package io.taskoverflow.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Polls a component's health endpoint over HTTPS, trusting only the certificate the component
 * generated for itself.
 */
final class HealthProbe {

  private static final Duration POLL = Duration.ofMillis(200);

  private final HttpClient http;
  private final URI uri;
  private final String token;

  HealthProbe(URI uri, Path certificate, String token) {
    this.uri = uri;
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .sslContext(trusting(certificate))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  /** Waits until the endpoint answers 200, failing early when the component died. */
  static void await(
      ComponentProcess component, Path certificate, URI uri, String token, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HealthProbe probe = null;
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      component.checkAlive();
      if (probe == null && Files.isRegularFile(certificate)) {
        probe = new HealthProbe(uri, certificate, token);
      }
      if (probe != null) {
        last = probe.check();
        if (last == null) {
          return;
        }
      }
      Pause.millis(POLL.toMillis());
    }
    throw new IllegalStateException(
        component.name()
            + " was not healthy at "
            + uri
            + " within "
            + timeout.toSeconds()
            + " s ("
            + last
            + "); the end of its log:\n"
            + component.tail());
  }

  /** Null when healthy, else what it answered. */
  private String check() {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void awaitCondition(
      Supplier<Boolean> condition, Duration timeout, Supplier<String> failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return;
      }
      Pause.millis(POLL.toMillis());
    }
    throw new IllegalStateException(failure.get());
  }

  static SSLContext trusting(Path certificates) {
    try (InputStream in = Files.newInputStream(certificates)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("cert-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + certificates, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not trust " + certificates, e);
    }
  }
}
