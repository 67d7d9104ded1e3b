#!/usr/bin/env bash
# Builds the sandbox's Go tools from the modules pinned in sandbox/tools/<tool>/go.mod and go.sum
# (one small module per tool, so each keeps exactly the dependency versions its release chose).
# Static binaries (CGO_ENABLED=0), cached per version and per recipe, so only the first build of a
# machine compiles anything. Prints the path of each binary, one per line, in argument order.
#
#   build.sh TOOL...     TOOL: helm crane coredns local-path-provisioner
#   TASKOVERFLOW_CACHE   cache root (default ~/.cache/taskoverflow); binaries go to tools/<tool>-<version>/
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="${TASKOVERFLOW_CACHE:-$HOME/.cache/taskoverflow}/tools"

command -v go >/dev/null || { echo "sandbox/tools/build.sh needs Go 1.26 or newer" >&2; exit 1; }
[[ $# -gt 0 ]] || { echo "usage: build.sh TOOL... (helm crane coredns local-path-provisioner)" >&2; exit 2; }

build_one() {
  local tool=$1 module pkg binary
  case "$tool" in
  helm) module=helm.sh/helm/v3; pkg=$module/cmd/helm; binary=helm ;;
  crane) module=github.com/google/go-containerregistry; pkg=$module/cmd/crane; binary=crane ;;
  coredns) module=github.com/coredns/coredns; pkg=$module; binary=coredns ;;
  local-path-provisioner) module=github.com/rancher/local-path-provisioner; pkg=$module; binary=local-path-provisioner ;;
  *) echo "unknown tool: $tool" >&2; return 2 ;;
  esac
  local dir="$here/$tool"
  local version
  version=$(cd "$dir" && go list -m -f '{{.Version}}' "$module")
  # Stamp the release version where the tool reads it from, as its own release build does.
  local ldflags="-s -w"
  case "$tool" in
  helm) ldflags+=" -X helm.sh/helm/v3/internal/version.version=$version -X helm.sh/helm/v3/internal/version.gitTreeState=clean" ;;
  crane) ldflags+=" -X $module/cmd/crane/cmd.Version=$version" ;;
  coredns) ldflags+=" -X $module/coremain.GitCommit=$version" ;;
  local-path-provisioner) ldflags+=" -X main.VERSION=$version" ;;
  esac
  local recipe out
  recipe=$(cat "$dir/go.mod" "$dir/go.sum" "$0" | sha256sum | cut -c1-16)
  out="$cache/$tool-$version"
  if [[ "$(cat "$out/.recipe" 2>/dev/null)" != "$recipe" || ! -x "$out/$binary" ]]; then
    echo "Building $tool $version into $out" >&2
    mkdir -p "$cache"
    local staging
    staging=$(mktemp -d "$cache/.build-$tool-XXXXXX")
    # Go's -mod=readonly (the default) makes a go.sum that is not complete fail instead of drifting.
    if ! (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$staging/$binary" "$pkg"); then
      rm -rf "$staging"
      return 1
    fi
    chmod 755 "$staging"
    echo "$recipe" >"$staging/.recipe"
    rm -rf "$out" && mv "$staging" "$out"
  fi
  echo "$out/$binary"
}

for tool in "$@"; do
  build_one "$tool"
done
