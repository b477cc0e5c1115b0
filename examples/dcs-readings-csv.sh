#!/usr/bin/env bash
# Streams DCS readings as CSV (at,deviceId,metric,value) as the hub stores them.
#
#   examples/dcs-readings-csv.sh [deviceId|-] [metric|-] [subscribe options…] > readings.csv
#   examples/dcs-readings-csv.sh julabo temperature --timeout 3600 > chiller.csv
#
# Set OPSHUB_TOKEN and OPSHUB_URL (see follow-ous.sh). A dropped connection resumes after the last
# batch received, so the file has no gap and no repeated row.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# '-' or nothing: every device (every metric).
arg() { [[ -n ${1:-} && $1 != - && $1 != --* ]] && printf '"%s"' "$1" || printf null; }
variables="{\"deviceId\":$(arg "${1:-}"),\"metric\":$(arg "${2:-}")}"
for _ in 1 2; do [[ $# -gt 0 && $1 != --* ]] && shift; done

field() {
  local re="\"$2\":(\"([^\"]*)\"|([^,}]*))"
  [[ $1 =~ $re ]] && printf '%s' "${BASH_REMATCH[2]:-${BASH_REMATCH[3]}}"
  return 0
}
# A CSV cell: quoted when it holds a comma or a quote.
csv() { [[ $1 == *[,\"]* ]] && printf '"%s"' "${1//\"/\"\"}" || printf '%s' "$1"; }

echo 'at,deviceId,metric,value'
npm --prefix "$root" run --silent opshub -- subscribe '
  subscription ($deviceId: ID, $metric: String, $after: String) {
    readingAdded(deviceId: $deviceId, metric: $metric, after: $after) { at deviceId metric value eventId }
  }' --variables "$variables" "$@" |
  while IFS= read -r line; do
    printf '%s,%s,%s,%s\n' "$(field "$line" at)" "$(csv "$(field "$line" deviceId)")" \
      "$(csv "$(field "$line" metric)")" "$(field "$line" value)"
  done
