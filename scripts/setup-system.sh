#!/usr/bin/env bash
# Installs the system parts Archon Engineer's full test suite needs on Debian:
# pgvector for PostgreSQL 15 (built from Debian's trixie source package, since
# bookworm does not package it), Chromium for browser tests, and ripgrep.
# Safe to run again: each step is skipped when its result is already present.
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_updated=0
apt_update() {
  if [ "$apt_updated" -eq 0 ]; then
    $SUDO apt-get update -qq
    apt_updated=1
  fi
}

need_packages=()
for pkg in chromium "postgresql-server-dev-${PG_MAJOR}" build-essential dpkg-dev bubblewrap; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_packages+=("$pkg")
done
if [ ${#need_packages[@]} -gt 0 ]; then
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

extension_dir="$(pg_config --sharedir)/extension"
if [ ! -f "${extension_dir}/vector.control" ]; then
  # Add a deb-src line for trixie on the machine's own mirror, then build pgvector.
  mirror="$( { cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true; } \
    | grep -E '^(URIs:|deb )' | grep -v -E 'security|nodesource|google' | head -n1 \
    | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*$//' || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  src_list=/etc/apt/sources.list.d/archon-trixie-src.list
  if [ ! -f "$src_list" ]; then
    echo "deb-src ${mirror} trixie main" | $SUDO tee "$src_list" >/dev/null
    apt_updated=0
  fi
  apt_update
  build_dir="$(mktemp -d)"
  (
    cd "$build_dir"
    apt-get source -qq pgvector >/dev/null 2>&1
    cd pgvector-*/
    make -s PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config" >/dev/null
    $SUDO make -s install PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config" >/dev/null
  )
  rm -rf "$build_dir"
fi
echo "system setup: pgvector at ${extension_dir}/vector.control, chromium at $(command -v chromium)"
