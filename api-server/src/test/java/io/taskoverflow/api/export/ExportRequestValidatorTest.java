package io.taskoverflow.api.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoverflow.api.web.ApiError;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.spec.ExportFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportRequestValidatorTest {

  private final ExportRequestValidator validator = new ExportRequestValidator();

  @Test
  void anEmptyBodyGivesTheDefaultSpec() {
    CalendarExportSpec spec = validator.parse(body("{}")).toSpec();
    assertThat(spec.getCalendarName()).isEqualTo(CalendarExportSpec.DEFAULT_CALENDAR_NAME);
    assertThat(spec.getComponent()).isEqualTo(CalendarComponent.VEVENT);
    assertThat(spec.getFilter()).isNull();
    assertThat(spec.isCancelled()).isFalse();
  }

  @Test
  void everyFieldReachesTheSpec() {
    CalendarExportSpec spec =
        validator
            .parse(
                body("{'calendar_name':'Uni','completed':false,'window':14,'component':'vtodo'}"))
            .toSpec();
    assertThat(spec.getCalendarName()).isEqualTo("Uni");
    assertThat(spec.getComponent()).isEqualTo(CalendarComponent.VTODO);
    assertThat(spec.getFilter()).isEqualTo(new ExportFilter(false, 14));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'component':'VJOURNAL'}   | component must be VEVENT or VTODO",
        "{'component':1}            | component must be a string or null, not a number",
        "{'window':-1}              | window must be a whole number from 0 to 36500",
        "{'window':1.5}             | window must be a whole number from 0 to 36500",
        "{'window':'7'}             | window must be a whole number from 0 to 36500",
        "{'window':36501}           | window must be a whole number from 0 to 36500",
        "{'completed':'true'}       | completed must be true or false or null, not a string",
        "{'calendar_name':''}       | calendar_name must not be blank",
        "{'calendar_name':5}        | calendar_name must be a string or null",
        "{'format':'ics'}           | Unknown field 'format'",
      })
  void invalidBodiesAreRejected(String json, String message) {
    assertThatThrownBy(() -> validator.parse(body(json)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining(message);
  }

  private static ObjectNode body(String singleQuoted) {
    try {
      return (ObjectNode) new ObjectMapper().readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
