#!/bin/sh
# Test plugin for test-api: each run appends a line to the file named by
# $1 and prints a v1 ExecCredential with token "tok-N" (N = runs so far),
# so a server can reject the first token and accept the second.
echo run >> "$1"
n=$(wc -l < "$1" | tr -d ' ')
cat <<JSON
{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
 "status": {"token": "tok-$n"}}
JSON
