#!/bin/sh
# tree.sh list|hash SRCDIR: the files a package is built from, and a
# hash of their names and contents (./dev deb stamps build-deb/ with it;
# the installed-package test skips packages built from another tree).
#   list  NUL-separated paths relative to SRCDIR: what git tracks, and
#         untracked files it does not ignore (uncommitted work included);
#         outside git, every file but the build folders
#   hash  one line: the SHA-256 over the list's names and contents
set -eu
cd "$2"
list() {
	if git rev-parse --git-dir >/dev/null 2>&1; then
		git ls-files -z --cached --others --exclude-standard |
		    xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh
	else
		find . -path './build*' -prune -o -path ./.git -prune -o \
		    -type f -printf '%P\0'
	fi
}
case $1 in
list)	list ;;
hash)	list | xargs -0 sha256sum | sha256sum | cut -d' ' -f1 ;;
*)	echo "usage: tree.sh list|hash SRCDIR" >&2; exit 2 ;;
esac
