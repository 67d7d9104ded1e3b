#!/usr/bin/env bash
# Where one fresh export's time goes, on a running sandbox (or any cluster with KUBECONFIG and the API on
# API_URL): watches the CalendarExport, its Job and its pod while it POSTs one export with a new calendar
# name (so a Job runs), and prints each change in milliseconds after the POST, then POST→SUCCESS and the
# machine's load. Prints figures only; it asserts nothing.
#
#   scripts/export-timeline.sh [runs]      (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
export KUBECONFIG=${KUBECONFIG:-.sandbox/kubeconfig}
api=${API_URL:-http://localhost:6400}/api/v1/todos/ical
runs=${1:-1}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

millis() { date +%s%3N; }
# Each line a watch prints, prefixed with the time it arrived.
stamped() { while IFS= read -r line; do echo "$(millis) $1 $line"; done; }

kubectl get calendarexports -w -o jsonpath='{.metadata.name} phase={.status.phase}{"\n"}' |
  stamped export >"$work/watch" &
kubectl get jobs -w -o jsonpath='{.metadata.name} suspended={.spec.suspend} active={.status.active}{"\n"}' |
  stamped job >>"$work/watch" &
kubectl get pods -l taskoverflow.io/export -w \
  -o jsonpath='{.metadata.name} node={.spec.nodeName} phase={.status.phase} container={.status.containerStatuses[0].state.*.reason}{"\n"}' |
  stamped pod >>"$work/watch" &
sleep 3

for _ in $(seq "$runs"); do
  start=$(millis)
  task=$(curl -sf -X POST "$api" -H 'Content-Type: application/json' -d "{\"calendar_name\":\"timeline-$start\"}" |
    sed -n 's/.*"task_id":"\([^"]*\)".*/\1/p')
  status=
  until [[ $status == SUCCESS || $status == FAILURE ]]; do
    sleep 0.05
    status=$(curl -sf "$api/$task/status" | sed -n 's/.*"task_status":"\([A-Z]*\)".*/\1/p')
  done
  end=$(millis)
  sleep 1
  echo "export $task: $status after $((end - start)) ms"
  grep -a " $task" "$work/watch" | sort -n | awk -v start="$start" '$1 >= start { $1 = sprintf("%6d ms", $1 - start); print }' |
    uniq -f 2
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
