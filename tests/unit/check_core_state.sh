#!/bin/sh
# check_core_state.sh - the core keeps what include/sarraf/context.h promises a program that links
# it from several threads: it reads no environment (no getenv), and its only writable statics are
# the libraries loaded once per process (fetch.c's libcurl, feed_xml.c's libxml2, each with its
# once-flag and the thread-local path handed to it) and the once-flag of the messages' setup.
# Read-only tables that hold pointers live in .data.rel.ro (nm's 'd'): not writable, not counted.
# Usage: check_core_state.sh LIBSARRAF.a
set -u
lib=$1
allowed="api api_file api_once setup_once xml xml_file xml_once"
failed=0

if nm -u "$lib" | grep -qw getenv; then
	echo "FAIL the core calls getenv:"
	nm -A -u "$lib" | grep -w getenv
	failed=1
fi

# objdump -t: VALUE FLAGS(7) SECTION<TAB>SIZE NAME; the symbols in .data, .bss, .tdata, .tbss or
# their .NAME sub-sections, or common, but .data.rel.ro (and but the sections' own symbols).
found=$(objdump -t "$lib" | sed -n -E 's/^[0-9a-f]+ .{7} ([^	 ]+)	[0-9a-f]+ +(.+)$/\1 \2/p' |
	awk '$1 ~ /^(\.(data|bss|tdata|tbss)(\..*)?|\*COM\*)$/ && $1 !~ /^\.data\.rel\.ro/ && $2 !~ /^\./ {
		print $2 }' | sort -u)
for name in $found; do
	case " $allowed " in
	*" $name "*) ;;
	*) echo "FAIL a writable static in the core: $name"; failed=1 ;;
	esac
done
[ $failed = 0 ] && echo "core state: no getenv; writable statics:" $found
exit $failed
