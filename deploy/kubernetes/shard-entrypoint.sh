#!/bin/sh
# Runs a command with SHARD_IDS set from this pod's StatefulSet ordinal: pod i of DSP_REPLICAS
# gets a contiguous range of SHARD_COUNT shards, in order (pod 0 gets shard 0), the first
# SHARD_COUNT % DSP_REPLICAS pods one more. In order, so dsp's identify stagger holds (docs/scaling.md).
#   SHARD_COUNT=4 DSP_REPLICAS=2 HOSTNAME=dsp-1 sh shard-entrypoint.sh node dist/src/main.js  → SHARD_IDS=2-3
set -eu

pod="${POD_NAME:-${HOSTNAME:-}}"
ordinal="${POD_INDEX:-${pod##*-}}"
fail() {
  echo "shard-entrypoint: $1" >&2
  exit 2
}
case "$ordinal" in
  '' | *[!0-9]*) fail "cannot read a pod ordinal from '$pod' (set POD_INDEX or run in a StatefulSet)" ;;
esac
case "${SHARD_COUNT:-}" in
  '' | *[!0-9]*) fail "SHARD_COUNT must be a whole number (got '${SHARD_COUNT:-}')" ;;
esac
case "${DSP_REPLICAS:-}" in
  '' | *[!0-9]*) fail "DSP_REPLICAS must be the StatefulSet's replica count (got '${DSP_REPLICAS:-}')" ;;
esac
[ "$DSP_REPLICAS" -ge 1 ] || fail "DSP_REPLICAS must be 1 or more"
[ "$SHARD_COUNT" -ge "$DSP_REPLICAS" ] || fail "SHARD_COUNT=$SHARD_COUNT is below DSP_REPLICAS=$DSP_REPLICAS: some pods would run no shard"
[ "$ordinal" -lt "$DSP_REPLICAS" ] || fail "pod ordinal $ordinal is not below DSP_REPLICAS=$DSP_REPLICAS: update DSP_REPLICAS with the replica count"

base=$((SHARD_COUNT / DSP_REPLICAS))
extra=$((SHARD_COUNT % DSP_REPLICAS))
if [ "$ordinal" -lt "$extra" ]; then
  size=$((base + 1))
  first=$((ordinal * size))
else
  size=$base
  first=$((extra * (base + 1) + (ordinal - extra) * base))
fi
SHARD_IDS="$first-$((first + size - 1))"
export SHARD_IDS
echo "shard-entrypoint: pod $ordinal of $DSP_REPLICAS runs shards $SHARD_IDS of $SHARD_COUNT" >&2
exec "$@"
