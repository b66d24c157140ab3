#!/usr/bin/env bash
# Render the HTML report of a folder to a PNG with headless Chromium, to look at the page as a
# reader would. Usage: scripts/screenshot_report.sh [FOLDER] [OUT.png]   (default: seeds)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
folder="${1:-seeds}"
png="${2:-/tmp/report.png}"
html="${png%.png}.html"
db="$(mktemp -d)/x.db"
profile="$(mktemp -d)"
trap 'rm -rf "$(dirname "$db")" "$profile"' EXIT

command -v chromium >/dev/null || { echo "chromium is missing: apt-get update && apt-get install -y chromium" >&2; exit 1; }

cd "$here"
.venv/bin/factcheck conflicts "$folder" --all --format html --output "$html" --db "$db"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$png" --window-size="${WINDOW_SIZE:-1280,2400}" "file://$html" 2>/dev/null
echo "$html -> $png"
