package io.taskoverflow.api.export;

import java.security.SecureRandom;

/**
 * Names new exports {@code calx-} plus random lowercase letters and digits: a valid, unguessable
 * name.
 */
public class TaskIds {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int RANDOM_LENGTH = 12;

  private final SecureRandom random = new SecureRandom();

  public String next() {
    StringBuilder id = new StringBuilder("calx-");
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
