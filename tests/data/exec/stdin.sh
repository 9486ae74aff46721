#!/bin/sh
# Test plugin: reports what its stdin is (non-interactive: /dev/null).
if read -r line; then echo "stdin:$line"; else echo "stdin:eof"; fi
