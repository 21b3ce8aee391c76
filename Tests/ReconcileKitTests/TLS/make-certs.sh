#!/bin/sh
# Regenerates the TEST-ONLY TLS fixtures in this directory. Never use these keys for anything real:
# the private keys are public in this repository.
set -eu
cd "$(dirname "$0")"
# The test CA the tests pass to --ca-cert (valid 20 years).
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 7300 \
  -keyout test-ca.key -out test-ca.pem -subj "/CN=xopero-reconcile test CA"
# The simulator's server certificate for 127.0.0.1 and localhost, signed by the test CA (valid 20 years).
openssl req -newkey rsa:2048 -nodes -sha256 \
  -keyout server.key -out server.csr -subj "/CN=localhost"
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA test-ca.pem -CAkey test-ca.key -CAcreateserial \
  -days 7300 -sha256 -extfile server.ext -out server.pem
# An unrelated CA that did not sign the server certificate (verification against it must fail).
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 7300 \
  -keyout other-ca.key -out other-ca.pem -subj "/CN=xopero-reconcile unrelated test CA"
# A key that belongs to no certificate here (the simulator must refuse it with server.pem).
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out unrelated.key
# The CA keys are not kept: rerun this script to reissue everything.
rm -f server.csr server.ext test-ca.srl test-ca.key other-ca.key
