#!/usr/bin/env bash
# Install everything the tests need, then run every test (unit, golden, browser) and the linter.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: chromium for the browser tests (never `playwright install`), a CJK font so
# screenshots and layout checks see real glyphs, Java for the Nu Html Checker, npm to fetch it.
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(npm)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi

python -m pip install -q --disable-pip-version-check -e ".[test]"

# The Nu Html Checker, current enough to know CSP's 'wasm-unsafe-eval' (digest/check.py: VNU_VERSION).
vnu=tools/.vnu/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$vnu" ]; then
    npm install --silent --no-audit --no-fund --save-exact --prefix tools/.vnu vnu-jar@26.9.27 >/dev/null
fi

python -m ruff check .
python -m pytest "$@"
