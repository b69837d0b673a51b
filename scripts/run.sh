#!/usr/bin/env bash
# The README's run command: installs what it needs, builds the app and serves it on
# http://127.0.0.1:8080 until interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
bash scripts/build-web.sh
echo "Serving the Access Simulator on http://127.0.0.1:8080 (Ctrl+C to stop)"
echo "  docs embed example: http://127.0.0.1:8080/embed-example.html"
exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist
