package io.taskoverflow.operator.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.taskoverflow.model.status.ExportPhase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code taskoverflow_exports{phase=...}}: how many exports this replica reconciles, by phase. */
public class ExportPhaseGauge {

  private final Map<String, ExportPhase> phaseByUid = new ConcurrentHashMap<>();

  public ExportPhaseGauge(MeterRegistry registry) {
    for (ExportPhase phase : ExportPhase.values()) {
      Gauge.builder("taskoverflow.exports", phaseByUid, map -> count(map, phase))
          .description("CalendarExports by phase")
          .tag("phase", label(phase))
          .register(registry);
    }
  }

  public void record(String uid, ExportPhase phase) {
    phaseByUid.put(uid, phase);
  }

  public void forget(String uid) {
    phaseByUid.remove(uid);
  }

  private static double count(Map<String, ExportPhase> map, ExportPhase phase) {
    return map.values().stream().filter(phase::equals).count();
  }

  private static String label(ExportPhase phase) {
    String name = phase.name().toLowerCase();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
