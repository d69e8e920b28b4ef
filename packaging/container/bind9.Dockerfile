# BIND 9 from Debian's bind9 package, for docker-compose.yml. Its configuration is not baked in:
# the compose file mounts test-zones/ and packaging/compose/bind-start.sh, which renders named.conf
# with a TSIG key made at the first start (so the same service also runs ISC's bind9 image).
#
#   docker build -f packaging/container/bind9.Dockerfile -t d2j/bind9 packaging/container
ARG BASE=d2j/debian:bookworm
FROM ${BASE}
RUN set -eu; \
    apt-get update -qq; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      bind9 bind9-dnsutils >/dev/null; \
    rm -rf /var/lib/apt/lists/*
EXPOSE 53/udp 53/tcp
CMD ["/usr/sbin/named", "-g", "-u", "bind"]
