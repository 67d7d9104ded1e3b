package io.taskoverflow.generator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process environment decoded as UTF-8 whatever the locale. The JVM decodes environment
 * variables with the locale's charset, and a container or a sandbox pod without {@code LANG} has
 * the POSIX locale: a calendar name such as "Café 日本" would arrive as U+FFFD replacement
 * characters. Kubernetes passes env values as UTF-8, so they are read from {@code
 * /proc/self/environ} as such.
 */
final class Utf8Environment {

  static final Path PROC_ENVIRON = Path.of("/proc/self/environ");

  private Utf8Environment() {}

  /** The environment, or the JVM's own view of it where /proc is not there (not Linux). */
  static Map<String, String> read() {
    try {
      return parse(Files.readAllBytes(PROC_ENVIRON));
    } catch (IOException e) { // also CharacterCodingException: not UTF-8 after all
      return System.getenv();
    }
  }

  /** {@code NAME=value} entries separated by NUL bytes; entries without '=' are skipped. */
  static Map<String, String> parse(byte[] environ) throws CharacterCodingException {
    Map<String, String> env = new LinkedHashMap<>();
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        if (i > start) {
          String entry = decode(environ, start, i - start);
          int equals = entry.indexOf('=');
          if (equals > 0) {
            env.put(entry.substring(0, equals), entry.substring(equals + 1));
          }
        }
        start = i + 1;
      }
    }
    return Map.copyOf(env);
  }

  private static String decode(byte[] bytes, int offset, int length)
      throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, offset, length))
        .toString();
  }
}
