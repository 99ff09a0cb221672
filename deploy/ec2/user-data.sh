#!/bin/bash
# cloud-init user data for one peer per EC2 instance (one silo, localhost clustering).
# Terraform (main.tf) prepends the parameters as shell assignments:
#   P2P_NAME       peer name (peer1, peer2, ...)
#   P2P_FRIENDS    space-separated private IPs of this peer's friends (at most two are used)
#   P2P_ARTIFACT   URL of a tar.gz of `dotnet publish src/Silo -c Release -r linux-x64 --self-contained`
# The instance's private IP (IMDSv2) becomes self_url. simulate.sh sources this file with
# P2P_USER_DATA_LIBRARY=1 to write configs by exactly the same code (write_peer_config).
set -euo pipefail

P2P_REST_PORT=8001
P2P_GRPC_PORT=50051
P2P_METRICS_PORT=9001

# write_peer_config NAME SELF_IP "FRIEND_IP..." SHARED_DIR DATA_DIR OUT_FILE
write_peer_config() {
  local name="$1" self_ip="$2" friends="$3" shared="$4" data="$5" out="$6"
  local -a urls=()
  local ip
  for ip in $friends; do urls+=("http://$ip:$P2P_REST_PORT"); done
  mkdir -p "$(dirname "$out")" "$shared" "$data"
  cat >"$out" <<JSON
{
  "name": "$name",
  "rest_port": $P2P_REST_PORT,
  "grpc_port": $P2P_GRPC_PORT,
  "metrics_port": $P2P_METRICS_PORT,
  "shared_dir": "$shared",
  "data_dir": "$data",
  "friend_primary": "${urls[0]:-}",
  "friend_secondary": "${urls[1]:-}",
  "self_url": "http://$self_ip:$P2P_REST_PORT",
  "bind_address": "$self_ip",
  "silo_port": 11111,
  "gateway_port": 30000,
  "search_ttl": 3,
  "max_fanout": 3
}
JSON
}

instance_private_ip() {
  local token
  token="$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)"
  curl -fsS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/local-ipv4
}

main() {
  : "${P2P_NAME:?set by Terraform}" "${P2P_ARTIFACT:?set by Terraform}"
  id p2p >/dev/null 2>&1 || useradd --system --home-dir /var/lib/p2p --shell /usr/sbin/nologin p2p
  mkdir -p /opt/p2p
  curl -fsSL "$P2P_ARTIFACT" | tar -xz -C /opt/p2p
  write_peer_config "$P2P_NAME" "$(instance_private_ip)" "${P2P_FRIENDS:-}" \
    /var/lib/p2p/shared /var/lib/p2p/data /etc/p2p/peer.json
  chown -R p2p:p2p /var/lib/p2p
  cp /opt/p2p/deploy/p2p-peer.service /etc/systemd/system/p2p-peer.service
  systemctl daemon-reload
  systemctl enable --now p2p-peer.service
}

if [ "${P2P_USER_DATA_LIBRARY:-0}" != 1 ]; then
  main
fi
