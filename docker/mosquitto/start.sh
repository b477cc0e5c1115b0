#!/bin/sh
# The broker container's command: writes mosquitto's password file from the per-identity secrets
# (`identities` names each identity's setting, MQTT_<ID>_PASSWORD), makes the healthcheck's own
# password, copies the TLS certificates where the mosquitto user can read them, then runs mosquitto.
# MOSQUITTO_HOME (default /mosquitto) lets the tests run the same script outside a container.
set -eu
home=${MOSQUITTO_HOME:-/mosquitto}
conf=$home/config
umask 077

passwd=$home/data/passwd
tmp=$passwd.new
: >"$tmp"
missing=
while read -r user key; do
  case $user in '' | '#'*) continue ;; esac
  case $key in *[!A-Z0-9_]* | '') echo "start.sh: bad setting name '$key' in $conf/identities" >&2 && exit 1 ;; esac
  eval "value=\${$key:-}"
  if [ -z "$value" ]; then
    # A setting shared by several identities (opshub-bridge, opshub-bridge-1 …) is named once.
    case " $missing " in *" $key "*) ;; *) missing="$missing $key" ;; esac
    continue
  fi
  printf '%s:%s\n' "$user" "$value" >>"$tmp"
done <"$conf/identities"
if [ -n "$missing" ]; then
  rm -f "$tmp"
  echo "start.sh: set these passwords (docker/mosquitto/passwords.sh generates them):$missing" >&2
  exit 1
fi
# The healthcheck's identity lives only as long as this container: a fresh password at each start.
health=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32)
printf 'health:%s\n' "$health" >>"$tmp"
printf '%s\n' "$health" >"$home/health.password"
# -U hashes the file in place: no password ever appears on a command line.
mosquitto_passwd -U "$tmp"
mv "$tmp" "$passwd"

mkdir -p "$home/tls"
for f in server.crt server.key; do
  [ -r "$home/certs/$f" ] || { echo "start.sh: $home/certs/$f is missing (see docker/README.md, TLS)" >&2 && exit 1; }
  cp "$home/certs/$f" "$home/tls/$f"
done
# Run as root, mosquitto drops to its own user before it reads these.
if [ "$(id -u)" = 0 ]; then
  chown mosquitto:mosquitto "$home/data" "$passwd"
  chown -R mosquitto:mosquitto "$home/tls"
fi
exec mosquitto -c "$conf/mosquitto.conf"
