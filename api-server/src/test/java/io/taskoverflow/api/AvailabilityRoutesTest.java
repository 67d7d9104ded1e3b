package io.taskoverflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the routes answer while PostgreSQL or the Kubernetes API is away, with the fakes failing as
 * the real stores do: 503 with Retry-After on the routes that need it, the rest keeps answering.
 * DatabaseOutageIT and KubernetesOutageIT stop the real ones.
 */
class AvailabilityRoutesTest {

  private static final String TODOS = "/api/v1/todos";
  private static final String ICAL = "/api/v1/todos/ical";
  private static final String READY = "/api/v1/ready";

  @RegisterExtension final InMemoryApi api = new InMemoryApi();

  @Test
  void readyAnswers200WhenBothAnswer() {
    api.test(
        client -> {
          Answer ready = client.get(READY);

          assertThat(ready.status()).isEqualTo(200);
          assertThat(ready.body())
              .isEqualTo("{\"status\":\"ready\",\"database\":\"ok\",\"kubernetes\":\"ok\"}");
          assertThat(client.get("/api/v1/health").body()).isEqualTo("{\"status\":\"ok\"}");
        });
  }

  @Test
  void withoutTheDatabaseItsRoutesAnswer503AndTheRestKeepsAnswering() {
    api.test(
        client -> {
          int id = client.post(TODOS, "{\"title\":\"before\"}").json().get("id").asInt();
          String taskId = client.post(ICAL, "").json().get("task_id").asText();
          api.succeed(taskId, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
          api.stopDatabase();

          Map<String, Answer> answers = new LinkedHashMap<>();
          answers.put("GET /todos", client.get(TODOS));
          answers.put("GET /todos/{id}", client.get(TODOS + "/" + id));
          answers.put("HEAD /todos/{id}", client.head(TODOS + "/" + id));
          answers.put("POST /todos", client.post(TODOS, "{\"title\":\"x\"}"));
          answers.put("PUT /todos/{id}", client.put(TODOS + "/" + id, "{\"completed\":true}"));
          answers.put("DELETE /todos/{id}", client.delete(TODOS + "/" + id));
          answers.put("GET result", client.get(ICAL + "/" + taskId + "/result"));

          answers.forEach(
              (route, answer) -> {
                assertThat(answer.status()).as(route).isEqualTo(503);
                assertThat(answer.header("Retry-After")).as(route).isEqualTo("1");
                if (!route.startsWith("HEAD")) {
                  assertThat(answer.body())
                      .as(route)
                      .isEqualTo("{\"error\":\"database unavailable\"}");
                }
              });
          Answer ready = client.get(READY);
          assertThat(ready.status()).isEqualTo(503);
          assertThat(ready.header("Retry-After")).isEqualTo("1");
          assertThat(ready.error()).isEqualTo("database unavailable");
          assertThat(ready.json().get("database").asText()).isEqualTo("unavailable");
          assertThat(ready.json().get("kubernetes").asText()).isEqualTo("ok");
          assertThat(client.get("/api/v1/health").status()).isEqualTo(200);
          assertThat(client.get(ICAL + "/" + taskId + "/status").status()).isEqualTo(200);
          assertThat(client.get(ICAL).status()).isEqualTo(200);
          assertThat(client.post(ICAL, "").status()).isEqualTo(202);
        });
  }

  @Test
  void withoutTheKubernetesApiExportWritesAnswer503AndTheRestKeepsAnswering() {
    api.test(
        client -> {
          String before = client.post(ICAL, "").json().get("task_id").asText();
          api.stopKubernetes();

          Answer created = client.post(ICAL, "");
          Answer cancelled = client.delete(ICAL + "/" + before);

          for (Answer answer : new Answer[] {created, cancelled}) {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo("1");
            assertThat(answer.error()).isEqualTo("kubernetes unavailable");
          }
          Answer ready = client.get(READY);
          assertThat(ready.status()).isEqualTo(503);
          assertThat(ready.error()).isEqualTo("kubernetes unavailable");
          assertThat(ready.json().get("kubernetes").asText()).isEqualTo("unavailable");
          assertThat(ready.json().get("database").asText()).isEqualTo("ok");
          assertThat(client.post(TODOS, "{\"title\":\"during the outage\"}").status())
              .isEqualTo(201);
          assertThat(client.get(TODOS).status()).isEqualTo(200);
          assertThat(client.get(ICAL + "/" + before + "/status").status()).isEqualTo(200);
        });
  }
}
