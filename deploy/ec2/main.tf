terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_ami" "debian" {
  most_recent = true
  owners      = ["136693071363"] # Debian
  filter {
    name   = "name"
    values = ["debian-12-amd64-*"]
  }
}

resource "aws_vpc" "p2p" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  tags                 = { Name = "orleans-p2p" }
}

resource "aws_internet_gateway" "p2p" {
  vpc_id = aws_vpc.p2p.id
}

resource "aws_subnet" "p2p" {
  vpc_id                  = aws_vpc.p2p.id
  cidr_block              = var.subnet_cidr
  availability_zone       = data.aws_availability_zones.available.names[0]
  map_public_ip_on_launch = true
}

resource "aws_route_table" "p2p" {
  vpc_id = aws_vpc.p2p.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.p2p.id
  }
}

resource "aws_route_table_association" "p2p" {
  subnet_id      = aws_subnet.p2p.id
  route_table_id = aws_route_table.p2p.id
}

# REST, gRPC and metrics are open only to members of this group; SSH only from ssh_cidr.
resource "aws_security_group" "peers" {
  name        = "orleans-p2p-peers"
  description = "OrleansP2P peers"
  vpc_id      = aws_vpc.p2p.id
}

# REST, gRPC and metrics for every peer; the silo and Orleans gateway ports for a peer of several instances
# (user-data.sh P2P_ROLE silo/gateway: its silos talk to each other, its gateways reach them; unused otherwise).
resource "aws_vpc_security_group_ingress_rule" "peer_ports" {
  for_each = {
    rest    = { port = 8001, what = "p2p rest" }
    grpc    = { port = 50051, what = "p2p grpc" }
    metrics = { port = 9001, what = "p2p metrics" }
    silo    = { port = 11111, what = "orleans silo" }
    gateway = { port = 30000, what = "orleans gateway" }
  }
  security_group_id            = aws_security_group.peers.id
  referenced_security_group_id = aws_security_group.peers.id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  description                  = "${each.value.what} inside the group"
}

# The Orleans ports had a resource of their own before: the same rules, kept in place.
moved {
  from = aws_vpc_security_group_ingress_rule.orleans_ports["silo"]
  to   = aws_vpc_security_group_ingress_rule.peer_ports["silo"]
}

moved {
  from = aws_vpc_security_group_ingress_rule.orleans_ports["gateway"]
  to   = aws_vpc_security_group_ingress_rule.peer_ports["gateway"]
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.peers.id
  cidr_ipv4         = var.ssh_cidr
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.peers.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

locals {
  # Fixed private addresses, so each peer's friends (the next two in a ring) are known up front.
  private_ips = [for i in range(var.instance_count) : cidrhost(var.subnet_cidr, 11 + i)]
}

# The instances read the network key from SSM Parameter Store (create it first:
#   aws ssm put-parameter --name /orleans-p2p/network-key --type SecureString --value "$(openssl rand -hex 32)").
data "aws_caller_identity" "current" {}

resource "aws_iam_role" "peer" {
  name = "orleans-p2p-peer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "read_network_key" {
  role = aws_iam_role.peer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ssm:GetParameter"]
      Resource = "arn:aws:ssm:${var.region}:${data.aws_caller_identity.current.account_id}:parameter${var.network_key_parameter}"
    }]
  })
}

resource "aws_iam_instance_profile" "peer" {
  name = "orleans-p2p-peer"
  role = aws_iam_role.peer.name
}

resource "aws_instance" "peer" {
  count                  = var.instance_count
  ami                    = data.aws_ami.debian.id
  instance_type          = var.instance_type
  key_name               = var.key_name
  subnet_id              = aws_subnet.p2p.id
  private_ip             = local.private_ips[count.index]
  vpc_security_group_ids = [aws_security_group.peers.id]
  iam_instance_profile   = aws_iam_instance_profile.peer.name

  metadata_options {
    http_tokens = "required" # IMDSv2, as user-data.sh asks for it
  }

  user_data = join("\n", [
    "#!/bin/bash",
    "P2P_NAME=peer${count.index + 1}",
    "P2P_FRIENDS='${join(" ", [for k in [1, 2] : local.private_ips[(count.index + k) % var.instance_count] if var.instance_count > k])}'",
    "P2P_ARTIFACT='${var.artifact_url}'",
    "P2P_KEY_PARAMETER='${var.network_key_parameter}'",
    "P2P_ALLOWED_CIDRS='${var.vpc_cidr}'",
    "P2P_PRIVATE=true",
    file("${path.module}/user-data.sh"),
  ])

  tags = { Name = "orleans-p2p-peer${count.index + 1}" }
}

output "peers" {
  description = "Each peer's private REST URL (reachable inside the security group) and public IP for SSH."
  value = {
    for i, instance in aws_instance.peer :
    "peer${i + 1}" => { rest = "http://${instance.private_ip}:8001", public_ip = instance.public_ip }
  }
}
