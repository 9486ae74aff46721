#!/bin/sh
# Test plugin: prints a v1beta1 ExecCredential with a client certificate.
printf '%s\n' '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",' \
    '"status":{"clientCertificateData":"-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n",' \
    '"clientKeyData":"-----BEGIN PRIVATE KEY-----\nY\n-----END PRIVATE KEY-----\n"}}'
