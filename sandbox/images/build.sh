#!/usr/bin/env bash
# Builds the sandbox's base and add-on images without docker and pushes them to the local registry
# (registry.sh): crane assembles each image from a root filesystem tarball or a few static files.
# Each image carries the hash of its recipe as the label io.taskoverflow.recipe; an image whose label
# matches is left alone, so a warm machine only asks the registry (about a second in all).
# Prints "reference@digest" for each image, then the wall time.
#
#   build.sh                 all images
#   TASKOVERFLOW_CACHE       cache root (default ~/.cache/taskoverflow)
#   REGISTRY_ADDR            registry (default 127.0.0.1:5000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="${TASKOVERFLOW_CACHE:-$HOME/.cache/taskoverflow}"
registry="${REGISTRY_ADDR:-127.0.0.1:5000}"
prefix="$registry/taskoverflow"
started=$(date +%s%N)
export TASKOVERFLOW_CACHE="$cache" REGISTRY_ADDR="$registry"

# Debian packages the recipes use; installed only when missing (this runs as root on the project's machines).
apt_updated=false
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "Installing ${missing[*]}" >&2
  if [[ $apt_updated == false ]]; then apt-get update -qq >&2; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
ensure_packages mmdebstrap busybox-static gcc libc6-dev curl

"$here/registry.sh"
mapfile -t tools < <("$here/../tools/build.sh" crane coredns local-path-provisioner)
crane=${tools[0]} coredns=${tools[1]} provisioner=${tools[2]}
# The tool directories are named <tool>-<version> by tools/build.sh.
coredns_version=${coredns%/*}; coredns_version=${coredns_version##*/coredns-}
provisioner_version=${provisioner%/*}; provisioner_version=${provisioner_version##*/local-path-provisioner-}

work=$(mktemp -d "${TMPDIR:-/tmp}/taskoverflow-images-XXXXXX")
trap 'rm -rf "$work"' EXIT
self_hash=$(sha256sum "$0" | cut -c1-16)

# The recipe hash of an image: this script plus whatever describes its content.
recipe_of() { { echo "$self_hash"; printf '%s\n' "$@"; } | sha256sum | cut -c1-16; }

current_recipe() {
  "$crane" config --insecure "$1" 2>/dev/null |
    sed -n 's/.*"io\.taskoverflow\.recipe":"\([0-9a-f]*\)".*/\1/p'
}

# A layer tarball from a staging directory: root-owned, stable order and times.
layer_from_dir() {
  tar -C "$1" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$2" .
}

# publish REF RECIPE LAYER_TAR [crane mutate options...]
# Pushes an image made of one layer on an empty base, with the given config, unless the registry
# already has REF with RECIPE.
publish() {
  local ref=$1 recipe=$2 layer=$3
  shift 3
  # crane logs every blob; keep that out of the way unless something fails.
  local log="$work/crane.log"
  if ! { "$crane" append --insecure --platform linux/amd64 -f "$layer" -t "$ref" &&
    "$crane" mutate --insecure "$ref" --set-platform linux/amd64 \
      -l "io.taskoverflow.recipe=$recipe" "$@" -t "$ref"; } >/dev/null 2>"$log"; then
    cat "$log" >&2
    echo "Pushing $ref failed" >&2
    return 1
  fi
}

built=()
up_to_date() {
  built+=("$1")
  [[ "$(current_recipe "$1")" == "$2" ]] && return 0
  echo "Building $1" >&2
  return 1
}

# The two root filesystems are independent builds of minutes each (once per machine): in parallel.
"$here/rootfs.sh" postgresql >"$work/postgresql.rootfs" &
postgresql_rootfs_pid=$!

# Java base: JRE 21 from Debian trixie; jib puts the application on top and runs it as 65532.
ref="$prefix/java-base:21"
rootfs=$("$here/rootfs.sh" java-base)
recipe=$(recipe_of "$(basename "$rootfs")")
if ! up_to_date "$ref" "$recipe"; then
  publish "$ref" "$recipe" "$rootfs" \
    -e PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    -e JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64 -e LANG=C.UTF-8 \
    -u 65532:65532 -w /
fi

# PostgreSQL 15 from Debian bookworm, for the chart's postgresql StatefulSet (official image's interface).
ref="$prefix/postgresql:15"
wait "$postgresql_rootfs_pid" || { echo "Building the postgresql root filesystem failed" >&2; exit 1; }
rootfs=$(cat "$work/postgresql.rootfs")
recipe=$(recipe_of "$(basename "$rootfs")")
if ! up_to_date "$ref" "$recipe"; then
  publish "$ref" "$recipe" "$rootfs" \
    -e PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    -e PGDATA=/var/lib/postgresql/data -e LANG=C.UTF-8 \
    -u 999:999 -w /var/lib/postgresql \
    --entrypoint /usr/local/bin/docker-entrypoint.sh --cmd postgres --exposed-ports 5432/tcp
fi

# pause: Kubernetes' own pause.c from the pinned module, linked statically.
ref="$prefix/pause:3.10"
# Asked for outside any module (in $work), so no go.mod or go.sum of the project is touched.
pause_src=$(cd "$work" && go mod download -json k8s.io/kubernetes@v1.33.13 |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')/build/pause/linux/pause.c
recipe=$(recipe_of "$(sha256sum <"$pause_src")" "$(gcc -dumpfullversion)")
if ! up_to_date "$ref" "$recipe"; then
  mkdir -p "$work/pause"
  gcc -Os -Wall -Werror -static -DVERSION=v3.10-taskoverflow -o "$work/pause/pause" "$pause_src"
  strip "$work/pause/pause"
  layer_from_dir "$work/pause" "$work/pause.tar"
  publish "$ref" "$recipe" "$work/pause.tar" -u 65535:65535 --entrypoint /pause
fi

# A static binary alone, run as 65532: CoreDNS and the local-path provisioner.
single_binary() {
  local ref=$1 binary=$2 name=${2##*/} recipe
  recipe=$(recipe_of "$(sha256sum <"$binary")")
  if ! up_to_date "$ref" "$recipe"; then
    mkdir -p "$work/$name"
    install -m 0755 "$binary" "$work/$name/$name"
    layer_from_dir "$work/$name" "$work/$name.tar"
    publish "$ref" "$recipe" "$work/$name.tar" -u 65532:65532 --entrypoint "/$name"
  fi
}
single_binary "$prefix/coredns:$coredns_version" "$coredns"
single_binary "$prefix/local-path-provisioner:$provisioner_version" "$provisioner"

# busybox for the provisioner's helper pods (sh, mkdir, rm, chmod): Debian's static build and its
# applet links. Runs as root: it creates directories under a root-owned hostPath.
busybox_version=$(dpkg-query -W -f '${Version}' busybox-static | sed 's/^[0-9]*://; s/-.*//')
ref="$prefix/busybox:$busybox_version"
recipe=$(recipe_of "$(sha256sum </bin/busybox)")
if ! up_to_date "$ref" "$recipe"; then
  mkdir -p "$work/busybox/bin" "$work/busybox/tmp"
  chmod 1777 "$work/busybox/tmp"
  install -m 0755 /bin/busybox "$work/busybox/bin/busybox"
  /bin/busybox --list-full | while read -r applet; do
    [[ "$applet" == bin/busybox ]] && continue
    mkdir -p "$work/busybox/${applet%/*}"
    ln -sf /bin/busybox "$work/busybox/$applet"
  done
  layer_from_dir "$work/busybox" "$work/busybox.tar"
  publish "$ref" "$recipe" "$work/busybox.tar" -e PATH=/usr/sbin:/usr/bin:/sbin:/bin --cmd sh
fi

for ref in "${built[@]}"; do
  echo "$ref@$("$crane" digest --insecure "$ref")"
done
echo "images ready in $(( ($(date +%s%N) - started) / 1000000 )) ms" >&2
