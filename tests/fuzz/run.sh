#!/bin/sh
# Runs libFuzzer targets: run.sh BUILD SECONDS TARGET...
#
# SECONDS > 0: each target fuzzes for SECONDS. New inputs go to BUILD/corpus/TARGET
# (scratch); tests/fuzz/corpus/TARGET is read as the seed corpus and never written, so
# `make check-all` leaves the tree as it was.
# SECONDS = 0: a regression pass: each target runs every input of its seed corpus once
# (-runs=0) and stops; nothing is written but the log.
#
# FUZZ_JOBS targets run at once (default: the number of CPUs); the results print in the
# order of the arguments. A finding (crash, leak, failed property, timeout) is saved as
# BUILD/artifacts/TARGET-* and fails the run: copy it into the corpus once fixed. Paths are
# absolute because fuzz_cli works in a directory of its own.
set -u

# One target: run.sh --one BUILD SECONDS TARGET writes its result line to BUILD/fuzz_TARGET.result.
if [ "${1:-}" = --one ]; then
	build=$2 seconds=$3 t=$4
	here=$(cd "$(dirname "$0")" && pwd)
	log="$build/fuzz_$t.log"
	if [ "$seconds" = 0 ]; then
		"$build/fuzz_$t" -runs=0 -timeout=10 -print_final_stats=1 \
			-artifact_prefix="$build/artifacts/$t-" "$here/corpus/$t" >"$log" 2>&1
	else
		mkdir -p "$build/corpus/$t"
		"$build/fuzz_$t" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
			-artifact_prefix="$build/artifacts/$t-" "$build/corpus/$t" "$here/corpus/$t" >"$log" 2>&1
	fi
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	{
		if [ "$rc" = 0 ] && [ "$seconds" = 0 ]; then
			echo "ok fuzz_$t: ${runs:-?} seed inputs ($cov), no findings"
		elif [ "$rc" = 0 ]; then
			echo "ok fuzz_$t: ${runs:-?} executions in $seconds s ($cov), no findings"
		else
			echo "FAIL fuzz_$t: exit $rc after ${runs:-?} executions; log: $log"
			grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -10 | sed 's/^/  /'
		fi
	} >"$build/fuzz_$t.result"
	exit 0
fi

build=$(cd "$1" && pwd)
seconds=$2
shift 2
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
passed=0 failed=0
mkdir -p "$build/artifacts"
for t in "$@"; do
	rm -f "$build/fuzz_$t.result"
done
printf '%s\n' "$@" | xargs -P "$jobs" -n 1 sh "$0" --one "$build" "$seconds"
for t in "$@"; do
	if [ ! -f "$build/fuzz_$t.result" ]; then
		failed=$((failed + 1))
		echo "FAIL fuzz_$t: no result"
	elif head -1 "$build/fuzz_$t.result" | grep -q '^ok '; then
		passed=$((passed + 1))
		sed 's/^ok //' "$build/fuzz_$t.result"
	else
		failed=$((failed + 1))
		cat "$build/fuzz_$t.result"
	fi
done
if [ "$seconds" = 0 ]; then
	echo "fuzz (seed corpora): $passed passed, $failed failed"
else
	echo "fuzz: $passed passed, $failed failed"
fi
[ "$failed" = 0 ]
