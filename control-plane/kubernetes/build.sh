#!/usr/bin/env bash
# Builds the sandbox's control plane from the official Go modules pinned in go.mod/go.sum:
# etcd, kube-apiserver, kube-controller-manager and kube-scheduler, stamped with the release's
# version as the official build stamps it. The binaries are cached per version and per go.sum,
# so only the first build takes minutes. Prints the directory that holds them.
#
#   KUBE_BINARIES_CACHE   where built versions are kept (default ~/.cache/taskoverflow/kubernetes)
set -euo pipefail
cd "$(dirname "$0")"

command -v go >/dev/null || {
  echo "build.sh needs Go 1.24 or newer; or set SANDBOX_KUBE_BINARIES to a directory with the release binaries (docs/sandbox.md)" >&2
  exit 1
}

version=$(go list -m -f '{{.Version}}' k8s.io/kubernetes)
release_time=$(go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes)
recipe=$(cat go.mod go.sum cmd/etcd/main.go build.sh | sha256sum | cut -c1-16)
out="${KUBE_BINARIES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/taskoverflow/kubernetes}/$version-$(go env GOOS)-$(go env GOARCH)"
binaries=(etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)

up_to_date() {
  [[ "$(cat "$out/.recipe" 2>/dev/null)" == "$recipe" ]] || return 1
  for b in "${binaries[@]}"; do [[ -x "$out/$b" ]] || return 1; done
}

if ! up_to_date; then
  echo "Building Kubernetes $version and etcd into $out (the first time takes several minutes)" >&2
  major=${version#v}; major=${major%%.*}
  minor=${version#v"$major".}; minor=${minor%%.*}
  ldflags="-s -w"
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    ldflags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitTreeState=archive -X $pkg.buildDate=$release_time"
  done
  mkdir -p "${out%/*}"
  staging=$(mktemp -d "${out%/*}/.build-XXXXXX")
  chmod 755 "$staging"
  trap 'rm -rf "$staging"' EXIT
  CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$staging/" \
    k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler \
    k8s.io/kubernetes/cmd/kubelet \
    k8s.io/kubernetes/cmd/kube-proxy \
    ./cmd/etcd
  echo "$recipe" >"$staging/.recipe"
  rm -rf "$out" && mv "$staging" "$out"
fi
echo "$out"
