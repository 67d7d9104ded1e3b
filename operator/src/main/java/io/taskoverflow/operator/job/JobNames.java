package io.taskoverflow.operator.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The generator Job's name: the export's own name, or, when longer than a label value may be (63
 * characters), its start plus a hash of the whole. Label values use the same short form.
 */
public final class JobNames {

  static final int MAX_LENGTH = 63;
  private static final int HASH_LENGTH = 10;

  private JobNames() {}

  public static String forExport(String exportName) {
    if (exportName.length() <= MAX_LENGTH) {
      return exportName;
    }
    String prefix = exportName.substring(0, MAX_LENGTH - HASH_LENGTH - 1);
    // A label value and a pod name prefix must end alphanumeric.
    prefix = prefix.replaceAll("[^a-z0-9]+$", "");
    return prefix + "-" + hash(exportName);
  }

  private static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
