#!/bin/bash
# cloud-init user data for one peer per EC2 instance (one silo, localhost clustering), or for one process of a
# peer of several instances (P2P_ROLE, below).
# Terraform (main.tf) prepends the parameters as shell assignments:
#   P2P_NAME       peer name (peer1, peer2, ...)
#   P2P_FRIENDS    space-separated private IPs of this peer's friends (at most two are used)
#   P2P_ARTIFACT   URL of a tar.gz of `dotnet publish src/Silo -c Release -r linux-x64 --self-contained`
#   P2P_KEY_PARAMETER  SSM Parameter Store name (SecureString) holding the network key, read with the
#                  instance role (aws ssm get-parameter --with-decryption); or
#   P2P_NETWORK_KEY    the key itself (a user-data variable; visible to anyone who can read user data)
#   P2P_ALLOWED_CIDRS  space-separated CIDRs peers may be called on (Terraform: the VPC CIDR)
#   P2P_PRIVATE    true (default): every call but /health needs the key; false: reads stay open
#   P2P_ACCEPT_UPLOADS  false (default) or true; P2P_MAX_SHARED_BYTES quota (0 = none)
#   P2P_TLS_CERT, P2P_TLS_KEY, P2P_TLS_CA  optional PEM paths on the instance (put there by your AMI or
#                  cloud-init); when set, REST and gRPC use TLS and friends are https://
# A peer of several processes (deploy/README.md, "A peer of several silos behind gateways"), all optional:
#   P2P_ROLE       peer (default: one instance is the whole peer), silo (grains only) or gateway (REST, gRPC and
#                  /metrics as an Orleans client of the peer's silos)
#   P2P_REDIS      host:port of the Redis (ElastiCache) that the peer's silos and gateways share: membership and
#                  grain state (required with P2P_ROLE silo or gateway)
#   P2P_PEER_HOST  the address other peers reach this peer at (its gateway's private IP, or a load balancer's
#                  name); default: this instance's private IP. Every instance of one peer is given the same.
# The key goes to /etc/p2p/peer.env (mode 600, read by systemd as P2P__NETWORK_KEY), never into peer.json.
# The instance's private IP (IMDSv2) becomes self_url. simulate.sh sources this file with
# P2P_USER_DATA_LIBRARY=1 to write configs by exactly the same code (write_peer_config).
set -euo pipefail

P2P_REST_PORT=8001
P2P_GRPC_PORT=50051
P2P_METRICS_PORT=9001

# write_peer_config NAME SELF_IP "FRIEND_IP..." SHARED_DIR DATA_DIR OUT_FILE
write_peer_config() {
  local name="$1" self_ip="$2" friends="$3" shared="$4" data="$5" out="$6"
  local -a urls=() cidrs=()
  local ip cidr scheme=http tls="" cluster=""
  if [ -n "${P2P_TLS_CERT:-}" ]; then
    scheme=https
    tls="\"tls_cert\": \"$P2P_TLS_CERT\", \"tls_key\": \"$P2P_TLS_KEY\", \"tls_ca\": \"${P2P_TLS_CA:-}\","
  fi
  if [ -n "${P2P_REDIS:-}" ]; then
    cluster="\"role\": \"${P2P_ROLE:-peer}\", \"clustering\": \"redis\", \"storage\": \"redis\", \"redis\": \"$P2P_REDIS\","
  elif [ "${P2P_ROLE:-peer}" != peer ]; then
    echo "P2P_ROLE=$P2P_ROLE needs P2P_REDIS (the Redis the peer's processes share)" >&2; return 1
  fi
  for ip in $friends; do urls+=("$scheme://$ip:$P2P_REST_PORT"); done
  for cidr in ${P2P_ALLOWED_CIDRS:-}; do cidrs+=("\"$cidr\""); done
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
  "self_url": "$scheme://${P2P_PEER_HOST:-$self_ip}:$P2P_REST_PORT",
  "bind_address": "$self_ip",
  "silo_port": 11111,
  "gateway_port": 30000,
  "search_ttl": 3,
  "max_fanout": 3,
  $tls
  $cluster
  "private": ${P2P_PRIVATE:-true},
  "accept_uploads": ${P2P_ACCEPT_UPLOADS:-false},
  "max_shared_bytes": ${P2P_MAX_SHARED_BYTES:-0},
  "allowed_peer_cidrs": [$(IFS=,; echo "${cidrs[*]:-}")]
}
JSON
}

# write_key_env OUT_FILE: the network key as a systemd EnvironmentFile (mode 600), from SSM or P2P_NETWORK_KEY.
write_key_env() {
  local out="$1" key="${P2P_NETWORK_KEY:-}"
  if [ -n "${P2P_KEY_PARAMETER:-}" ]; then
    key="$(aws ssm get-parameter --name "$P2P_KEY_PARAMETER" --with-decryption --query Parameter.Value --output text)"
  fi
  [ -n "$key" ] || { echo "no network key: set P2P_KEY_PARAMETER or P2P_NETWORK_KEY" >&2; return 1; }
  mkdir -p "$(dirname "$out")"
  (umask 077 && printf 'P2P__NETWORK_KEY=%s\n' "$key" >"$out")
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
  if [ -n "${P2P_KEY_PARAMETER:-}" ] && ! command -v aws >/dev/null; then
    apt-get update -q && apt-get install -y -q awscli
  fi
  write_peer_config "$P2P_NAME" "$(instance_private_ip)" "${P2P_FRIENDS:-}" \
    /var/lib/p2p/shared /var/lib/p2p/data /etc/p2p/peer.json
  write_key_env /etc/p2p/peer.env
  chown -R p2p:p2p /var/lib/p2p
  cp /opt/p2p/deploy/p2p-peer.service /etc/systemd/system/p2p-peer.service
  systemctl daemon-reload
  systemctl enable --now p2p-peer.service
}

if [ "${P2P_USER_DATA_LIBRARY:-0}" != 1 ]; then
  main
fi
