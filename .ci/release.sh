#!/usr/bin/env bash
# Tests the release configuration (.goreleaser.yaml) the way the release
# workflow runs it, without publishing: goreleaser check, then a snapshot
# release into dist/, then the archives, checksums.txt and SBOMs it must
# hold. GoReleaser and cyclonedx-gomod are built from tools/go.mod (their
# own module), into a folder under the Go cache so a second run reuses them.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="$(go env GOCACHE)/heft-tools"
mkdir -p "$bin"
go build -C tools -o "$bin/" github.com/goreleaser/goreleaser/v2 github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod
export PATH="$bin:$PATH"

goreleaser check
# A snapshot needs a tag to count from; a fresh clone may have none.
goreleaser release --snapshot --clean --skip=publish,announce

cd dist
want=()
for os in linux darwin windows; do
	for arch in amd64 arm64; do
		ext=tar.gz
		[[ $os == windows ]] && ext=zip
		want+=("heft_*_${os}_${arch}.${ext}")
	done
done
for pat in "${want[@]}"; do
	compgen -G "$pat" >/dev/null || { echo "release.sh: no archive $pat in dist/"; ls; exit 1; }
done
sha256sum --check --strict checksums.txt
n=$(ls ./*.cdx.json | wc -l)
[[ $n -eq 18 ]] || { echo "release.sh: want 18 SBOMs (3 binaries x 6 targets), got $n"; exit 1; }
grep -q '"bomFormat": *"CycloneDX"' ./heft_*_linux_amd64.cdx.json
grep -q 'modernc.org/sqlite' ./heft-full_*_linux_amd64.cdx.json # the tags reached heft-full
if grep -q 'modernc.org/sqlite' ./heft_*_linux_amd64.cdx.json; then
	echo "release.sh: heft carries the SQLite driver; only heft-full should"; exit 1
fi
tar -xzf heft_*_linux_amd64.tar.gz heft heft-full githubbot
./heft score ../testdata/agent-pr.patch >/dev/null
./heft-full score ../testdata/agent-pr.patch >/dev/null
# heft without the drivers names the binary that has them.
out=$(./heft ledger show --ledger sqlite:ledger.db octo 2>&1 || true)
grep -q 'heft-full' <<<"$out" || { echo "release.sh: heft's missing-driver error does not name heft-full: $out"; exit 1; }
./heft-full ledger show --ledger sqlite:ledger.db octo >/dev/null
echo "release.sh: $(ls heft_*.tar.gz heft_*.zip | wc -l) archives, checksums.txt and $n SBOMs check out"
