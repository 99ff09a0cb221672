# A local Prometheus for the monitoring profile without registry access: the host's Debian
# prometheus binary (depends only on libc) on p2p-base:local. Context: a folder holding `prometheus`.
ARG BASE_IMAGE=p2p-base:local
FROM ${BASE_IMAGE}
COPY prometheus /bin/prometheus
EXPOSE 9090
ENTRYPOINT ["/bin/prometheus", "--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/tmp/prometheus"]
