#!/usr/bin/env bash
# Prints the machine's own Debian mirror: the first URI of a deb822 stanza that serves bookworm
# (security suites left out), else of a one-line `deb` entry. Nothing here names a host.
set -euo pipefail
for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  uri=$(awk '
    /^[[:space:]]*$/ { if (u != "" && s ~ /(^| )bookworm( |$)/) { print u; exit } u=""; s="" }
    /^URIs:/ { u=$2 } /^Suites:/ { $1=""; s=$0 }
    END { if (u != "" && s ~ /(^| )bookworm( |$)/) print u }' "$f" | head -n 1)
  [ -n "$uri" ] && { echo "${uri%/}"; exit 0; }
done
uri=$(awk '$1 == "deb" && $3 ~ /^bookworm$/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$uri" ] && { echo "${uri%/}"; exit 0; }
echo "no Debian mirror for bookworm in the apt sources" >&2
exit 1
