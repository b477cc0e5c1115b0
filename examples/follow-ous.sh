#!/usr/bin/env bash
# Follows OUS state transitions as they commit, one line each: when, which OUS, from -> to, who.
#
#   examples/follow-ous.sh [programId] [subscribe options…]
#   examples/follow-ous.sh 2019.1.01234.S --count 10
#
# Set OPSHUB_TOKEN (npm run opshub -- token create --user <user> --name scripts) and OPSHUB_URL when the hub is
# not http://localhost:4000. A dropped connection resumes where it stopped; the exit code is the CLI's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

variables='{}'
if [[ $# -gt 0 && $1 != --* ]]; then
  variables="{\"programId\":\"$1\"}"
  shift
fi

# The value of "key" in a JSON line: the first one, a string without escapes, a number or null.
field() {
  local re="\"$2\":(\"([^\"]*)\"|([^,}]*))"
  [[ $1 =~ $re ]] && printf '%s' "${BASH_REMATCH[2]:-${BASH_REMATCH[3]}}"
  return 0
}

npm --prefix "$root" run --silent opshub -- subscribe '
  subscription ($programId: String, $after: String) {
    ousStateChanged(programId: $programId, after: $after) {
      eventId
      ous { id }
      transition { from to at actor { username } systemActor }
    }
  }' --variables "$variables" "$@" |
  while IFS= read -r line; do
    from=$(field "$line" from)
    who=$(field "$line" username)
    [[ -z $who ]] && who=$(field "$line" systemActor)
    printf '%s  %s  %s -> %s  %s\n' "$(field "$line" at)" "$(field "$line" id)" \
      "${from/null/(new)}" "$(field "$line" to)" "$who"
  done
