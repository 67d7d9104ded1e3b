package io.taskoverflow.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CA a kubelet trusts for client certificates, and the certificate kube-apiserver shows the
 * kubelet when it asks for logs, exec or port-forward (as kubeadm's {@code
 * apiserver-kubelet-client}, in group {@code system:masters}). Made with openssl once per work
 * directory and kept, so a restarted sandbox keeps trusting its own node.
 */
record KubeletClientCertificates(Path caCertificate, Path certificate, Path key) {

  static KubeletClientCertificates in(Path directory) {
    KubeletClientCertificates files =
        new KubeletClientCertificates(
            directory.resolve("ca.crt"),
            directory.resolve("apiserver-kubelet-client.crt"),
            directory.resolve("apiserver-kubelet-client.key"));
    if (!Files.isRegularFile(files.key)) {
      files.create(directory);
    }
    return files;
  }

  private void create(Path directory) {
    Path caKey = directory.resolve("ca.key");
    Path request = directory.resolve("apiserver-kubelet-client.csr");
    try {
      Files.createDirectories(directory);
      openssl(
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "3650",
          "-subj",
          "/CN=taskoverflow-sandbox-kubelet-client-ca",
          "-keyout",
          caKey.toString(),
          "-out",
          caCertificate.toString());
      openssl(
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-subj",
          "/O=system:masters/CN=kube-apiserver-kubelet-client",
          "-keyout",
          key.toString(),
          "-out",
          request.toString());
      openssl(
          "x509",
          "-req",
          "-days",
          "3650",
          "-in",
          request.toString(),
          "-CA",
          caCertificate.toString(),
          "-CAkey",
          caKey.toString(),
          "-CAcreateserial",
          "-out",
          certificate.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the kubelet client certificates", e);
    }
  }

  private static void openssl(String... arguments) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }
}
