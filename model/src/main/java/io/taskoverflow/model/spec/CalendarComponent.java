package io.taskoverflow.model.spec;

/** The iCalendar component each todo becomes. */
public enum CalendarComponent {
  /** An event at the todo's deadline; todos without a deadline are left out. */
  VEVENT,
  /** A to-do due at the deadline, with STATUS:COMPLETED once ticked off. */
  VTODO
}
