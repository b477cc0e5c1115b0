#!/bin/sh
# At install: gives every MQTT identity listed in `identities` a random password in docker/.env
# (MQTT_<ID>_PASSWORD), keeping the ones already there. The broker hashes them at each start
# (start.sh); configure each device with its own (and nothing else). Usage:
#   docker/mosquitto/passwords.sh [env file, default docker/.env]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
env=${1:-$here/../.env}
[ -f "$env" ] || { umask 077 && : >"$env"; }
chmod 0600 "$env"
# A last line without its newline would swallow the first one added.
if [ -s "$env" ] && [ -n "$(tail -c 1 "$env")" ]; then echo >>"$env"; fi
added=
while read -r user key; do
  case $user in '' | '#'*) continue ;; esac
  grep -q "^$key=." "$env" && continue
  printf '%s=%s\n' "$key" "$(openssl rand -hex 24)" >>"$env"
  added="$added $user"
done <"$here/identities"
echo "MQTT passwords added to $env for:${added:- (none missing)}"
