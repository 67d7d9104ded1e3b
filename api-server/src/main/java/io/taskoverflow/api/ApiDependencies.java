package io.taskoverflow.api;

import io.taskoverflow.api.export.CalendarResultRepository;
import io.taskoverflow.api.export.ExportStore;
import io.taskoverflow.api.todo.TodoRepository;
import java.time.ZoneId;

/** What the HTTP layer needs from the outside world. */
public record ApiDependencies(
    TodoRepository todos,
    ExportStore exports,
    CalendarResultRepository calendarResults,
    ZoneId localZone,
    long maxBodyBytes) {}
