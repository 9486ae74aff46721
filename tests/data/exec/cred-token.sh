#!/bin/sh
# Test plugin: prints a v1 ExecCredential whose token shows its first
# argument and $PLUGIN_VAR; KUBERNETES_EXEC_INFO goes to stderr.
printf '%s' "$KUBERNETES_EXEC_INFO" >&2
cat <<JSON
{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
 "status": {"token": "tok-$1-$PLUGIN_VAR",
            "expirationTimestamp": "2030-01-02T03:04:05Z"}}
JSON
