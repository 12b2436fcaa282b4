#!/usr/bin/env bash
# Installs moto (a real AWS API emulator) for the online AMI-resolution tests.
# Debian bookworm has no python3-moto; trixie's installs with bookworm's dependencies plus
# python3-flask-cors, which the package needs but does not declare. The trixie index is read through a
# private apt configuration so the system's apt sources stay untouched. Needs root (apt-get install).
set -euo pipefail

if [ -x /usr/bin/moto_server ]; then
  echo "moto: already installed ($(dpkg-query -W -f='${Version}' python3-moto 2>/dev/null || echo unknown version))"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/sources.list.d"
# The same Debian mirror the machine's apt already uses, asked for the trixie suite.
mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $0 ~ /bookworm/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list 2>/dev/null || true)
if [ -z "$mirror" ]; then
  echo "moto: no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list" >&2
  exit 1
fi
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$work/sources.list"
private_apt=(
  -o "Dir::Etc::SourceList=$work/sources.list"
  -o "Dir::Etc::SourceParts=$work/sources.list.d"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache::Archives=$work/archives"
  -o "Dir::Cache::pkgcache=$work/pkgcache.bin"
  -o "Dir::Cache::srcpkgcache=$work/srcpkgcache.bin"
  -o "APT::Get::List-Cleanup=false"
  # The private directories are root's; apt's _apt sandbox user could not write there.
  -o "APT::Sandbox::User=root"
)
apt-get "${private_apt[@]}" -qq update
(cd "$work" && apt-get "${private_apt[@]}" -qq download python3-moto)

apt-get -qq update
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$work"/python3-moto_*.deb python3-flask-cors >/dev/null
echo "moto: installed $(dpkg-query -W -f='${Version}' python3-moto)"
