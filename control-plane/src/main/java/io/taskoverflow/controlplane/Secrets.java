package io.taskoverflow.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/** The control plane's secret material, made fresh for every start and readable by its owner. */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  static String newToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** kube-apiserver's --token-auth-file: {@code token,user,uid,"group1,group2"} per line. */
  static void writeTokenFile(Path file, Map<User, String> tokens) {
    String lines =
        tokens.entrySet().stream()
            .map(
                entry ->
                    "%s,%s,%s,\"%s\""
                        .formatted(
                            entry.getValue(),
                            entry.getKey().name(),
                            entry.getKey().name(),
                            String.join(",", entry.getKey().groups())))
            .collect(Collectors.joining("\n", "", "\n"));
    writePrivate(file, lines);
  }

  /**
   * The key pair that signs and verifies service account tokens: PKCS#8 private key and X.509
   * public key, PEM-encoded as kube-apiserver and kube-controller-manager read them.
   */
  static void writeServiceAccountKeys(Path privateKey, Path publicKey) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      KeyPair pair = generator.generateKeyPair();
      writePrivate(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      writePrivate(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no RSA", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void writePrivate(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
