#!/bin/sh
# At install, and again whenever a secret is added or deleted (to rotate it): writes docker/.env
# (mode 0600) from env.example and fills every secret it lacks with a fresh random value (openssl
# rand, hex: safe inside DATABASE_URL and REDIS_URL). Values already set are kept, but for:
#   - OPSHUB_SECRET when it is a placeholder (change-me…): replaced;
#   - OPSHUB_<SUBGRAPH>_KEY: always derived again from OPSHUB_SECRET (HKDF-SHA256, the same
#     derivation as deriveInternalKey in packages/auth), each subgraph's own verification key.
# Then the MQTT identities' passwords (mosquitto/passwords.sh). Usage:
#   docker/generate-secrets.sh [env file, default docker/.env]
# Note: while it runs, OPSHUB_SECRET is an argument of `openssl kdf` (visible to `ps` on this host
# for a few milliseconds); run it where no other user can watch.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
env=${1:-$here/.env}
umask 077
[ -f "$env" ] || cp "$here/env.example" "$env"
chmod 0600 "$env"
# A last line without its newline would swallow the first one added.
if [ -s "$env" ] && [ -n "$(tail -c 1 "$env")" ]; then echo >>"$env"; fi

value() { sed -n "s/^$1=//p" "$env" | tail -n 1; }
# Replaces the line KEY=… in place (the first one; drops repeats), or appends it.
set_value() {
  tmp="$env.new"
  awk -v k="$1" -v v="$2" '
    index($0, k "=") == 1 { if (!done) print k "=" v; done = 1; next }
    { print }
    END { if (!done) print k "=" v }' "$env" >"$tmp"
  mv "$tmp" "$env"
}

added=
for key in POSTGRES_PASSWORD OPSHUB_DB_OWNER_PASSWORD OPSHUB_DB_APP_PASSWORD REDIS_PASSWORD OPSHUB_SECRET DQM_PSEUDONYM_KEY; do
  current=$(value "$key")
  case $current in
  '' | *change-me* | *changeme* | *CHANGE-ME*) ;;
  *) continue ;;
  esac
  if [ -n "$current" ] && [ "$key" != OPSHUB_SECRET ]; then
    echo "generate-secrets.sh: $key holds a placeholder; set it by hand (a database volume may already use it)" >&2
    continue
  fi
  set_value "$key" "$(openssl rand -hex 32)"
  added="$added $key"
done

secret=$(value OPSHUB_SECRET)
for subgraph in ops alerts workflow dcs dqm; do
  key=$(openssl kdf -binary -keylen 32 -kdfopt digest:SHA256 -kdfopt "key:$secret" \
    -kdfopt salt:opshub/internal-signature/v1 -kdfopt "info:audience:$subgraph" HKDF |
    openssl base64 -A | tr '+/' '-_' | tr -d '=')
  [ ${#key} -eq 43 ] || { echo "generate-secrets.sh: openssl kdf failed (OpenSSL 3 needed)" >&2 && exit 1; }
  set_value "OPSHUB_$(echo "$subgraph" | tr 'a-z' 'A-Z')_KEY" "ohk1.$subgraph.$key"
done
echo "Secrets in $env (mode 0600): generated${added:- nothing new};" \
  "subgraph keys derived from OPSHUB_SECRET"
sh "$here/mosquitto/passwords.sh" "$env"
