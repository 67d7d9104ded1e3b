#!/usr/bin/env bash
# Runs the PostgreSQL image's root filesystem the way the chart runs the container, without a container
# runtime: as uid 999 on a read-only root, scratch /tmp and /var/run/postgresql, a throwaway data volume.
# Checks a first start (initdb, database, password over TCP), then a restart over the existing data.
# Needs root (mount namespace, chroot) and psql on the host.
#
#   test.sh [PORT]     PORT on 127.0.0.1 (default 55432)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${1:-55432}
tarball=$("$here/../rootfs.sh" postgresql)

work=$(mktemp -d /tmp/taskoverflow-pgtest-XXXXXX)
pid=
cleanup() {
  if [[ -n "$pid" ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/root" "$work/volume"
tar -C "$work/root" -xf "$tarball"
mkdir -p "$work/root/run/postgresql"
# The volume as Kubernetes gives it with fsGroup 999: not owned by the user, group-writable.
chown 0:999 "$work/volume" && chmod 2775 "$work/volume"

start() {
  # A private mount namespace keeps every mount below away from the host and gone with the process.
  # unshare, bash, chroot, env and the entrypoint all exec: $! ends up being postgres itself.
  # shellcheck disable=SC2016 # the inner script gets its values as arguments
  unshare --mount --propagation private -- bash -c '
    set -e
    root=$1 volume=$2 port=$3
    mount --bind "$root" "$root" && mount -o remount,bind,ro "$root"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    mount -t tmpfs -o mode=2775,gid=999 tmpfs "$root/run/postgresql"
    mount --bind "$volume" "$root/var/lib/postgresql/data"
    mount --rbind /dev "$root/dev"
    mount -t proc proc "$root/proc"
    exec chroot --userspec=999:999 "$root" env -i \
      PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      LANG=C.UTF-8 PGDATA=/var/lib/postgresql/data/pgdata \
      POSTGRES_USER=taskoverflow POSTGRES_PASSWORD="s3cret pass\"word" POSTGRES_DB=taskoverflow \
      /usr/local/bin/docker-entrypoint.sh postgres -p "$port"
  ' bash "$work/root" "$work/volume" "$port" >>"$work/postgres.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    pg_isready -q -h 127.0.0.1 -p "$port" && return 0
    sleep 0.2
  done
  cat "$work/postgres.log" >&2
  echo "FAIL: postgres did not become ready" >&2
  exit 1
}

stop() {
  # SIGTERM goes to postgres itself (everything before it exec'd), which shuts down cleanly.
  [[ "$(head -n 1 "$work/volume/pgdata/postmaster.pid")" == "$pid" ]] || { echo "FAIL: postgres is not the started process" >&2; exit 1; }
  kill -TERM "$pid"
  wait "$pid" || true
  pid=
  [[ ! -e "$work/volume/pgdata/postmaster.pid" ]] || { echo "FAIL: postgres left its pid file" >&2; exit 1; }
}

sql() { PGPASSWORD='s3cret pass"word' psql -X -q -t -A -h 127.0.0.1 -p "$port" -U taskoverflow -d taskoverflow -c "$1"; }

start
sql "CREATE TABLE t (v text); INSERT INTO t VALUES ('kept');"
[[ "$(stat -c %u "$work/volume/pgdata")" == 999 ]] || { echo "FAIL: PGDATA not owned by 999" >&2; exit 1; }
if PGPASSWORD=wrong psql -X -h 127.0.0.1 -p "$port" -U taskoverflow -d taskoverflow -c 'select 1' >/dev/null 2>&1; then
  echo "FAIL: a wrong password was accepted" >&2; exit 1
fi
stop

start
[[ "$(sql 'SELECT v FROM t')" == kept ]] || { echo "FAIL: data lost across a restart" >&2; exit 1; }
grep -q 'initialised' "$work/postgres.log" || { echo "FAIL: no initdb on the first start" >&2; exit 1; }
[[ "$(grep -c 'initialised' "$work/postgres.log")" == 1 ]] || { echo "FAIL: initdb ran twice" >&2; exit 1; }
echo "server: $(sql 'SHOW server_version'), encoding $(sql 'SHOW server_encoding'), user $(sql 'SELECT current_user')"
stop
echo "postgresql image test: 1 passed, 0 failed"
