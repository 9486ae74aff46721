#!/bin/sh
# Test plugin: fails with a message on stderr.
echo "error: login failed: bad password" >&2
echo "hint: run kubectl oidc-login setup" >&2
echo "third line" >&2
echo "fourth line" >&2
exit 3
