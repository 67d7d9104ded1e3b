package io.taskoverflow.operator.unreadable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.taskoverflow.model.CalendarExport;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads a CalendarExport as usual, and one that does not fit the model as a placeholder: its
 * metadata (always readable, the API server checks it), a default spec and no status, recorded in
 * {@link UnreadableExports}. Every list, watch event and clone of the operator's client goes
 * through it, so no single export can stop the informer.
 */
final class LenientExportDeserializer extends DelegatingDeserializer {

  private final UnreadableExports unreadable;

  private LenientExportDeserializer(JsonDeserializer<?> delegate, UnreadableExports unreadable) {
    super(delegate);
    this.unreadable = unreadable;
  }

  /** The serialization for the operator's client: fabric8's own, plus this deserializer. */
  static KubernetesSerialization serialization(UnreadableExports unreadable) {
    SimpleModule module = new SimpleModule("lenient-calendar-exports");
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config,
              BeanDescription description,
              JsonDeserializer<?> deserializer) {
            return description.getBeanClass() == CalendarExport.class
                ? new LenientExportDeserializer(deserializer, unreadable)
                : deserializer;
          }
        });
    return new KubernetesSerialization(new ObjectMapper().registerModule(module), true);
  }

  @Override
  protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
    return new LenientExportDeserializer(delegate, unreadable);
  }

  @Override
  public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    // Buffered first: a failure half-way leaves the stream unusable for a second look.
    JsonNode tree = context.readTree(parser);
    try (JsonParser replay = tree.traverse(parser.getCodec())) {
      replay.nextToken();
      return _delegatee.deserialize(replay, context);
    } catch (JsonMappingException problem) {
      CalendarExport placeholder = placeholder(tree, context, problem);
      unreadable.record(placeholder, describe(problem));
      return placeholder;
    }
  }

  private static CalendarExport placeholder(
      JsonNode tree, DeserializationContext context, JsonMappingException problem)
      throws IOException {
    JsonNode metadata = tree.get("metadata");
    if (metadata == null || !metadata.hasNonNull("uid")) {
      throw problem;
    }
    CalendarExport placeholder = new CalendarExport();
    placeholder.setMetadata(context.readTreeAsValue(metadata, ObjectMeta.class));
    placeholder.setStatus(null);
    return placeholder;
  }

  /** E.g. {@code spec.backoffLimit: Cannot deserialize value of type `java.lang.Integer`...}. */
  static String describe(JsonMappingException problem) {
    String path =
        problem.getPath().stream()
            .map(
                reference ->
                    reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    String message = problem.getOriginalMessage();
    return path.isEmpty() ? message : path + ": " + message;
  }
}
