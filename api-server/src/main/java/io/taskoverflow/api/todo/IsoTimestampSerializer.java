package io.taskoverflow.api.todo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.LocalDateTime;

/** Writes naive timestamps with {@link IsoTimestamps#format}. */
public final class IsoTimestampSerializer extends StdSerializer<LocalDateTime> {

  public IsoTimestampSerializer() {
    super(LocalDateTime.class);
  }

  @Override
  public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeString(IsoTimestamps.format(value));
  }
}
