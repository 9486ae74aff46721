#!/bin/sh
# Test exec plugin: prints a v1 ExecCredential with a short-lived token,
# "$SIM_TOKEN:exp=UNIXSECONDS", which the simulator accepts for $SIM_TTL
# seconds (default 2). With SIM_HONEST=1 the credential also says when it
# expires (expirationTimestamp); without, the client only learns it from
# the 401 (as with plugins that omit it). Appends a line to $SIM_COUNT
# per run.
[ -n "$SIM_COUNT" ] && echo run >> "$SIM_COUNT"
exp=$(( $(date +%s) + ${SIM_TTL:-2} ))
extra=
if [ "${SIM_HONEST:-0}" = 1 ]; then
	extra=", \"expirationTimestamp\": \"$(date -u -d "@$exp" +%Y-%m-%dT%H:%M:%SZ)\""
fi
cat <<JSON
{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
 "status": {"token": "$SIM_TOKEN:exp=$exp"$extra}}
JSON
