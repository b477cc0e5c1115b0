#!/bin/sh
# The redis container's command (issue 7, M8): puts REDIS_PASSWORD in a config file on a private
# tmpfs (requirepass), so that it never appears on a command line, then runs the image's entrypoint
# (which drops to the redis user) with that file and the options compose passes ("$@").
set -eu
case ${REDIS_PASSWORD:-} in
'') echo 'redis start.sh: set REDIS_PASSWORD (docker/generate-secrets.sh)' >&2 && exit 1 ;;
*[!A-Za-z0-9_-]*) echo 'redis start.sh: REDIS_PASSWORD must be URL-safe (it goes into REDIS_URL)' >&2 && exit 1 ;;
esac
dir=${REDIS_RUN_DIR:-/run/redis}
umask 077
mkdir -p "$dir"
printf 'requirepass %s\n' "$REDIS_PASSWORD" >"$dir/redis.conf"
if [ "$(id -u)" = 0 ] && id redis >/dev/null 2>&1; then chown -R redis:redis "$dir"; fi
exec docker-entrypoint.sh redis-server "$dir/redis.conf" "$@"
