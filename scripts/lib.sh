# Shared by scripts/test and scripts/demo: install what the project needs on
# a machine that only has the Rust toolchain and Python.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages, installed only when missing. The package's own service is
# kept from starting: tests and the demo run private instances on loopback.
need_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  local policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    policy_added=1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ $policy_added -eq 1 ] && $sudo rm -f /usr/sbin/policy-rc.d
  return 0
}

# Python packages for the test client (slixmpp) and runner (pytest).
need_python_packages() {
  if python3 -c 'import slixmpp, pytest' 2>/dev/null \
     && python3 - "$ROOT/tests/integration/requirements.txt" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    name, _, want = line.strip().partition("==")
    if name and version(name) != want:
        sys.exit(1)
PY
  then
    return 0
  fi
  echo "==> installing Python packages: $(tr '\n' ' ' < "$ROOT/tests/integration/requirements.txt")"
  python3 -m pip install --quiet --disable-pip-version-check -r "$ROOT/tests/integration/requirements.txt" \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages -r "$ROOT/tests/integration/requirements.txt"
}

# The npm packages of tests/integration/package.json (axe-core, injected
# into the pages by the browser tests), at the versions its package-lock.json
# pins, into tests/integration/node_modules; the tests need no network.
need_node_packages() {
  local dir="$ROOT/tests/integration"
  if (cd "$dir" && node -e '
const lock = require("./package-lock.json").packages;
for (const [path, p] of Object.entries(lock)) {
  if (!path) continue;
  if (require("./" + path + "/package.json").version !== p.version) process.exit(1);
}' 2>/dev/null); then
    return 0
  fi
  echo "==> installing npm packages in tests/integration (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
}

# Fails at once, naming what is missing, when a tool the tests need is not
# there after installing: a late time-out in the middle of the suite would
# hide the cause.
require_tools() {
  local missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -ne 0 ]; then
    echo "error: missing tools: ${missing[*]}" >&2
    exit 1
  fi
}

# The same for files that no command stands for (Lua modules Prosody loads).
require_files() {
  local missing=()
  for f in "$@"; do
    [ -e "$f" ] || missing+=("$f")
  done
  if [ ${#missing[@]} -ne 0 ]; then
    echo "error: missing files: ${missing[*]}" >&2
    exit 1
  fi
}

# Lua modules, checked with the interpreter Prosody itself runs on.
require_lua_modules() {
  local lua
  lua="$(sed -n '1s/^#!.*env //p' "$(command -v prosody)")"
  local missing=()
  for m in "$@"; do
    "${lua:-lua}" -e "require '$m'" 2>/dev/null || missing+=("$m")
  done
  if [ ${#missing[@]} -ne 0 ]; then
    echo "error: missing Lua modules for Prosody: ${missing[*]}" >&2
    exit 1
  fi
}

require_python_modules() {
  local missing=()
  for m in "$@"; do
    python3 -c "import $m" 2>/dev/null || missing+=("$m")
  done
  if [ ${#missing[@]} -ne 0 ]; then
    echo "error: missing Python modules: ${missing[*]}" >&2
    exit 1
  fi
}
