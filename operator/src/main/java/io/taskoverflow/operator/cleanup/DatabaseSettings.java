package io.taskoverflow.operator.cleanup;

/** Where the stored calendars live; the operator only ever deletes them. */
public record DatabaseSettings(String url, String user, String password) {

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + ", password=***]";
  }
}
