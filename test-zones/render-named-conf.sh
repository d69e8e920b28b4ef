#!/usr/bin/env bash
# Writes DIR/named.conf from named.conf.template and copies the zone files
# into DIR, exactly as testkit's BindServer does, so a demo can run
#   named -g -c DIR/named.conf        (add -u bind when running as root)
#
# usage: render-named-conf.sh DIR ADDRESS PORT KEYNAME ALGORITHM SECRET
#   e.g. render-named-conf.sh /tmp/d2j-bind 127.0.0.1 5300 d2j-key. hmac-sha256 "$(head -c32 /dev/urandom | base64)"
set -euo pipefail

if [[ $# -ne 6 ]]; then
  echo "usage: $0 DIR ADDRESS PORT KEYNAME ALGORITHM SECRET" >&2
  exit 2
fi
dir=$1 address=$2 port=$3 keyname=$4 algorithm=$5 secret=$6
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  echo "$0: PORT: not a port number: '$port'" >&2
  exit 2
fi
case ${algorithm,,} in
  hmac-md5 | hmac-sha1 | hmac-sha224 | hmac-sha256 | hmac-sha384 | hmac-sha512) ;;
  *)
    echo "$0: ALGORITHM: not a BIND TSIG algorithm: '$algorithm'" >&2
    exit 2
    ;;
esac

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cp "$here"/*.db "$dir"/
# named writes .jnl files next to the zones it updates.
chmod u+w "$dir"/*.db

keys="key \"$keyname\" { algorithm ${algorithm,,}; secret \"$secret\"; };"
update_keys="key \"$keyname\";"

# Literal replacement (no sed: secrets contain '/' and '+').
template=$(<"$here/named.conf.template")
template=${template//@DIR@/$dir}
template=${template//@ADDRESS@/$address}
template=${template//@PORT@/$port}
template=${template//@KEYS@/$keys}
template=${template//@UPDATE_KEYS@/$update_keys}
printf '%s\n' "$template" >"$dir/named.conf"

if [[ $(id -u) -eq 0 ]] && getent passwd bind >/dev/null; then
  chown -R bind: "$dir"
fi
echo "$dir/named.conf"
