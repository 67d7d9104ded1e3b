#!/usr/bin/env bash
# Makes sure a Docker engine for kind runs on this machine and prints its DOCKER_HOST.
#
# Debian's docker.io (installed when missing), started as a daemon of its own: its own socket,
# data root and exec root, so it shares nothing with another engine or with the sandbox's containerd.
# Its default runtime is scripts/kind/runc-wrapper (these machines withhold CAP_SYS_RESOURCE, which
# --privileged containers such as kind's nodes would otherwise ask for). It runs under `nice -n 15`
# and keeps running after this script; `docker.sh stop` ends it. Idempotent: a running engine is reused.
#
#   docker.sh [start|stop]
#   TASKOVERFLOW_CACHE   cache root (default ~/.cache/taskoverflow); the data root is <cache>/kind/docker
#   KIND_DOCKER_RUN      directory of the socket, pid file and log (default /run/taskoverflow-kind)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="${TASKOVERFLOW_CACHE:-$HOME/.cache/taskoverflow}"
run="${KIND_DOCKER_RUN:-/run/taskoverflow-kind}"
socket="$run/docker.sock"
host="unix://$socket"
pidfile="$run/dockerd.pid"

answers() { DOCKER_HOST="$host" docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

running_pid() {
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

stop() {
  local pid
  if pid=$(running_pid); then
    echo "Stopping dockerd ($pid)" >&2
    kill "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || return 0
      sleep 0.2
    done
    echo "dockerd ($pid) did not stop within 20 s" >&2
    return 1
  fi
}

start() {
  if ! command -v dockerd >/dev/null; then
    [[ $(id -u) -eq 0 ]] || { echo "kind needs Docker; installing Debian's docker.io needs root" >&2; exit 1; }
    echo "Installing Debian's docker.io" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io jq >&2
  fi
  if answers; then
    echo "$host"
    return 0
  fi
  mkdir -p "$run" "$cache/kind/docker"
  echo "Starting dockerd (socket $socket, data root $cache/kind/docker, log $run/dockerd.log)" >&2
  # --oom-score-adjust=0: lowering it needs CAP_SYS_RESOURCE. No userland proxy: published ports are
  # iptables DNAT rules (127.0.0.1 included, see below), as on Docker Desktop's Linux engines.
  setsid nice -n 15 dockerd \
    --host "$host" --pidfile "$pidfile" \
    --data-root "$cache/kind/docker" --exec-root "$run/exec" \
    --add-runtime "taskoverflow-runc=$here/runc-wrapper" --default-runtime taskoverflow-runc \
    --oom-score-adjust=0 --storage-driver overlay2 --log-level warn \
    </dev/null >>"$run/dockerd.log" 2>&1 &
  for _ in $(seq 1 150); do
    if answers; then
      echo "$host"
      return 0
    fi
    sleep 0.2
  done
  echo "dockerd did not answer on $socket within 30 s; the end of $run/dockerd.log:" >&2
  tail -n 30 "$run/dockerd.log" >&2
  exit 1
}

case "${1:-start}" in
start) start ;;
stop) stop ;;
*) echo "usage: docker.sh [start|stop]" >&2; exit 2 ;;
esac
