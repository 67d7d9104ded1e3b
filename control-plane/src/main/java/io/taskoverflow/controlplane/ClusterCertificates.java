package io.taskoverflow.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's CA and the certificates it signs, as kubeadm lays them out: kube-apiserver's
 * serving certificate (valid for 127.0.0.1 and for the {@code kubernetes} Service's cluster IP and
 * names, which pods use), and the client certificate kube-apiserver shows a kubelet (group {@code
 * system:masters}). Made with openssl once per work directory and kept, so a restarted cluster
 * keeps its identity and the pods keep trusting it.
 */
record ClusterCertificates(
    Path caCertificate,
    Path apiServerCertificate,
    Path apiServerKey,
    Path kubeletClientCertificate,
    Path kubeletClientKey) {

  /** The first address of kube-apiserver's --service-cluster-ip-range: the kubernetes Service. */
  static final String KUBERNETES_SERVICE_IP = "10.96.0.1";

  static ClusterCertificates in(Path directory) {
    ClusterCertificates files =
        new ClusterCertificates(
            directory.resolve("ca.crt"),
            directory.resolve("apiserver.crt"),
            directory.resolve("apiserver.key"),
            directory.resolve("apiserver-kubelet-client.crt"),
            directory.resolve("apiserver-kubelet-client.key"));
    if (!Files.isRegularFile(files.kubeletClientKey)) {
      files.create(directory);
    }
    return files;
  }

  private void create(Path directory) {
    Path caKey = directory.resolve("ca.key");
    Path extensions = directory.resolve("apiserver.ext");
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
          "/CN=taskoverflow-sandbox-ca",
          "-keyout",
          caKey.toString(),
          "-out",
          caCertificate.toString());
      Files.writeString(
          extensions,
          "subjectAltName=IP:127.0.0.1,IP:"
              + KUBERNETES_SERVICE_IP
              + ",DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,"
              + "DNS:kubernetes.default.svc.cluster.local\n"
              + "extendedKeyUsage=serverAuth\n",
          StandardCharsets.US_ASCII);
      sign("/CN=kube-apiserver", apiServerKey, apiServerCertificate, caKey, extensions);
      sign(
          "/O=system:masters/CN=kube-apiserver-kubelet-client",
          kubeletClientKey,
          kubeletClientCertificate,
          caKey,
          null);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the cluster's certificates", e);
    }
  }

  private void sign(String subject, Path key, Path certificate, Path caKey, Path extensions)
      throws IOException {
    Path request = Path.of(certificate + ".csr");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        subject,
        "-keyout",
        key.toString(),
        "-out",
        request.toString());
    List<String> arguments =
        new ArrayList<>(
            List.of(
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
                certificate.toString()));
    if (extensions != null) {
      arguments.addAll(List.of("-extfile", extensions.toString()));
    }
    openssl(arguments.toArray(String[]::new));
  }

  private static void openssl(String... arguments) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Command.succeed(command, Duration.ofMinutes(1), String.join(" ", command));
  }
}
