#!/usr/bin/env bash
# Installs the Debian packages the sandbox's node and image builds need, when any is missing:
# containerd, runc and the CNI plugins run the pods; iptables serves kube-proxy; docker-registry is
# the registry on 127.0.0.1:5000; mmdebstrap and busybox-static build the base images. Needs root.
set -euo pipefail

packages=(containerd runc containernetworking-plugins iptables conntrack docker-registry mmdebstrap
  busybox-static openssl ca-certificates)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "the sandbox needs these Debian packages, and root to install them: ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
