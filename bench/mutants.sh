#!/usr/bin/env bash
# The mutation catalogue (bench/mutants.json), then PIT over the policy documents and the settings readers.
#
#   bench/mutants.sh              every catalogue mutant, then PIT
#   bench/mutants.sh catalogue    the catalogue only;   bench/mutants.sh catalogue <id> ...   some of its mutants
#   bench/mutants.sh pit          PIT only
#
# Each mutant is applied alone to a scratch copy of the working tree (target/mutants/scratch); the working tree is never
# touched. Prints one line per mutant and a last line "N killed, M survived"; exits 1 if any survived. Not part of mvn test.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/mutants
mkdir -p "$OUT/classes"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
mvn -q -B -DskipTests compile
mvn -q -B dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
javac -d "$OUT/classes" -cp "$(cat "$OUT/classpath.txt")" bench/src/dev/securebaseline/bench/Mutants.java
exec java -cp "$OUT/classes:$(cat "$OUT/classpath.txt")" dev.securebaseline.bench.Mutants "$@"
