#!/usr/bin/env bash
# Builds a kind node image for the project's Kubernetes version (v1.33.13) from Debian packages and Go
# modules only, into the Docker engine of scripts/kind/docker.sh, and prints its name.
#
# What kind's `build node-image` would download is made here instead:
#   - the node's root filesystem: Debian bookworm (mmdebstrap) with systemd, containerd, runc, the CNI
#     plugins, iptables/nftables, conntrack and the mount and network tools, plus the files under
#     scripts/kind/node/ (entrypoint, systemd units, containerd's config, kind's manifests);
#   - kubelet from control-plane/kubernetes/build.sh, kubeadm and kubectl from scripts/kind/kubernetes
#     (the same pins), in /usr/bin;
#   - the images kubeadm and kind use, under the names they use, preloaded into the node's containerd:
#     registry.k8s.io/{kube-apiserver,kube-controller-manager,kube-scheduler,kube-proxy}:<version>
#     (the binaries built from the pins), etcd (idem), coredns (CoreDNS from sandbox/tools), pause
#     (Kubernetes' pause.c), and kind's local-path-provisioner and helper (sandbox/images).
# Differences from kind's own image are listed in docs/kind.md.
#
# The image carries the hash of its recipe (label io.taskoverflow.recipe): when it is already there,
# nothing is built, which takes a few seconds. Root filesystems are cached in <cache>/kind/.
#
#   TASKOVERFLOW_CACHE   cache root (default ~/.cache/taskoverflow)
#   KIND_NODE_IMAGE      image name (default taskoverflow/kind-node:<kubernetes version>)
#   DOCKER_HOST          the engine to build in (default: scripts/kind/docker.sh's, started when needed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="${TASKOVERFLOW_CACHE:-$HOME/.cache/taskoverflow}"
kcache="$cache/kind"
registry="${REGISTRY_ADDR:-127.0.0.1:5000}"
started=$(date +%s)
export TASKOVERFLOW_CACHE="$cache" REGISTRY_ADDR="$registry"

log() { echo "build-node-image: $*" >&2; }

if [[ -z "${DOCKER_HOST:-}" ]]; then
  DOCKER_HOST=$("$here/docker.sh")
fi
export DOCKER_HOST

# Inputs: Kubernetes (etcd, control plane, kubelet), kubeadm/kubectl, CoreDNS and the provisioner.
kube_dir=$("$root/control-plane/kubernetes/build.sh")
version=${kube_dir##*/}
version=${version%%-linux-*}
image="${KIND_NODE_IMAGE:-taskoverflow/kind-node:$version}"

build_kubeadm_kubectl() {
  local dir="$here/kubernetes" recipe out staging
  recipe=$(cat "$dir/go.mod" "$dir/go.sum" | sha256sum | cut -c1-16)
  out="$kcache/kubernetes-$version"
  if [[ "$(cat "$out/.recipe" 2>/dev/null)" != "$recipe" || ! -x "$out/kubeadm" || ! -x "$out/kubectl" ]]; then
    log "building kubeadm and kubectl $version into $out (minutes, once)"
    local major minor ldflags pkg release_time
    major=${version#v}; major=${major%%.*}
    minor=${version#v"$major".}; minor=${minor%%.*}
    release_time=$(cd "$dir" && go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes)
    ldflags="-s -w"
    for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
      ldflags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
      ldflags+=" -X $pkg.gitTreeState=archive -X $pkg.buildDate=$release_time"
    done
    mkdir -p "$kcache"
    staging=$(mktemp -d "$kcache/.build-kubernetes-XXXXXX")
    if ! (cd "$dir" && CGO_ENABLED=0 nice -n 15 go build -trimpath -ldflags "$ldflags" -o "$staging/" \
      k8s.io/kubernetes/cmd/kubeadm k8s.io/kubernetes/cmd/kubectl); then
      rm -rf "$staging"
      return 1
    fi
    chmod 755 "$staging"
    echo "$recipe" >"$staging/.recipe"
    rm -rf "$out" && mv "$staging" "$out"
  fi
  echo "$out"
}
bin_dir=$(build_kubeadm_kubectl)

"$root/sandbox/images/registry.sh"
mapfile -t tools < <("$root/sandbox/tools/build.sh" crane)
crane=${tools[0]}
# pause, CoreDNS, the provisioner and busybox, as the sandbox builds them (seconds when warm).
mapfile -t sandbox_images < <("$root/sandbox/images/build.sh")
sandbox_image() {
  local ref
  for ref in "${sandbox_images[@]}"; do
    if [[ "$ref" == "$registry/taskoverflow/$1:"* ]]; then
      echo "${ref%@*}"
      return 0
    fi
  done
  log "sandbox/images/build.sh made no $1 image"
  return 1
}

# The recipe of the node image: every file that shapes it, the Kubernetes binaries' own recipes and
# the digests of the images it takes from the sandbox's build.
recipe=$({
  cat "$0" "$here/docker.sh"
  (cd "$here" && find node -type f -print0 | sort -z | xargs -0 sha256sum)
  cat "$kube_dir/.recipe" "$bin_dir/.recipe"
  printf '%s\n' "${sandbox_images[@]}"
} | sha256sum | cut -c1-16)

previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
current=$(docker image inspect -f '{{index .Config.Labels "io.taskoverflow.recipe"}}' "$image" 2>/dev/null || true)
if [[ "$current" == "$recipe" ]]; then
  log "$image is up to date (recipe $recipe, $(($(date +%s) - started)) s)"
  echo "$image"
  exit 0
fi
log "building $image (recipe $recipe)"

work=$(mktemp -d "${TMPDIR:-/tmp}/kind-node-XXXXXX")
container=""
cleanup() {
  if [[ -n "$container" ]]; then docker rm -f "$container" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A Debian root filesystem as a tarball, cached by recipe: rootfs NAME SUITE PACKAGES [mmdebstrap options]
# shellcheck disable=SC2016 # the hooks are run by mmdebstrap, which passes the root directory as $1
rootfs() {
  local name=$1 suite=$2 packages=$3
  shift 3
  local recipe out tmp
  recipe=$({ echo "$suite $packages"; printf '%s\n' "$@"; } | sha256sum | cut -c1-16)
  out="$kcache/rootfs-$name-$suite-$recipe.tar"
  if [[ ! -s "$out" ]]; then
    log "building the $name root filesystem from Debian $suite (a few minutes, once)"
    mkdir -p "$kcache"
    tmp=$(mktemp --suffix=.tar "$kcache/.rootfs-$name-XXXXXX")
    if ! nice -n 15 mmdebstrap --quiet --variant=minbase --include="$packages" \
      --aptopt='APT::Install-Recommends "false"' \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
      --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
      --dpkgopt='path-exclude=/usr/share/info/*' \
      --essential-hook='mkdir -p "$1/usr/share/man/man1" "$1/usr/share/man/man8"' \
      --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*.log "$1"/var/log/apt/*' \
      "$@" "$suite" "$tmp" >&2; then
      rm -f "$tmp"
      return 1
    fi
    mv "$tmp" "$out"
    find "$kcache" -maxdepth 1 -name "rootfs-$name-*.tar" ! -path "$out" -delete
  fi
  echo "$out"
}

# The node: what kind's base image holds, from Debian. systemd runs as PID 1; only the units a node
# needs start (kind's base image prunes the same way).
# shellcheck disable=SC2016
node_rootfs() {
  rootfs node bookworm \
    systemd,systemd-sysv,dbus,containerd,runc,containernetworking-plugins,iptables,nftables,conntrack,iproute2,ethtool,util-linux,mount,kmod,libseccomp2,pigz,bash,ca-certificates,curl,jq,procps,socat \
    --customize-hook='rm -f "$1"/lib/systemd/system/sysinit.target.wants/systemd-tmpfiles-setup.service' \
    --customize-hook='rm -f "$1"/lib/systemd/system/multi-user.target.wants/* "$1"/etc/systemd/system/*.wants/*' \
    --customize-hook='rm -f "$1"/lib/systemd/system/local-fs.target.wants/* "$1"/lib/systemd/system/basic.target.wants/*' \
    --customize-hook='rm -f "$1"/lib/systemd/system/sockets.target.wants/*udev* "$1"/lib/systemd/system/sockets.target.wants/*initctl*' \
    --customize-hook='ln -sf /dev/null "$1"/etc/systemd/system/systemd-binfmt.service' \
    --customize-hook='echo "ReadKMsg=no" >>"$1"/etc/systemd/journald.conf' \
    --customize-hook='rm -f "$1"/etc/containerd/config.toml "$1"/etc/machine-id'
}

# kube-proxy runs iptables (Debian's, nft by default, as the node) and conntrack.
net_rootfs() {
  rootfs net bookworm iptables,nftables,conntrack,ca-certificates
}

log "root filesystems"
node_rootfs >"$work/node.rootfs" &
node_pid=$!
net_tar=$(net_rootfs)
wait "$node_pid" || { log "building the node root filesystem failed"; exit 1; }
node_tar=$(cat "$work/node.rootfs")

# Images, pushed to the local registry under <registry>/<their usual name>, then imported into the node.
images=()
crane_quiet() {
  if ! "$crane" "$@" >"$work/crane.log" 2>&1; then
    cat "$work/crane.log" >&2
    return 1
  fi
}
layer_of() { # layer_of NAME FILE TARGET_DIR: a layer tarball with FILE as TARGET_DIR/basename
  local dir="$work/layer-$1"
  mkdir -p "$dir$3"
  install -m 0755 "$2" "$dir$3/"
  tar -C "$dir" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$work/$1.tar" .
  echo "$work/$1.tar"
}
# binary_image NAME:TAG BINARY [BASE_ROOTFS_TAR]: the binary in /usr/local/bin, on an empty base or a rootfs.
binary_image() {
  local name=$1 binary=$2 base=${3:-} ref="$registry/$1" layers=()
  [[ -n "$base" ]] && layers+=(-f "$base")
  layers+=(-f "$(layer_of "${name//[\/:]/_}" "$binary" /usr/local/bin)")
  crane_quiet append --insecure --platform linux/amd64 "${layers[@]}" -t "$ref"
  crane_quiet mutate --insecure "$ref" --set-platform linux/amd64 \
    -e PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin -t "$ref"
  images+=("$name")
}
copy_image() { # copy_image SOURCE NAME:TAG [crane mutate options]
  local source=$1 name=$2 ref="$registry/$2"
  shift 2
  crane_quiet copy --insecure "$source" "$ref"
  if [[ $# -gt 0 ]]; then crane_quiet mutate --insecure "$ref" "$@" -t "$ref"; fi
  images+=("$name")
}

log "images"
kubeadm_images=$("$bin_dir/kubeadm" config images list --kubernetes-version "$version")
image_named() { grep -m1 "/$1:" <<<"$kubeadm_images" | sed 's#^registry\.k8s\.io/##'; }
for component in kube-apiserver kube-controller-manager kube-scheduler; do
  binary_image "registry.k8s.io/$(image_named "$component")" "$kube_dir/$component"
done
binary_image "registry.k8s.io/$(image_named kube-proxy)" "$kube_dir/kube-proxy" "$net_tar"
binary_image "registry.k8s.io/$(image_named etcd)" "$kube_dir/etcd"
# kubeadm's CoreDNS Deployment binds port 53 with NET_BIND_SERVICE only: CoreDNS runs as root here.
copy_image "$(sandbox_image coredns)" "registry.k8s.io/$(image_named coredns)" -u 0:0
copy_image "$(sandbox_image pause)" "registry.k8s.io/$(image_named pause)"
# The names in kind v0.29.0's storage manifest (and in node/kind/manifests/default-storage.yaml).
copy_image "$(sandbox_image local-path-provisioner)" docker.io/kindest/local-path-provisioner:v20250214-acbabc1a
copy_image "$(sandbox_image busybox)" docker.io/kindest/local-path-helper:v20241212-8ac705d0

log "assembling the node"
base="taskoverflow/kind-node-base:$(basename "$node_tar" .tar | sed 's/^rootfs-node-//')"
if ! docker image inspect "$base" >/dev/null 2>&1; then
  docker import "$node_tar" "$base" >/dev/null
fi
container=$(docker run -d --pull=never --network none --entrypoint sleep "$base" infinity)

# Files of scripts/kind/node, the Kubernetes binaries and the version, in one tar stream.
stage="$work/stage"
mkdir -p "$stage/usr/bin" "$stage/etc/systemd/system/multi-user.target.wants" "$stage/etc/kubernetes/manifests"
cp -a "$here/node/." "$stage/"
install -m 0755 "$kube_dir/kubelet" "$bin_dir/kubeadm" "$bin_dir/kubectl" "$stage/usr/bin/"
printf '%s' "$version" >"$stage/kind/version"
for unit in containerd kubelet; do
  ln -s "/etc/systemd/system/$unit.service" "$stage/etc/systemd/system/multi-user.target.wants/$unit.service"
done
tar -C "$stage" --owner=0 --group=0 --numeric-owner -cf - . | docker exec -i "$container" tar -xf - -C /
docker exec "$container" ln -sf /lib/systemd/systemd /sbin/init

# Preload: a containerd of the node's own imports every image without unpacking it (the node unpacks
# on first use, on its /var volume), as kind's build does.
docker exec -d "$container" sh -c 'containerd >/var/log/containerd-build.log 2>&1'
for _ in $(seq 1 100); do
  docker exec "$container" ctr version >/dev/null 2>&1 && break
  sleep 0.2
done
for name in "${images[@]}"; do
  "$crane" pull --insecure --platform linux/amd64 "$registry/$name" "$work/image.tar" 2>"$work/crane.log" ||
    { cat "$work/crane.log" >&2; exit 1; }
  docker exec -i "$container" ctr --namespace k8s.io images import --no-unpack --all-platforms - \
    <"$work/image.tar" >/dev/null
  docker exec "$container" ctr --namespace k8s.io images tag --force "$registry/$name" "$name" >/dev/null
  docker exec "$container" ctr --namespace k8s.io images rm "$registry/$name" >/dev/null
  # Pinned: the kubelet's image garbage collection never removes them.
  docker exec "$container" ctr --namespace k8s.io images label "$name" io.cri-containerd.pinned=pinned >/dev/null
  rm -f "$work/image.tar"
done
docker exec "$container" ctr --namespace k8s.io images list -q | grep -v '^sha256:' | sort >&2
docker exec "$container" sh -c 'pkill containerd; while pgrep -x containerd >/dev/null; do sleep 0.1; done; rm -f /var/log/containerd-build.log'

# kind's image also sets STOPSIGNAL SIGRTMIN+3 (systemd's clean shutdown); Docker 20.10 cannot set it in a
# commit. kind deletes nodes with `docker rm -f`, which kills them either way.
docker commit \
  --change 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' \
  --change 'CMD []' \
  --change 'ENV container=docker' \
  --change "LABEL io.taskoverflow.recipe=$recipe io.taskoverflow.kubernetes=$version" \
  "$container" "$image" >/dev/null
# The image it replaces (nearly 1 GB) and bases of other root filesystems are dead weight.
docker rm -f "$container" >/dev/null
container=""
if [[ -n "$previous" ]]; then docker rmi "$previous" >/dev/null 2>&1 || true; fi
docker images --format '{{.Repository}}:{{.Tag}}' taskoverflow/kind-node-base | grep -vxF "$base" |
  xargs -r docker rmi >/dev/null 2>&1 || true
log "built $image in $(($(date +%s) - started)) s"
echo "$image"
