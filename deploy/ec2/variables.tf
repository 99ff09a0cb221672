variable "region" {
  description = "AWS region."
  type        = string
  default     = "eu-west-1"
}

variable "instance_type" {
  description = "EC2 instance type of every peer."
  type        = string
  default     = "t3.small"
}

variable "instance_count" {
  description = "Number of peers (one silo per instance)."
  type        = number
  default     = 4
}

variable "key_name" {
  description = "Name of an existing EC2 key pair for SSH."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR of the VPC."
  type        = string
  default     = "10.77.0.0/16"
}

variable "subnet_cidr" {
  description = "CIDR of the peers' subnet; peer i gets host address 10 + i."
  type        = string
  default     = "10.77.0.0/24"
}

variable "ssh_cidr" {
  description = "CIDR allowed to reach SSH (22). The peer ports stay inside the security group."
  type        = string
}

variable "artifact_url" {
  description = "URL of the tar.gz with the self-contained publish and deploy/p2p-peer.service (see deploy/README.md)."
  type        = string
}

variable "network_key_parameter" {
  description = "SSM Parameter Store name (SecureString) holding the network key; the instances read it with their role (see main.tf)."
  type        = string
  default     = "/orleans-p2p/network-key"
}
