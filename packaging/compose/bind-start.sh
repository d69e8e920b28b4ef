#!/bin/bash
# docker-compose.yml's BIND: serves test-zones/ (mounted at /d2j/test-zones) on port 53, accepting
# updates signed with the TSIG key d2j-key. (HMAC-SHA256). The key's secret is made at the first
# start and kept in the shared volume mounted at /d2j/tsig, which the D2 reads (secret-file).
# Runs under Debian's bind9 package (d2j/bind9) and under ISC's bind9 image alike.
set -euo pipefail
secret_file=/d2j/tsig/d2j-key.secret
if [[ ! -s "$secret_file" ]]; then
  head -c 32 /dev/urandom | base64 >"$secret_file.new"
  chmod 0644 "$secret_file.new"
  mv "$secret_file.new" "$secret_file"
fi
dir=/var/cache/bind/d2j
mkdir -p "$dir"
bash /d2j/test-zones/render-named-conf.sh "$dir" any 53 d2j-key. hmac-sha256 "$(cat "$secret_file")"
user=()
if id bind >/dev/null 2>&1; then
  chown -R bind: "$dir"
  user=(-u bind)
fi
exec /usr/sbin/named -g -c "$dir/named.conf" "${user[@]}"
