#!/usr/bin/env bash
# Is a change a pure move? Synthesizes seven configurations with the app at a git ref (default HEAD) and with the
# working tree, and compares every file they write (the stacks' JSON, manifest.json, SUMMARY.md) byte for byte.
#
#   bench/same-output.sh [<git-ref>]
#
# The configurations: the defaults; an account per environment; HTTPS with a zone id and a NAT per zone; a retire
# (destroy allowed everywhere); the example organization as written; an organization of 5 and one of 50 workload
# accounts. Exit 0 and "identical" when nothing differs; the
# differing files otherwise. Nothing here is part of `mvn test`.
set -euo pipefail
cd "$(dirname "$0")/.."

REF=${1:-HEAD}
OUT="$PWD/target/same-output"
rm -rf "$OUT"
mkdir -p "$OUT"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
scratch=$(mktemp -d)
trap 'git worktree remove --force "$scratch/before" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
git worktree add --detach "$scratch/before" "$REF" >/dev/null 2>&1

# The classpath and main class of a checkout; the main class moved with the packages.
build() {
  (cd "$1" && mvn -q -B -DskipTests compile dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt >/dev/null)
  if [ -f "$1/target/classes/dev/securebaseline/app/Main.class" ]; then echo dev.securebaseline.app.Main; else echo dev.securebaseline.Main; fi
}
echo "== building $REF and the working tree" >&2
before_main=$(build "$scratch/before")
after_main=$(build "$PWD")

mkdir -p "$OUT/files"
javac -d "$OUT/writer" -cp "$(cat target/classpath.txt)" bench/src/dev/securebaseline/bench/OrganizationFileWriter.java
for n in 5 50; do
  java -cp "$OUT/writer:$(cat target/classpath.txt)" dev.securebaseline.bench.OrganizationFileWriter examples/organization.json "$n" "$OUT/files/organization-$n.json"
done

declare -A CONFIGS=(
  [defaults]=""
  [account-per-environment]="BASELINE_DEV_ACCOUNT_ID=111111111111 BASELINE_STAGING_ACCOUNT_ID=222222222222 BASELINE_PROD_ACCOUNT_ID=333333333333"
  [https]="BASELINE_ENABLE_HTTPS=true BASELINE_DOMAIN_NAME=app.acme-corp.io BASELINE_HOSTED_ZONE_ID=Z0123456789ABCDEFGHIJ BASELINE_NAT_STRATEGY=per-az BASELINE_AZ_COUNT=3"
  [retire]="BASELINE_ALLOW_DESTROY=true BASELINE_ALLOW_ACCOUNT_DESTROY=true"
  [example-organization]="BASELINE_ORGANIZATION_FILE=examples/organization.json"
  [organization-5]="BASELINE_ORGANIZATION_FILE=$OUT/files/organization-5.json"
  [organization-50]="BASELINE_ORGANIZATION_FILE=$OUT/files/organization-50.json"
)
unset_baseline=$(env | grep -o '^BASELINE_[A-Z0-9_]*' | sed 's/^/-u /' | tr '\n' ' ' || true)

synth() { # side, checkout, main class, configuration
  mkdir -p "$OUT/$1"
  # shellcheck disable=SC2086
  env $unset_baseline ${CONFIGS[$4]} CDKTF_OUTDIR="$OUT/$1/$4" java -cp "$2/target/classes:$(cat "$2/target/classpath.txt")" "$3" >/dev/null
}
for config in "${!CONFIGS[@]}"; do
  echo "== $config" >&2
  synth before "$scratch/before" "$before_main" "$config"
  synth after "$PWD" "$after_main" "$config"
done

files=$(find "$OUT/before" -type f | wc -l)
if diff -r -q "$OUT/before" "$OUT/after"; then
  echo "identical: ${#CONFIGS[@]} configurations, $files files, $REF against the working tree"
else
  echo "different: see diff -r $OUT/before $OUT/after" >&2
  exit 1
fi
