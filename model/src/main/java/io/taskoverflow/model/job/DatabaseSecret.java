package io.taskoverflow.model.job;

/**
 * Keys of the Secret that holds the database connection. The api-server, the operator and every
 * generator pod read the same Secret; only its name is configured.
 */
public final class DatabaseSecret {

  public static final String JDBC_URL_KEY = "jdbc-url";
  public static final String USERNAME_KEY = "username";
  public static final String PASSWORD_KEY = "password";

  private DatabaseSecret() {}
}
