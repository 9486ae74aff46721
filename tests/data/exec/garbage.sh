#!/bin/sh
# Test plugin: exits 0 but prints no ExecCredential.
echo "Hello, I am not JSON"
