#!/usr/bin/env bash
# Watches the brokers' classifications of one class, at least a probability, one line each:
# when, object, class, probability, classifier.
#
#   examples/watch-alerts.sh <classId> [minProbability] [subscribe options…]
#   examples/watch-alerts.sh 2222 0.9            # SN Ia at 90 % or more (ELAsTiCC taxonomy ids)
#
# Set OPSHUB_TOKEN and OPSHUB_URL (see follow-ous.sh). The hub filters: only matching entries travel.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ ! ${1:-} =~ ^[0-9]+$ ]]; then
  echo "usage: $0 <classId> [minProbability] [subscribe options…]" >&2
  exit 2
fi
variables="{\"classId\":$1,\"minProbability\":null}"
shift
if [[ ${1:-} =~ ^(0|1)?(\.[0-9]+)?$ && -n ${1:-} ]]; then
  variables="${variables/null/$1}"
  shift
fi

field() {
  local re="\"$2\":(\"([^\"]*)\"|([^,}]*))"
  [[ $1 =~ $re ]] && printf '%s' "${BASH_REMATCH[2]:-${BASH_REMATCH[3]}}"
  return 0
}

npm --prefix "$root" run --silent opshub -- subscribe '
  subscription ($classId: Int, $minProbability: Float, $after: String) {
    classificationAdded(classId: $classId, minProbability: $minProbability, after: $after) {
      eventId at diaObjectId className probability
      classifier { brokerName classifierName }
    }
  }' --variables "$variables" "$@" |
  while IFS= read -r line; do
    printf '%s  object %s  %s  p=%s  %s/%s\n' "$(field "$line" at)" "$(field "$line" diaObjectId)" \
      "$(field "$line" className)" "$(field "$line" probability)" \
      "$(field "$line" brokerName)" "$(field "$line" classifierName)"
  done
