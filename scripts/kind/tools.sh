#!/usr/bin/env bash
# Builds the command-line tools scripts/kind-e2e.sh needs from pinned Go modules, links them into one
# directory and prints it (put it first on PATH):
#   kind     sigs.k8s.io/kind v0.29.0 (the release for Kubernetes 1.33), pinned in scripts/kind/kind
#   kubectl  Kubernetes' own, same pins as the control plane (built by build-node-image.sh)
#   helm     sandbox/tools/build.sh's
#   docker   Debian's docker.io client, the same release as scripts/kind/docker.sh's engine
# Cached per version and recipe in <cache>/kind/; a warm run takes about a second.
#
#   TASKOVERFLOW_CACHE   cache root (default ~/.cache/taskoverflow)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="${TASKOVERFLOW_CACHE:-$HOME/.cache/taskoverflow}"
kcache="$cache/kind"

command -v go >/dev/null || { echo "scripts/kind/tools.sh needs Go 1.24 or newer" >&2; exit 1; }

kind_version=$(cd "$here/kind" && go list -m -f '{{.Version}}' sigs.k8s.io/kind)
recipe=$(cat "$here/kind/go.mod" "$here/kind/go.sum" | sha256sum | cut -c1-16)
kind_dir="$kcache/kind-$kind_version"
if [[ "$(cat "$kind_dir/.recipe" 2>/dev/null)" != "$recipe" || ! -x "$kind_dir/kind" ]]; then
  echo "Building kind $kind_version into $kind_dir" >&2
  mkdir -p "$kcache"
  staging=$(mktemp -d "$kcache/.build-kind-XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  (cd "$here/kind" && CGO_ENABLED=0 nice -n 15 go build -trimpath -ldflags "-s -w" -o "$staging/kind" sigs.k8s.io/kind)
  chmod 755 "$staging"
  echo "$recipe" >"$staging/.recipe"
  rm -rf "$kind_dir" && mv "$staging" "$kind_dir"
fi

kube_version=$(cd "$here/kubernetes" && go list -m -f '{{.Version}}' k8s.io/kubernetes)
kubectl="$kcache/kubernetes-$kube_version/kubectl"
[[ -x "$kubectl" ]] || { echo "no $kubectl: run scripts/kind/build-node-image.sh first" >&2; exit 1; }
helm=$("$root/sandbox/tools/build.sh" helm)

bin="$kcache/bin"
mkdir -p "$bin"
ln -sfn "$kind_dir/kind" "$bin/kind"
ln -sfn "$kubectl" "$bin/kubectl"
ln -sfn "$helm" "$bin/helm"
ln -sfn /usr/bin/docker "$bin/docker"
echo "$bin"
