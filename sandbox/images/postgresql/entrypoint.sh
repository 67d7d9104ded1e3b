#!/bin/sh
# Entrypoint of the sandbox's PostgreSQL image, a stand-in for the official image's: the same
# variables (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, PGDATA), run as the postgres user (999)
# on a read-only root filesystem. Initialises PGDATA once, then execs postgres so it gets the signals.
set -eu

if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi
# Anything but postgres (a shell for debugging) runs as it is.
if [ "$1" != postgres ]; then
  exec "$@"
fi

if [ "$(id -u)" = 0 ]; then
  echo "entrypoint: run this image as the postgres user (uid 999), not as root" >&2
  exit 1
fi
: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
export PGDATA

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "entrypoint: PGDATA is empty and POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  mkdir -p "$PGDATA"
  chmod 0700 "$PGDATA"
  # The password goes through a file so it never shows in a process list; /tmp is a scratch volume.
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  # Only this pod reaches the socket (trust, as in the official image); TCP needs the password.
  initdb --pgdata="$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" \
    --encoding=UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256
  rm -f "$pwfile"
  trap - EXIT
  printf '\n# Added by the image: clients come from other pods.\nhost all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  # jit off: the image leaves out LLVM.
  printf "\n# Added by the image.\nlisten_addresses = '*'\njit = off\n" >>"$PGDATA/postgresql.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    # Single-user mode needs no socket and no second server; identifiers double their quotes.
    db=$(printf '%s' "$POSTGRES_DB" | sed 's/"/""/g')
    owner=$(printf '%s' "$POSTGRES_USER" | sed 's/"/""/g')
    printf 'CREATE DATABASE "%s" OWNER "%s";\n' "$db" "$owner" | postgres --single -j -D "$PGDATA" postgres >/dev/null
  fi
  echo "entrypoint: initialised $PGDATA with database $POSTGRES_DB owned by $POSTGRES_USER" >&2
fi

exec "$@"
