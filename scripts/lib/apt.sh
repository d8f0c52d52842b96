# Sourced by the setup scripts: install the Debian packages named in APT_PACKAGES that are missing
# (with sudo when not root), unless NIANBAO_E2E_SKIP_APT=1. Needs `say` from the caller.
install_apt_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "apt: all present (${APT_PACKAGES[*]})"
  elif [ "${NIANBAO_E2E_SKIP_APT:-}" = 1 ]; then
    say "apt: missing ${missing[*]}, but NIANBAO_E2E_SKIP_APT=1: not installing them"
  else
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null || { echo "apt packages missing (${missing[*]}) and not root, no sudo" >&2; exit 1; }
      sudo=(sudo)
    fi
    say "apt: installing ${missing[*]}"
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}
