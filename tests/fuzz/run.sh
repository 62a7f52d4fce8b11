#!/bin/sh
# Runs each libFuzzer target for SECONDS: run.sh BUILD SECONDS TARGET...
#
# New inputs go to BUILD/corpus/TARGET (scratch); tests/fuzz/corpus/TARGET is
# read as the seed corpus and never written, so `make check` leaves the tree
# as it was. A finding (crash, leak, failed property, timeout) is saved as
# BUILD/artifacts/TARGET-* and fails the run: copy it into the corpus once
# fixed. Paths are absolute because fuzz_cli works in a directory of its own.
set -u
build=$(cd "$1" && pwd)
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0
mkdir -p "$build/artifacts"
for t in "$@"; do
	mkdir -p "$build/corpus/$t"
	log="$build/fuzz_$t.log"
	"$build/fuzz_$t" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$t-" "$build/corpus/$t" "$here/corpus/$t" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	if [ "$rc" = 0 ]; then
		passed=$((passed + 1))
		echo "fuzz_$t: ${runs:-?} executions in $seconds s ($cov), no findings"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz_$t: exit $rc after ${runs:-?} executions; log: $log"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -10 | sed 's/^/  /'
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
