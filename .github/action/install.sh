#!/usr/bin/env bash
# Installs heft for the Action (action.yml) from a release: the archive
# for this runner's OS and architecture, checked against the release's
# checksums.txt before it is unpacked. It prints nothing on standard
# output but the workflow outputs, and writes heft=PATH to GITHUB_OUTPUT
# when it installed a release binary, or heft= (empty) when none matches,
# so that the Action builds from source instead: when the Action is used
# at a branch or a commit rather than a release tag, when the release has
# no archive for this runner, or when it cannot be downloaded. A checksum
# that does not match is an error, never a reason to fall back.
#
# Environment:
#   VERSION       the release tag, such as v0.4.0; anything else (main, a
#                 commit) means no release, build from source
#   RUNNER_OS     Linux, macOS or Windows;  RUNNER_ARCH  X64 or ARM64
#   RUNNER_TEMP   where to unpack (default: a new temporary directory)
#   HEFT_RELEASES the releases' base URL
#                 (default https://github.com/heft-dev/heft/releases/download)
#   GITHUB_OUTPUT where the output goes (default: standard output)
set -euo pipefail

out=${GITHUB_OUTPUT:-/dev/stdout}
tmp=${RUNNER_TEMP:-$(mktemp -d)}
releases=${HEFT_RELEASES:-https://github.com/heft-dev/heft/releases/download}
version=${VERSION:-}

none() {
	echo "::notice title=heft::$*; building heft from source" >&2
	echo "heft=" >>"$out"
	exit 0
}

[[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || none "'${version:-(none)}' is not a release tag"

case ${RUNNER_OS:-} in
Linux) os=linux ;;
macOS) os=darwin ;;
Windows) os=windows ;;
*) none "no release is built for runner OS '${RUNNER_OS:-}'" ;;
esac
case ${RUNNER_ARCH:-} in
X64) arch=amd64 ;;
ARM64) arch=arm64 ;;
*) none "no release is built for runner architecture '${RUNNER_ARCH:-}'" ;;
esac
ext=tar.gz exe=
if [[ $os == windows ]]; then ext=zip exe=.exe; fi

archive="heft_${version#v}_${os}_${arch}.${ext}"
dir="$tmp/heft-release"
rm -rf "$dir"
mkdir -p "$dir"
fetch() { curl -fsSL --retry 3 --proto '=https,file' -o "$dir/$1" "$releases/$version/$1"; }
fetch checksums.txt || none "no checksums.txt in release $version"
fetch "$archive" || none "no $archive in release $version"

want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$dir/checksums.txt")
[[ -n $want ]] || {
	echo "::error title=heft::checksums.txt of $version does not list $archive" >&2
	exit 1
}
if command -v sha256sum >/dev/null; then
	got=$(sha256sum "$dir/$archive" | awk '{ print $1 }')
else
	got=$(shasum -a 256 "$dir/$archive" | awk '{ print $1 }')
fi
if [[ $got != "$want" ]]; then
	echo "::error title=heft::$archive does not match checksums.txt of $version (sha256 $got, want $want): not installed" >&2
	exit 1
fi

if [[ $ext == zip ]]; then
	unzip -q -o "$dir/$archive" -d "$dir"
else
	tar -xzf "$dir/$archive" -C "$dir"
fi
[[ -x $dir/heft$exe ]] || {
	echo "::error title=heft::$archive holds no heft$exe" >&2
	exit 1
}
echo "heft: installed $archive of $version (sha256 $got)" >&2
echo "heft=$dir/heft$exe" >>"$out"
