# shellcheck shell=bash
# A private apt for fetching from Debian's newer suites without touching the host: its own lists,
# cache and an EMPTY dpkg status, so nothing fetched here can upgrade the host (installing a newer
# suite's packages would move libc). Sourced by the bed's compile scripts.
#   private_apt DIR SOURCES-LINE...   (exports APT_CONFIG; updates the lists once)
private_apt() {
  local apt=$1
  shift
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc/preferences.d"
  : >"$apt/status"
  printf '%s\n' "$@" >"$apt/sources.list"
  # sid's Release file on some mirrors is past its Valid-Until date.
  cat >"$apt/apt.conf" <<CONF
Dir::State "$apt";
Dir::State::lists "$apt/lists";
Dir::State::status "$apt/status";
Dir::Cache "$apt/cache";
Dir::Etc::SourceList "$apt/sources.list";
Dir::Etc::SourceParts "$apt/none";
Dir::Etc::Preferences "$apt/none";
Dir::Etc::PreferencesParts "$apt/etc/preferences.d";
APT::Sandbox::User "root";
Acquire::Check-Valid-Until "false";
CONF
  export APT_CONFIG=$apt/apt.conf
  [ -n "$(ls "$apt/lists" 2>/dev/null | grep -v partial)" ] || apt-get update -qq
}
