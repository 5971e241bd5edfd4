#!/usr/bin/env bash
# Benchmarks what synthesis costs, and what the test suite costs. Linux only (it reads /proc).
#
#   bench/run.sh                 whole-process and in-process synthesis, terraform validate of an account
#                                stack and an environment stack, and the test suite
#   bench/run.sh with-bindings   also the same part of the stack written with cdktf-provider-aws 18.0.3
#   bench/run.sh skip-suite      everything but the (slow) test-suite timing
#   bench/run.sh organizations   only the Organizations-mode scale (5, 20 and 50 workload accounts)
#   bench/run.sh suite           only the test-suite timing, warm: nothing changed, and every tool run again
#   bench/run.sh suite-cold      only the test suite on a fresh clone with empty Maven and npm caches (what a
#                                newcomer's first `mvn test` costs: downloads, compilation, the Node helpers' install)
#
# Tunables (environment): RUNS=10 WARMUP=2 COLD_RUNS=3 INPROC_WARMUP=5 INPROC_ROUNDS=15 SUITE_RUNS=3 COLD_SUITE_RUNS=3
# The report is printed and written to target/bench/report.md. Nothing here is part of `mvn test`.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
COLD_RUNS=${COLD_RUNS:-3}
INPROC_WARMUP=${INPROC_WARMUP:-5}
INPROC_ROUNDS=${INPROC_ROUNDS:-15}
SUITE_RUNS=${SUITE_RUNS:-3}
COLD_SUITE_RUNS=${COLD_SUITE_RUNS:-3}
COLD_SUITE=false
WITH_BINDINGS=false
SUITE=true
ONLY_ORGANIZATIONS=false
ONLY_SUITE=false
for arg in "$@"; do
  case "$arg" in
    with-bindings) WITH_BINDINGS=true ;;
    skip-suite) SUITE=false ;;
    organizations) ONLY_ORGANIZATIONS=true; SUITE=false ;;
    suite) ONLY_SUITE=true ;;
    suite-cold) ONLY_SUITE=true; SUITE=false; COLD_SUITE=true ;;
    *) echo "usage: bench/run.sh [with-bindings] [skip-suite] [organizations] [suite] [suite-cold]" >&2; exit 2 ;;
  esac
done

OUT=target/bench
rm -rf "$OUT"
mkdir -p "$OUT"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
REPORT="$OUT/report.md"
say() { echo "$@" | tee -a "$REPORT"; }

echo "== building the classpath once" >&2
mvn -q -B -DskipTests compile
mvn -q -B dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "target/classes:$(cat "$OUT/classpath.txt")" \
  bench/src/dev/securebaseline/bench/*.java
CP="target/classes:$OUT/classes:$(cat "$OUT/classpath.txt")"
meter() { java -cp "$OUT/classes" dev.securebaseline.bench.ProcessTreeMeter "$@"; }
report() { java -cp "$OUT/classes" dev.securebaseline.bench.BenchReport "$@" | tee -a "$REPORT"; }

# One measured run: label, output folder, then the command. Its line goes to the file named by $SERIES.
measure() {
  local label=$1 outdir=$2
  shift 2
  rm -rf "$outdir"
  echo "$label $(CDKTF_OUTDIR="$outdir" meter "$@")" >> "$SERIES"
}

say "# Benchmark report"
say ""
say "Run on $(date -u +%Y-%m-%dT%H:%MZ) from commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
say ""
say "## Machine"
say ""
say "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
say "- Memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
say "- OS: $(uname -sr)"
say "- Java: $(java -version 2>&1 | head -1)"
say "- Node.js: $(node --version)"
say "- Maven: $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
say "- Terraform: $(terraform version 2>/dev/null | head -1)"
say ""

if ! $ONLY_ORGANIZATIONS && ! $ONLY_SUITE; then
# ---------------------------------------------------------------- 1. whole process
echo "== whole-process synthesis: full app vs empty app, alternating" >&2
SERIES="$OUT/whole-process.txt"
for ((i = 0; i < WARMUP; i++)); do
  java -cp "$CP" -Dnothing=warm-up dev.securebaseline.bench.EmptyApp >/dev/null 2>&1 || true
  CDKTF_OUTDIR="$OUT/warm" java -cp "$CP" dev.securebaseline.app.Main >/dev/null
done
for ((i = 0; i < RUNS; i++)); do
  measure full-app "$OUT/out-full" java -cp "$CP" dev.securebaseline.app.Main
  measure without-account-stacks "$OUT/out-no-account" java -cp "$CP" dev.securebaseline.bench.WithoutAccountStacksApp
  measure empty-app "$OUT/out-empty" java -cp "$CP" dev.securebaseline.bench.EmptyApp
done
say "## Whole-process synthesis"
say ""
say "The full app with default settings ($(java -cp "$CP" dev.securebaseline.bench.CountResources "$OUT/out-full")), the same app without its account stack ($(java -cp "$CP" dev.securebaseline.bench.CountResources "$OUT/out-no-account"); \`WithoutAccountStacksApp\`), and an empty cdktf app (JVM, cdktf's Node process, one empty stack): \`java -cp\`, $RUNS runs each after $WARMUP warm-up runs, alternating."
say ""
report "$SERIES" full-app/empty-app full-app/without-account-stacks without-account-stacks/empty-app
say ""

echo "== where a one-shot synthesis spends its time" >&2
for ((i = 0; i < RUNS; i++)); do
  rm -rf "$OUT/out-breakdown"
  CDKTF_OUTDIR="$OUT/out-breakdown" java -cp "$CP" dev.securebaseline.bench.ColdBreakdown "$OUT/breakdown.txt" >/dev/null
done
say "### Where the time goes"
say ""
say "The steps of \`Main\`, each timed inside a fresh JVM ($RUNS runs):"
say ""
java -cp "$CP" dev.securebaseline.bench.ColdBreakdown --report "$OUT/breakdown.txt" | tee -a "$REPORT"
say ""
# Every call from Java into cdktf is a request to its Node process; JSII_DEBUG logs each one.
jsii_requests() {
  rm -rf "$OUT/out-jsii"
  CDKTF_OUTDIR="$OUT/out-jsii" JSII_DEBUG=1 java -cp "$CP" "$1" 2>&1 >/dev/null | grep '^> {' > "$OUT/jsii-$2.txt" || true
  local creates
  creates=$(grep -o '"fqn":"cdktf\.[A-Za-z0-9]*","args"' "$OUT/jsii-$2.txt" | sed 's/"fqn":"cdktf\.\([A-Za-z0-9]*\)".*/\1/' \
    | sort | uniq -c | sort -rn | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}')
  say "- $2: $(wc -l < "$OUT/jsii-$2.txt") requests, of which $(grep -c '"api":"invoke"' "$OUT/jsii-$2.txt") method calls ($(grep '"api":"invoke"' "$OUT/jsii-$2.txt" | grep -o '"method":"[A-Za-z]*"' | sort | uniq -c | sort -rn | awk '{gsub(/"method":|"/, "", $2); printf "%s%s %s", sep, $1, $2; sep=", "}')) and object creations: $creates."
}
say "Requests from Java to cdktf's Node process (\`JSII_DEBUG=1\`), each a round trip:"
say ""
jsii_requests dev.securebaseline.app.Main full-app
jsii_requests dev.securebaseline.bench.EmptyApp empty-app
say ""

# ---------------------------------------------------------------- 2. in process
echo "== in-process synthesis as the work grows" >&2
say "## In-process synthesis"
say ""
java -cp "$CP" dev.securebaseline.bench.InProcessSynth "$INPROC_WARMUP" "$INPROC_ROUNDS" "$OUT/in-process" | tee -a "$REPORT"
say ""

# ---------------------------------------------------------------- 3. terraform validate: account stack and environment stack
echo "== terraform validate: the account stack in 17 regions and in 1, and an environment stack" >&2
MIRROR=${TF_PROVIDER_MIRROR:-$(dirname "$(find / -xdev -maxdepth 3 -type d -name registry.terraform.io 2>/dev/null | head -1)")}
validate_dir() {
  local label=$1 stack=$2
  shift 2
  rm -rf "$OUT/validate-$label"
  env "$@" BASELINE_ENVIRONMENTS=dev CDKTF_OUTDIR="$OUT/validate-$label" java -cp "$CP" dev.securebaseline.app.Main >/dev/null
  local dir="$OUT/validate-$label/stacks/$stack"
  TF_CLI_CONFIG_FILE=/dev/null terraform -chdir="$dir" init -backend=false -input=false -plugin-dir="$MIRROR" >/dev/null
  echo "$dir"
}
DIR17=$(validate_dir account-17-regions baseline-account-default X=1)
DIR1=$(validate_dir account-1-region baseline-account-default BASELINE_GUARDRAIL_REGIONS=us-east-1)
DIRENV=$(validate_dir environment-stack baseline-dev X=1)
SERIES="$OUT/validate.txt"
for ((i = 0; i < RUNS; i++)); do
  for pair in "account-17-regions:$DIR17" "account-1-region:$DIR1" "environment-stack:$DIRENV"; do
    echo "${pair%%:*} $(TF_CLI_CONFIG_FILE=/dev/null meter terraform -chdir="${pair#*:}" validate -no-color)" >> "$SERIES"
  done
done
say "## Validating the stacks"
say ""
say "\`terraform validate\` (after \`init\`) of the account stack in the 17 default regions (18 providers), of the same stack with \`BASELINE_GUARDRAIL_REGIONS=us-east-1\` (2 providers: the default and the region's alias), and of dev's environment stack (1 provider): $RUNS runs each, alternating. Terraform runs one provider process per provider configuration; the tree column adds up the ones running side by side."
say ""
report "$SERIES" account-17-regions/account-1-region account-1-region/environment-stack
say ""

# ---------------------------------------------------------------- 4. generated bindings (opt-in)
if $WITH_BINDINGS; then
  echo "== the same part with cdktf-provider-aws 18.0.3" >&2
  # Fetched by name into target/ only: no pom in this repository lists the bindings. Their own
  # dependencies (cdktf, constructs, jsii) are the project's, already on $CP.
  mvn -q -B dependency:copy -Dartifact=com.hashicorp:cdktf-provider-aws:18.0.3 \
    -DoutputDirectory="$OUT/bindings-jar" >/dev/null
  BINDINGS_JAR="$OUT/bindings-jar/cdktf-provider-aws-18.0.3.jar"
  BCP="$OUT/bindings-classes:$CP:$BINDINGS_JAR"
  mkdir -p "$OUT/bindings-classes"
  javac -nowarn -d "$OUT/bindings-classes" -cp "$BCP" \
    bench/bindings/src/dev/securebaseline/bench/*.java 2>/dev/null
  say "## Raw overrides against the generated bindings"
  say ""
  say "The representative part (network with flow logs, key, audit bucket, trail, one CIS alarm and its topic) written twice: \`bench/src/dev/securebaseline/bench/RawPart.java\` (overrides, the project's classpath only) and \`bench/bindings/src/dev/securebaseline/bench/BindingsPart.java\` (cdktf-provider-aws 18.0.3, a $(du -m "$BINDINGS_JAR" | cut -f1) MiB jar). Both synthesize the same blocks:"
  say ""
  java -cp "$BCP" dev.securebaseline.bench.CompareParts "$OUT/compare" | tee -a "$REPORT"
  say ""
  SERIES="$OUT/bindings.txt"
  for ((i = 0; i < WARMUP; i++)); do
    java -cp "$CP" dev.securebaseline.bench.PartApp >/dev/null
    java -cp "$BCP" dev.securebaseline.bench.BindingsPartApp >/dev/null
  done
  for ((i = 0; i < RUNS; i++)); do
    measure raw-part "$OUT/out-raw" java -cp "$CP" dev.securebaseline.bench.PartApp
    measure bindings-part "$OUT/out-bindings" java -cp "$BCP" dev.securebaseline.bench.BindingsPartApp
    measure empty-app "$OUT/out-empty" java -cp "$CP" dev.securebaseline.bench.EmptyApp
  done
  say "Warm (jsii's package cache filled), $RUNS runs each after $WARMUP warm-up runs, alternating, with the empty app again for scale:"
  say ""
  report "$SERIES" bindings-part/raw-part raw-part/empty-app
  say ""
  SERIES="$OUT/bindings-cold.txt"
  # A fresh, empty jsii package cache per run, deleted afterwards (the bindings unpack ~1 GB into it).
  cold() {
    local cache="$OUT/jsii-cache"
    rm -rf "$cache" && mkdir -p "$cache"
    JSII_RUNTIME_PACKAGE_CACHE_ROOT="$PWD/$cache" measure "$@"
    rm -rf "$cache"
  }
  for ((i = 0; i < COLD_RUNS; i++)); do
    cold raw-part-cold "$OUT/out-raw" java -cp "$CP" dev.securebaseline.bench.PartApp
    cold bindings-part-cold "$OUT/out-bindings" java -cp "$BCP" dev.securebaseline.bench.BindingsPartApp
  done
  say "First run on a machine (an empty jsii package cache each time), $COLD_RUNS runs each:"
  say ""
  report "$SERIES" bindings-part-cold/raw-part-cold
  say ""
fi

fi

# ---------------------------------------------------------------- Organizations mode at scale
if ! $ONLY_SUITE; then
echo "== Organizations mode: one-shot synthesis with 5, 20 and 50 workload accounts" >&2
SERIES="$OUT/organizations.txt"
SIZES="5 20 50"
for n in $SIZES; do
  java -cp "$CP" dev.securebaseline.bench.OrganizationFileWriter examples/organization.json "$n" "$OUT/organization-$n.json"
done
for ((i = 0; i < WARMUP; i++)); do
  BASELINE_ORGANIZATION_FILE="$OUT/organization-5.json" CDKTF_OUTDIR="$OUT/warm-org" java -cp "$CP" dev.securebaseline.app.Main >/dev/null
done
# The bootstrap deployed (its bucket named), as every stack but the bootstrap needs, and the workflow is written only then.
export BASELINE_STATE_BUCKET=baseline-tfstate-20261206093012345600000001
for ((i = 0; i < RUNS; i++)); do
  for n in $SIZES; do
    BASELINE_ORGANIZATION_FILE="$OUT/organization-$n.json" measure "organization-$n-workloads" "$OUT/out-org-$n" java -cp "$CP" dev.securebaseline.app.Main
    BASELINE_ORGANIZATION_FILE="$OUT/organization-$n.json" BASELINE_GITHUB_REPOSITORY=example-org/aws-baseline \
      measure "organization-$n-workloads-pipeline" "$OUT/out-org-$n-pipeline" java -cp "$CP" dev.securebaseline.app.Main
  done
done
unset BASELINE_STATE_BUCKET
say "## Organizations mode at scale"
say ""
say "\`Main\` with an organization file of the example's shape and 5, 20 and 50 workload accounts (dev and staging in the first workload, prod in the second; every stack in one synth; the state bucket named), guardrail regions us-east-1 and eu-west-1: $RUNS runs each after $WARMUP warm-up runs, alternating."
say ""
for n in $SIZES; do
  say "- $n workloads: $(java -cp "$CP" dev.securebaseline.bench.CountResources "$OUT/out-org-$n"); $(java -cp "$CP" dev.securebaseline.bench.DeployWaves "$OUT/out-org-$n")"
done
say ""
report "$SERIES" organization-20-workloads/organization-5-workloads organization-50-workloads/organization-20-workloads
say ""
say "The same with a pipeline (\`BASELINE_GITHUB_REPOSITORY\`): a pipeline stack per account, state roles in the bootstrap, and the workflow:"
say ""
for n in $SIZES; do
  say "- $n workloads: $(java -cp "$CP" dev.securebaseline.bench.CountResources "$OUT/out-org-$n-pipeline"); $(java -cp "$CP" dev.securebaseline.bench.PipelineWaves "$OUT/out-org-$n-pipeline")"
done
say ""
report "$SERIES" organization-5-workloads-pipeline/organization-5-workloads organization-50-workloads-pipeline/organization-50-workloads
say ""
fi

# ---------------------------------------------------------------- 5. the test suite
if $SUITE; then
  echo "== the whole test suite, warm" >&2
  mvn -q -B test >/dev/null
  SERIES="$OUT/suite.txt"
  # Alternating: nothing changed since the last run (Terraform's and the Node checkers' runs reused, target/tool-runs), and
  # every tool run again (-DreuseToolRuns=false), what a change that touches every stack's JSON costs.
  for ((i = 0; i < SUITE_RUNS; i++)); do
    echo "mvn-test $(meter mvn -q -B test)" >> "$SERIES"
    echo "mvn-test-every-tool-run $(meter mvn -q -B test -DreuseToolRuns=false)" >> "$SERIES"
  done
  say "## Test suite"
  say ""
  say "\`mvn -q -B test\`, warm (one unmeasured run first), nothing changed since the last run, and with"
  say "\`-DreuseToolRuns=false\` (every Terraform and Node check run again), alternating, $SUITE_RUNS runs each:"
  say ""
  report "$SERIES"
  say ""
fi

# ---------------------------------------------------------------- 6. the test suite, first run
if $COLD_SUITE; then
  echo "== the whole test suite on a fresh clone, empty Maven and npm caches" >&2
  SERIES="$OUT/suite-cold.txt"
  classes="$PWD/$OUT/classes"
  for ((i = 0; i < COLD_SUITE_RUNS; i++)); do
    scratch=$(mktemp -d)
    git clone -q "$PWD" "$scratch/repo"
    # The README's command as a newcomer runs it; only the caches point into the scratch folder.
    echo "mvn-test-fresh-clone $(cd "$scratch/repo" && npm_config_cache="$scratch/npm" MAVEN_OPTS="-Dmaven.repo.local=$scratch/m2" \
      java -cp "$classes" dev.securebaseline.bench.ProcessTreeMeter mvn test)" >> "$SERIES"
    du -sm "$scratch/m2" "$scratch/npm" "$scratch/repo/target/node-helpers" | awk '{print $2 " " $1 " MB"}' | sed "s|$scratch/||" >> "$OUT/suite-cold-downloads.txt"
    rm -rf "$scratch"
  done
  say "## Test suite, first run"
  say ""
  say "\`mvn test\` on a fresh clone (\`git clone\` of HEAD) with empty Maven and npm caches, $COLD_SUITE_RUNS runs:"
  say ""
  report "$SERIES"
  say ""
  say "What the first run fetched (last run): $(tail -3 "$OUT/suite-cold-downloads.txt" | paste -sd ';' | sed 's/;/; /g')"
  say ""
fi

echo "report: $REPORT" >&2
