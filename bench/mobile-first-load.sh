#!/usr/bin/env bash
# PWA first load (issue 6): the bytes a phone downloads to open /m/ the first time — the shell and every asset it
# references (scripts, styles, manifest, icon). Leaflet is not among them: it is loaded when a map is first shown.
# Usage: bench/mobile-first-load.sh [base-url]   (default http://localhost:8080; the app must be running)
set -euo pipefail
BASE=${1:-http://localhost:8080}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
curl -fsS "$BASE/m/" -o "$tmp/shell.html"
total_raw=$(stat -c %s "$tmp/shell.html"); total_gz=$(gzip -9c "$tmp/shell.html" | wc -c); jscss_raw=0; jscss_gz=0
printf '%-32s %9s %9s\n' asset bytes gzip
printf '%-32s %9d %9d\n' /m/ "$total_raw" "$total_gz"
for path in $(grep -oE '(src|href)="/[^"]+"' "$tmp/shell.html" | sed -E 's/.*="([^"]+)"/\1/' | sort -u); do
  curl -fsS "$BASE$path" -o "$tmp/a"
  raw=$(stat -c %s "$tmp/a"); gz=$(gzip -9c "$tmp/a" | wc -c)
  printf '%-32s %9d %9d\n' "$path" "$raw" "$gz"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  case "$path" in *.js|*.css) jscss_raw=$((jscss_raw + raw)); jscss_gz=$((jscss_gz + gz));; esac
done
printf '%-32s %9d %9d\n' 'JS + CSS' "$jscss_raw" "$jscss_gz"
printf '%-32s %9d %9d\n' 'all (first load)' "$total_raw" "$total_gz"
for path in /webjars/leaflet/dist/leaflet.js /webjars/leaflet/dist/leaflet.css; do
  curl -fsS "$BASE$path" -o "$tmp/a"
  printf '%-32s %9d %9d  (lazy, when a map is shown)\n' "$path" "$(stat -c %s "$tmp/a")" "$(gzip -9c "$tmp/a" | wc -c)"
done
[ "$jscss_raw" -lt $((300 * 1024)) ] && echo "budget 300 KB of JS+CSS: met" || { echo "budget 300 KB of JS+CSS: EXCEEDED"; exit 1; }
