#!/usr/bin/env bash
# Cold start of the vigil command line: whole process, a new JVM each run, the jar the ./vigil
# launcher builds (cli/target/vigil.jar).
#
#   benchmarks/cold-start.sh [RUNS] [DATA KPI]
#
# Measures `--version` and `build-model --data DATA --kpi KPI` (default: the TIM tutorial's production
# line, ../shared/datasets/tim/production_line.csv, KPI Output, 14,088 rows) three ways:
#   java -jar          the jar with the JVM's defaults, no AppCDS archive
#   ./vigil            the launcher: AppCDS archive (written first, by one untimed run) and its JVM options
#   ./vigil, VIGIL_CDS=0  the launcher's JVM options without the archive
# and, with BEFORE_JAR=path/to/an/older/vigil.jar, that jar as `java -jar` (how the launcher ran it
# before the archive), for a before/after table measured under the same conditions.
# with hyperfine when it is installed (apt-get install hyperfine), else a loop of RUNS runs (default 10)
# reporting the mean and the minimum wall time. Nothing here is asserted by a test; figures go to
# BENCHMARKS.md, "Cold start". The machine must be otherwise idle for the figures to mean anything.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
shared="${VIGIL_SHARED:-$here/../shared}"
data="${2:-$shared/datasets/tim/production_line.csv}"
kpi="${3:-Output}"
jar="$here/cli/target/vigil.jar"
archive="$here/cli/target/vigil.jsa"

if [[ ! -f "$data" ]]; then
  echo "cold-start: $data not found (the team's shared data; set VIGIL_SHARED or give DATA KPI)" >&2
  exit 2
fi
"$here/vigil" --version >/dev/null           # builds the jar if the sources changed
rm -f "$archive"
"$here/vigil" build-model --data "$data" --kpi "$kpi" >/dev/null 2>&1   # writes the archive
[[ -f "$archive" ]] || echo "cold-start: no AppCDS archive was written; the ./vigil rows run without it" >&2
ls -l "$jar" "$archive" 2>/dev/null | awk '{print "  " $5 " bytes  " $9}'

commands=(
  "java -jar $jar --version"
  "$here/vigil --version"
  "env VIGIL_CDS=0 $here/vigil --version"
  "java -jar $jar build-model --data $data --kpi $kpi"
  "$here/vigil build-model --data $data --kpi $kpi"
  "env VIGIL_CDS=0 $here/vigil build-model --data $data --kpi $kpi"
)

mkdir -p "$here/benchmarks/target"
if [[ -n "${BEFORE_JAR:-}" ]]; then
  commands=("java -jar $BEFORE_JAR --version" "java -jar $BEFORE_JAR build-model --data $data --kpi $kpi" "${commands[@]}")
fi
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$here/benchmarks/target/cold-start.md" "${commands[@]}" 2>/dev/null \
    || hyperfine --warmup 2 --runs "$runs" "${commands[@]}"
  echo "table: benchmarks/target/cold-start.md"
else
  for c in "${commands[@]}"; do
    best=999999; total=0
    for ((i = 0; i < runs; i++)); do
      start=$(date +%s%N)
      $c >/dev/null 2>&1
      ms=$(( ($(date +%s%N) - start) / 1000000 ))
      total=$((total + ms)); (( ms < best )) && best=$ms
    done
    printf '%6d ms mean  %6d ms min  %s\n' $((total / runs)) "$best" "$c"
  done
fi
