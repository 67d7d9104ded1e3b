#!/usr/bin/env bash
# Builds the Debian root filesystems of the sandbox's base images with mmdebstrap (no docker) and
# caches each as a tarball keyed by its recipe, so the slow part (minutes) runs once per machine.
# Prints the path of the tarball.
#
#   rootfs.sh java-base|postgresql
#   TASKOVERFLOW_CACHE   cache root (default ~/.cache/taskoverflow)
# The hooks are run by mmdebstrap, which passes the root directory as $1: single quotes are meant.
# shellcheck disable=SC2016,SC2054
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=${1:?usage: rootfs.sh java-base|postgresql}
cache="${TASKOVERFLOW_CACHE:-$HOME/.cache/taskoverflow}/rootfs"

# Options common to both: no recommends, and no docs, man pages or translations in the image.
# update-alternatives (java) fails when /usr/share/man/man1 is missing, so the hook recreates it.
common=(
  --variant=minbase
  --aptopt='APT::Install-Recommends "false"'
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/lintian/*'
  --essential-hook='mkdir -p "$1/usr/share/man/man1"'
  # Package indexes and caches are useless in an image that never runs apt.
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/cache/debconf/*-old "$1"/var/log/*.log "$1"/var/log/apt/*'
)

case "$name" in
java-base)
  suite=trixie
  args=(
    --include=openjdk-21-jre-headless,ca-certificates
    # The images run as 65532 (jib's user setting); give that uid a name like distroless' nonroot.
    --customize-hook='echo "nonroot:x:65532:65532:nonroot:/home/nonroot:/usr/sbin/nologin" >>"$1/etc/passwd"'
    --customize-hook='echo "nonroot:x:65532:" >>"$1/etc/group"'
    --customize-hook='echo "nonroot:!:20000::::::" >>"$1/etc/shadow"'
    --customize-hook='install -d -m 0700 -o 65532 -g 65532 "$1/home/nonroot"'
  )
  ;;
postgresql)
  suite=bookworm
  args=(
    --include=postgresql-15
    # uid/gid 999 as in the official postgres image (the chart's securityContext). Created before
    # postgresql-common's postinst, which then reuses it.
    --essential-hook='echo "postgres:x:999:999:PostgreSQL administrator:/var/lib/postgresql:/bin/sh" >>"$1/etc/passwd"'
    --essential-hook='echo "postgres:x:999:" >>"$1/etc/group"'
    --essential-hook='echo "postgres:*:20000:0:99999:7:::" >>"$1/etc/shadow"'
    # The package creates a cluster "main"; the entrypoint makes its own in $PGDATA.
    --customize-hook='rm -rf "$1"/etc/postgresql/15/main "$1"/var/lib/postgresql/15'
    # JIT compilation (LLVM, 135 MB of the image) is optional; without its provider postgres runs
    # without it. Locale sources are for locale-gen; initdb uses the built-in C.UTF-8.
    --customize-hook='rm -rf "$1"/usr/lib/postgresql/15/lib/llvmjit* "$1"/usr/lib/postgresql/15/lib/bitcode "$1"/usr/lib/x86_64-linux-gnu/libLLVM-* "$1"/usr/lib/x86_64-linux-gnu/libz3.so* "$1"/usr/share/i18n'
    --customize-hook='install -d -m 2775 -o 999 -g 999 "$1/run/postgresql" "$1/var/lib/postgresql/data"'
    --customize-hook='install -m 0755 '"$here"'/postgresql/entrypoint.sh "$1/usr/local/bin/docker-entrypoint.sh"'
  )
  ;;
*) echo "unknown rootfs: $name" >&2; exit 2 ;;
esac

# The recipe: this script plus the files it copies in. A change rebuilds the tarball.
inputs=("$0")
[[ "$name" == postgresql ]] && inputs+=("$here/postgresql/entrypoint.sh")
recipe=$(cat "${inputs[@]}" | sha256sum | cut -c1-16)
out="$cache/$name-$suite-$recipe.tar"
if [[ ! -s "$out" ]]; then
  mkdir -p "$cache"
  echo "Building the $name root filesystem from Debian $suite (takes a few minutes once)" >&2
  tmp=$(mktemp "$cache/.$name-XXXXXX.tar")
  trap 'rm -f "$tmp"' EXIT
  mmdebstrap --quiet "${common[@]}" "${args[@]}" "$suite" "$tmp" >&2
  mv "$tmp" "$out"
  # Older tarballs of the same image are dead weight.
  find "$cache" -maxdepth 1 -name "$name-*.tar" ! -path "$out" -delete
fi
echo "$out"
