#!/bin/bash
# The image's HEALTHCHECK: GET /health on the REST port through bash's /dev/tcp (the runtime
# image has no curl). Healthy when the answer is {"status":"ok",...}. A silo behind gateways
# (P2P__ROLE=silo) listens on its metrics port only: healthy when /metrics answers 200.
if [ "${P2P__ROLE:-peer}" = silo ]; then
  exec 3<>"/dev/tcp/127.0.0.1/${P2P__METRICS_PORT:-9001}" || exit 1
  printf 'GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  timeout 3 head -n 1 <&3 | grep -q ' 200 '
  exit
fi
exec 3<>"/dev/tcp/127.0.0.1/${P2P__REST_PORT:-8001}" || exit 1
printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
timeout 3 cat <&3 | grep -q '"status":"ok"'
