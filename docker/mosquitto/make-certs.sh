#!/bin/sh
# A private CA and a server certificate for the broker, for a trial install or a site without its
# own PKI:  docker/mosquitto/make-certs.sh <dir> <broker host name>...
# Writes ca.crt (give it to every device and to the workers: MQTT_CA_FILE), ca.key (keep it offline),
# server.crt and server.key (the broker's, mounted as the certs volume). The names must include
# `mosquitto` (how the workers reach it on the compose network) and what the devices dial.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 <dir> <host name>..." >&2 && exit 2; }
dir=$1
shift
umask 077
mkdir -p "$dir"
san=
for name in "$@"; do
  case $name in
    *[!0-9.]*) san="$san${san:+,}DNS:$name" ;;
    *) san="$san${san:+,}IP:$name" ;;
  esac
done
days=${CERT_DAYS:-825}
if [ ! -f "$dir/ca.key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=opshub MQTT CA" -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
fi
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$1" \
  -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$san" >"$dir/server.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
  -days "$days" -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
rm -f "$dir/server.csr" "$dir/server.ext" "$dir/ca.srl"
chmod 0644 "$dir/ca.crt" "$dir/server.crt"
echo "wrote $dir/ca.crt, $dir/server.crt, $dir/server.key for: $*"
