#!/usr/bin/env bash
# Installs Debian's chromium when it is missing, for the test that renders
# heft eval's HTML report in a headless browser
# (examples/internal/eval, TestHTMLInChromium). Needs root and apt-get.
set -euo pipefail
for b in chromium chromium-browser; do
	if command -v "$b" >/dev/null 2>&1; then
		exit 0
	fi
done
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null
