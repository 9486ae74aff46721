#!/bin/sh
# Test exec plugin: prints a v1 ExecCredential whose token is $SIM_TOKEN
# (set through the kubeconfig's exec env), and checks it was handed
# KUBERNETES_EXEC_INFO.
[ -n "$KUBERNETES_EXEC_INFO" ] || { echo "no KUBERNETES_EXEC_INFO" >&2; exit 1; }
cat <<JSON
{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
 "status": {"token": "$SIM_TOKEN", "expirationTimestamp": "2099-01-01T00:00:00Z"}}
JSON
