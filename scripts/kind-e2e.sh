#!/usr/bin/env bash
# End-to-end test of TaskOverflow calendar exports on a real Kubernetes cluster (kind).
#
# Creates a kind cluster from kind-config.yaml, builds the three images with jib into the local Docker
# engine, loads them into the cluster, installs the CRD and the Helm chart (namespace enforcing Pod
# Security "restricted"), then exports todos twice: through the REST API with curl, and with
# `kubectl apply -f examples/…` + `kubectl wait --for=condition=Succeeded`. Deletes the cluster at the end.
#
# Needs: docker, kind, kubectl, helm (3.x), curl, jq, a JDK 17. Port 6400 on localhost must be free.
#
# On the project's machines (Debian, root, no Docker Hub, registry.k8s.io or GitHub) the script first
# makes all of that from Debian packages and Go modules (KIND_FROM_SOURCE=true, the default):
#   - Debian's docker.io as an engine of its own (scripts/kind/docker.sh), kind v0.29.0, kubectl and
#     helm built from pinned Go modules (scripts/kind/tools.sh), first on PATH;
#   - the node image taskoverflow/kind-node:v1.33.13 (scripts/kind/build-node-image.sh), passed to
#     `kind create cluster --image`;
#   - the images' Java base from the local registry (sandbox/images/build.sh) instead of
#     eclipse-temurin:21-jre, and the chart's PostgreSQL from there too (scripts/kind/values-local.yaml).
# KIND_FROM_SOURCE=false uses docker, kind, kubectl and helm as installed, kind's default node image and
# the public base images: the README's steps exactly.
#
# Environment:
#   KIND_CLUSTER  cluster name (default taskoverflow-e2e)
#   NAMESPACE     release namespace (default taskoverflow)
#   RELEASE       Helm release name (default taskoverflow)
#   IMAGE_TAG     tag of the images built and installed (default e2e)
#   SKIP_BUILD    true: reuse images already in the local Docker engine
#   KEEP_CLUSTER  true: leave the cluster running for a look around
#   TIMEOUT       kubectl/helm wait timeout (default 300s)
#   KIND_FROM_SOURCE  true (default): build the engine, tools, node and base images here (see above)
#   HOST_PORT     host port of the api-server (default 6400, kind-config.yaml's); another one runs
#                 the cluster from a copy of kind-config.yaml with that hostPort
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER="${KIND_CLUSTER:-taskoverflow-e2e}"
NAMESPACE="${NAMESPACE:-taskoverflow}"
RELEASE="${RELEASE:-taskoverflow}"
TAG="${IMAGE_TAG:-e2e}"
SKIP_BUILD="${SKIP_BUILD:-false}"
KEEP_CLUSTER="${KEEP_CLUSTER:-false}"
TIMEOUT="${TIMEOUT:-300s}"
FROM_SOURCE="${KIND_FROM_SOURCE:-true}"
HOST_PORT="${HOST_PORT:-6400}"
API="http://localhost:${HOST_PORT}/api/v1"
KIND_CONFIG="$ROOT/kind-config.yaml"
NODE_IMAGE=""
LOCAL_REGISTRY="127.0.0.1:5000"
JAVA_BASE="${LOCAL_REGISTRY}/taskoverflow/java-base:21"
POSTGRES_IMAGE="${LOCAL_REGISTRY}/taskoverflow/postgresql:15"
STARTED=$SECONDS
TIMES=()
REGISTRY="taskoverflow"
IMAGES=(taskoverflow-api-server taskoverflow-operator taskoverflow-generator)
CONTEXT="kind-${CLUSTER}"
WORK="$(mktemp -d)"

log() { printf '\n==> [%4ds] %s\n' "$((SECONDS - STARTED))" "$*" >&2; }

# Records how long a phase took, for the summary at the end.
timed() {
  local label=$1 start=$SECONDS
  shift
  "$@"
  TIMES+=("$(printf '%-34s %4ds' "$label" "$((SECONDS - start))")")
}
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

# Always this cluster, never whatever the current kubectl context happens to be.
k() { kubectl --context "$CONTEXT" --namespace "$NAMESPACE" "$@"; }

diagnose() {
  log "diagnostics"
  k get calendarexports,jobs,pods,svc,events --sort-by=.metadata.creationTimestamp || true
  k logs "deployment/${RELEASE}-operator" --tail=200 || true
  k logs "deployment/${RELEASE}-api-server" --tail=200 || true
  k logs --selector app.kubernetes.io/component=calendar-generator --tail=50 --prefix || true
  k logs --selector app.kubernetes.io/component=database-migration --tail=50 --prefix || true
}

cleanup() {
  local status=$?
  trap - EXIT
  if [[ $status -ne 0 ]]; then
    diagnose
  fi
  if [[ "$KEEP_CLUSTER" == "true" ]]; then
    log "keeping cluster ${CLUSTER} (kind delete cluster --name ${CLUSTER})"
  else
    log "deleting cluster ${CLUSTER}"
    kind delete cluster --name "$CLUSTER" || true
  fi
  rm -rf "$WORK"
  if ((${#TIMES[@]})); then
    log "times"
    printf '  %s\n' "${TIMES[@]}" >&2
  fi
  if [[ $status -eq 0 ]]; then
    log "PASSED in $((SECONDS - STARTED)) s"
  fi
  exit "$status"
}

require_tools() {
  local tool
  for tool in docker kind kubectl helm curl jq java; do
    command -v "$tool" >/dev/null 2>&1 || fail "${tool} is required"
  done
}

# A deadline N days from now in the API's format; GNU date, else BSD date (macOS).
deadline_in_days() {
  date -u -d "+$1 days" '+%Y-%m-%dT%H:%M:%S' 2>/dev/null || date -u -v "+$1d" '+%Y-%m-%dT%H:%M:%S'
}

# The project's machines: engine, tools and node image built here (see the header).
prepare_from_source() {
  log "preparing docker, kind, kubectl, helm and the node image from Debian packages and Go modules"
  DOCKER_HOST="$("$ROOT/scripts/kind/docker.sh")"
  export DOCKER_HOST
  NODE_IMAGE="$("$ROOT/scripts/kind/build-node-image.sh")"
  PATH="$("$ROOT/scripts/kind/tools.sh"):$PATH"
  export PATH
}

create_cluster() {
  log "creating kind cluster ${CLUSTER}"
  if [[ "$HOST_PORT" != 6400 ]]; then
    KIND_CONFIG="$WORK/kind-config.yaml"
    sed 's/hostPort: 6400$/hostPort: '"$HOST_PORT"'/' "$ROOT/kind-config.yaml" >"$KIND_CONFIG"
  fi
  local image=()
  [[ -n "$NODE_IMAGE" ]] && image=(--image "$NODE_IMAGE")
  kind create cluster --name "$CLUSTER" --config "$KIND_CONFIG" "${image[@]}" --wait 120s
}

build_and_load_images() {
  if [[ "$SKIP_BUILD" != "true" ]]; then
    log "building images with jib (tag ${TAG})"
    local base=()
    if [[ "$FROM_SOURCE" == "true" ]]; then
      # The public base is out of reach: the local one (amd64 only, on a plain-HTTP registry).
      base=(-Djib.base.image="registry://${JAVA_BASE}" -Djib.from.platforms=linux/amd64
        -Djib.allowInsecureRegistries=true)
    fi
    (cd "$ROOT" && ./mvnw -B -q -Pimages -DskipTests -Dsandbox.images.skip=true -Dimage.registry="$REGISTRY" \
      -Dimage.tag="$TAG" "${base[@]}" -pl generator-image,operator,api-server -am package jib:dockerBuild)
  fi
  if [[ "$FROM_SOURCE" == "true" ]]; then
    log "loading ${POSTGRES_IMAGE} into ${CLUSTER}"
    local crane
    crane="$("$ROOT/sandbox/tools/build.sh" crane)"
    "$crane" pull --insecure --platform linux/amd64 "$POSTGRES_IMAGE" "$WORK/postgresql.tar"
    docker load --input "$WORK/postgresql.tar" >/dev/null
    kind load docker-image --name "$CLUSTER" "$POSTGRES_IMAGE"
  fi
  local image
  for image in "${IMAGES[@]}"; do
    log "loading ${REGISTRY}/${image}:${TAG} into ${CLUSTER}"
    kind load docker-image --name "$CLUSTER" "${REGISTRY}/${image}:${TAG}"
  done
}

install_chart() {
  log "installing the CRD and the chart"
  kubectl --context "$CONTEXT" apply -f "$ROOT/crds/"
  kubectl --context "$CONTEXT" create namespace "$NAMESPACE"
  # Admission rejects any pod of the chart (or of the operator) that is not PSS "restricted".
  kubectl --context "$CONTEXT" label namespace "$NAMESPACE" \
    pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/warn=restricted
  local values=(--values "$ROOT/helm/values-kind.yaml")
  [[ "$FROM_SOURCE" == "true" ]] && values+=(--values "$ROOT/scripts/kind/values-local.yaml")
  helm install "$RELEASE" "$ROOT/helm/taskoverflow" --kube-context "$CONTEXT" --namespace "$NAMESPACE" \
    "${values[@]}" --set image.tag="$TAG" --wait --timeout "$TIMEOUT"
  k rollout status "deployment/${RELEASE}-operator" --timeout "$TIMEOUT"
  k rollout status "deployment/${RELEASE}-api-server" --timeout "$TIMEOUT"
  curl -fsS --retry 30 --retry-delay 2 --retry-all-errors "$API/health" >/dev/null ||
    fail "the API does not answer on ${API}"
}

create_todos() {
  log "creating todos"
  local body
  for body in \
    "{\"title\":\"Write the report\",\"description\":\"Quarterly; with figures, and a summary\",\"deadline_at\":\"$(deadline_in_days 3)\"}" \
    "{\"title\":\"Book the venue\",\"deadline_at\":\"$(deadline_in_days 10)\"}" \
    "{\"title\":\"Renew passport\",\"completed\":true,\"deadline_at\":\"$(deadline_in_days 30)\"}" \
    '{"title":"Someday, maybe"}'; do
    curl -fsS -X POST "$API/todos" -H 'Content-Type: application/json' -d "$body" | jq -e '.id' >/dev/null
  done
  [[ "$(curl -fsS "$API/todos" | jq 'length')" -ge 4 ]] || fail "todos were not stored"
}

# Polls an export's status until it is final; prints the final task_status.
wait_for_task() {
  local task_id=$1 status="" attempt
  for ((attempt = 0; attempt < 150; attempt++)); do
    status="$(curl -fsS "$API/todos/ical/${task_id}/status" | jq -r '.task_status')"
    case "$status" in
      SUCCESS | FAILURE | REVOKED) break ;;
    esac
    sleep 2
  done
  printf '%s\n' "$status"
}

# Downloads an export's calendar to $2 and checks it is one; checks the ETag round trip too.
fetch_result() {
  local task_id=$1 file=$2 etag
  curl -fsS -D "$WORK/headers" -o "$file" "$API/todos/ical/${task_id}/result"
  grep -qi '^content-type: text/calendar' "$WORK/headers" || fail "${task_id}: not text/calendar"
  grep -q '^BEGIN:VCALENDAR' "$file" || fail "${task_id}: not an iCalendar file"
  grep -q '^END:VCALENDAR' "$file" || fail "${task_id}: truncated calendar"
  etag="$(grep -i '^etag:' "$WORK/headers" | cut -d' ' -f2- | tr -d '\r')"
  [[ -n "$etag" ]] || fail "${task_id}: no ETag"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: ${etag}" \
    "$API/todos/ical/${task_id}/result")" == "304" ]] || fail "${task_id}: If-None-Match did not answer 304"
}

export_with_curl() {
  log "exporting through the REST API"
  local response task_id status
  response="$(curl -fsS -X POST "$API/todos/ical" -H 'Content-Type: application/json' \
    -d '{"calendar_name":"E2E via curl","component":"VEVENT"}')"
  task_id="$(jq -er '.task_id' <<<"$response")"
  log "task ${task_id}"
  status="$(wait_for_task "$task_id")"
  [[ "$status" == "SUCCESS" ]] || fail "export ${task_id} ended as ${status:-nothing}"
  fetch_result "$task_id" "$WORK/curl.ics"
  [[ "$(grep -c '^BEGIN:VEVENT' "$WORK/curl.ics")" -ge 3 ]] || fail "expected 3 events in ${task_id}"
  grep -q '^X-WR-CALNAME:E2E via curl' "$WORK/curl.ics" || fail "calendar name missing"
  # The export is a CalendarExport named after the task.
  k get calendarexport "$task_id" >/dev/null
}

export_with_kubectl() {
  log "exporting with kubectl apply -f examples/"
  local name
  for name in basic-vevent vtodo-open-tasks job-overrides; do
    k apply -f "$ROOT/examples/${name}.yaml"
  done
  for name in basic-vevent vtodo-open-tasks job-overrides; do
    k wait --for=condition=Succeeded "calendarexport/${name}" --timeout "$TIMEOUT"
    [[ "$(k get calendarexport "$name" -o jsonpath='{.status.phase}')" == "Succeeded" ]] ||
      fail "${name} is not Succeeded"
    fetch_result "$name" "$WORK/${name}.ics"
  done
  grep -q '^BEGIN:VTODO' "$WORK/vtodo-open-tasks.ics" || fail "vtodo-open-tasks has no VTODO"
  # The filter (open, due within 14 days) keeps two of the four todos.
  [[ "$(grep -c '^BEGIN:VTODO' "$WORK/vtodo-open-tasks.ics")" -eq 2 ]] ||
    fail "vtodo-open-tasks should hold 2 todos"
  [[ "$(k get job job-overrides -o jsonpath='{.spec.backoffLimit}')" == "5" ]] ||
    fail "job-overrides: backoffLimit not applied"
  k get calendarexports
}

check_generator_pods() {
  log "checking generator pods"
  local tokens
  tokens="$(k get pods --selector app.kubernetes.io/component=calendar-generator \
    -o jsonpath='{range .items[*]}{.spec.automountServiceAccountToken}{"\n"}{end}' | sort -u)"
  [[ "$tokens" == "false" ]] || fail "generator pods mount a service-account token: ${tokens}"
}

cancel_an_export() {
  log "cancelling an export"
  local task_id status
  task_id="$(curl -fsS -X POST "$API/todos/ical" -H 'Content-Type: application/json' -d '{}' |
    jq -er '.task_id')"
  curl -fsS -X DELETE "$API/todos/ical/${task_id}" >/dev/null
  status="$(wait_for_task "$task_id")"
  # A fast generator may finish before the cancel lands; anything else is a bug.
  [[ "$status" == "REVOKED" || "$status" == "SUCCESS" ]] || fail "cancelled export ended as ${status}"
  if [[ "$status" == "REVOKED" ]]; then
    k wait --for=delete "job/${task_id}" --timeout 60s || fail "the cancelled export's Job stayed"
  fi
}

main() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if [[ "$FROM_SOURCE" == "true" ]]; then
    timed "engine, tools and node image" prepare_from_source
  fi
  require_tools
  timed "cluster create" create_cluster
  timed "images built and loaded" build_and_load_images
  local install_start=$SECONDS
  timed "helm install (--wait)" install_chart
  create_todos
  timed "first export to SUCCESS" export_with_curl
  TIMES+=("$(printf '%-34s %4ds' "helm install to first SUCCESS" "$((SECONDS - install_start))")")
  export_with_kubectl
  check_generator_pods
  cancel_an_export
}

main "$@"
