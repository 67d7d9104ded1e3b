package io.taskoverflow.api.export;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.model.status.ExportResult;
import io.taskoverflow.schema.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

/** Does in tests what the operator and the generator do: write status and store calendars. */
public final class OperatorStandIn {

  private final Supplier<KubernetesClient> client;
  private final String namespace;

  public OperatorStandIn(KubernetesClient client, String namespace) {
    this(() -> client, namespace);
  }

  /** The operator of {@link TestApi#perClass an api-server of the class}, once that has started. */
  public OperatorStandIn(TestApi api) {
    this(api::admin, TestApi.NAMESPACE);
  }

  private OperatorStandIn(Supplier<KubernetesClient> client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  CalendarExport get(String name) {
    return client.get().resources(CalendarExport.class).inNamespace(namespace).withName(name).get();
  }

  void phase(String name, ExportPhase phase, String message) {
    writeStatus(name, OperatorStatuses.phase(phase, message));
  }

  /** Stores the calendar in chunks as the generator does, then marks the export Succeeded. */
  public String succeed(String name, String... chunks) {
    UUID uid = UUID.fromString(get(name).getMetadata().getUid());
    byte[] whole = String.join("", chunks).getBytes(StandardCharsets.UTF_8);
    String sha256 = sha256(whole);
    storeCalendar(uid, name, sha256, whole.length, chunks);

    CalendarExportStatus status =
        OperatorStatuses.succeeded(
            new ExportResult(
                ResultLocation.of(uid),
                ResultLocation.CONTENT_TYPE,
                (long) whole.length,
                sha256,
                2,
                1));
    writeStatus(name, status);
    return sha256;
  }

  private void writeStatus(String name, CalendarExportStatus status) {
    client
        .get()
        .resources(CalendarExport.class)
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            export -> {
              export.setStatus(status);
              return export;
            });
  }

  private static void storeCalendar(
      UUID uid, String name, String sha256, long size, String... chunks) {
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      TestDatabase.insertChunksOutOfOrder(connection, uid, chunks);
      try (PreparedStatement summary =
          connection.prepareStatement(
              "INSERT INTO calendar_results (export_uid, export_name, content_type, size_bytes,"
                  + " sha256, events, skipped) VALUES (?, ?, ?, ?, ?, 2, 1)")) {
        summary.setObject(1, uid);
        summary.setString(2, name);
        summary.setString(3, ResultLocation.CONTENT_TYPE);
        summary.setLong(4, size);
        summary.setString(5, sha256);
        summary.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(String... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String chunk : chunks) {
      out.writeBytes(chunk.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
