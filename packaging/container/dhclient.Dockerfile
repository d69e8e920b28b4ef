# ISC dhclient from Debian's isc-dhcp-client package: docker-compose.yml's DHCP client, which gets
# a lease from d2j-dhcp4 so that its name appears in BIND.
#
#   docker build -f packaging/container/dhclient.Dockerfile -t d2j/dhclient packaging/container
ARG BASE=d2j/debian:bookworm
FROM ${BASE}
RUN set -eu; \
    apt-get update -qq; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      isc-dhcp-client iproute2 >/dev/null; \
    rm -rf /var/lib/apt/lists/*
CMD ["/sbin/dhclient", "-4", "-d", "-v", "eth0"]
