#!/bin/sh
# Every file named is well-formed XML (the SVG and HTML screen exports).
# Skips (77) without python3.
command -v python3 >/dev/null 2>&1 || exit 77
for f in "$@"; do
	python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$f" || {
		echo "not well-formed XML: $f"
		exit 1
	}
done
