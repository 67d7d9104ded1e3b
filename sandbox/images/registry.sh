#!/usr/bin/env bash
# Makes sure a plain-HTTP image registry answers on 127.0.0.1:5000 (Debian's docker-registry), with
# its storage in the cache dir so pushed images outlive restarts and a warm machine pushes nothing.
# Idempotent: does nothing when something already answers /v2/ there. Started detached (setsid) so
# it outlives the caller; its log is registry.log in the storage's parent directory.
#
#   TASKOVERFLOW_CACHE   cache root (default ~/.cache/taskoverflow)
#   REGISTRY_ADDR        host:port to listen on (default 127.0.0.1:5000)
set -euo pipefail
cache="${TASKOVERFLOW_CACHE:-$HOME/.cache/taskoverflow}"
addr="${REGISTRY_ADDR:-127.0.0.1:5000}"

answers() { curl -fsS -m 2 -o /dev/null "http://$addr/v2/" 2>/dev/null; }

if answers; then
  exit 0
fi

if ! command -v docker-registry >/dev/null; then
  echo "Installing Debian's docker-registry" >&2
  # The package's own service is not wanted (no systemd here anyway); only its binary is.
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-registry >&2
fi

mkdir -p "$cache/registry"
# Our own config: no auth, listen on loopback only, deletes allowed (for clean-ups).
config="$cache/registry-config.yml"
cat >"$config.tmp" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $cache/registry
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $addr
  headers:
    X-Content-Type-Options: [nosniff]
YAML
mv "$config.tmp" "$config"

echo "Starting a registry on $addr (storage $cache/registry, log $cache/registry.log)" >&2
setsid docker-registry serve "$config" </dev/null >>"$cache/registry.log" 2>&1 &
pid=$!
echo "$pid" >"$cache/registry.pid"

for _ in $(seq 1 100); do
  if answers; then
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "The registry exited; the end of $cache/registry.log:" >&2
    tail -n 20 "$cache/registry.log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "The registry did not answer http://$addr/v2/ within 10 s; see $cache/registry.log" >&2
exit 1
