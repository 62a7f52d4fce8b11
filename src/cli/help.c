/*
 * help.c - --help and --version.
 */
#include "cli.h"

#include "i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

void print_help(void)
{
	fputs(_("Usage: sarraf [OPTIONS] [--] AMOUNT FROM [to] TO...\n"
	      "       sarraf [OPTIONS] --from FROM --to TO [FILE...]\n"
	      "       sarraf [OPTIONS] list\n"
	      "       sarraf [OPTIONS] rate FROM TO\n"
	      "       sarraf [OPTIONS] fetch [URL]\n"
	      "       sarraf [OPTIONS] fetch --since DATE [--until DATE]\n"
	      "       sarraf [OPTIONS] history FROM TO --since DATE [--until DATE]\n"
	      "Convert amounts between the currencies of a rate table, exactly.\n"
	      "AMOUNT may be grouped (1 000 000, 1,234.50), have a decimal comma (1,5;\n"
	      "1,500 is refused as ambiguous), a multiplier (2k, 1,5 mln, 1.5 \xd0\xbc\xd0\xbb\xd0\xbd) or be glued\n"
	      "to FROM (100kzt, $5);\n"
	      "currencies may be codes, symbols or names (KZT, tenge, so'm, dollar).\n"
	      "\n"
	      "Options:\n"
	      "  -r, --rates SOURCE     the rate table: a FILE ('-' for stdin), an http(s) URL,\n"
	      "                         a URL template with {YYYY} {MM} {DD}, or official[:BANK];\n"
	      "                         default: $SARRAF_RATES, else the embedded table\n"
	      "      --date DATE        the rates in effect on DATE (YYYY-MM-DD or DD.MM.YYYY;\n"
	      "                         up to tomorrow), from a dated source: -r official,\n"
	      "                         official:BANK or a URL template\n"
	      "      --max-age AGE      use a URL's cached copy while it is younger than AGE:\n"
	      "                         seconds, or 30m, 6h, 1d (default: 12h)\n"
	      "      --offline          never fetch: use the cached copy, whatever its age\n"
	      "      --timeout SECONDS  connect and total timeout of a fetch (default: 10)\n"
	      "      --base CODE        the base of a feed that names none (FloatRates from a pipe)\n"
	      "      --official[=BANK]  the central banks' official rates (-r official);\n"
	      "                         BANK nbk, nbkr, nbt or cbu: that bank's own table\n"
	      "      --bank BANK        with -r official, that bank answers every pair it can\n"
	      "      --decimal-comma    a comma is the decimal point in amounts and answers\n"
	      "                         (1500000,50); with -d , amounts are quoted\n"
	      "  -t, --terse            print only the number, one line per target\n"
	      "  -p, --precision N      digits after the point, 0 to 18\n"
	      "                         (default: the target currency's minor units)\n"
	      "      --round MODE       half-up (default), half-even, half-down,\n"
	      "                         up, down, ceiling, floor\n"
	      "      --output FORMAT    text (default), json (JSON Lines), csv or tsv;\n"
	      "                         history also: ledger or beancount (price directives)\n"
	      "      --explain          after the answer, show how it was reached: the table,\n"
	      "                         each quote's source and date, the exact value, the rounding\n"
	      "\n"
	      "Streams (FILE... or stdin; each line's number is converted in place):\n"
	      "      --from CODE        the currency of the numbers\n"
	      "      --to CODE[,CODE]   the target(s); repeatable; several give several columns\n"
	      "                         (without --from, lines read 'AMOUNT CODE' or 'CODE AMOUNT')\n"
	      "      --field LIST       convert these fields: 2, 2,4-5, -3, 5- (default: 1)\n"
	      "  -d, --delimiter C      fields are separated by C (CSV quotes understood);\n"
	      "                         default: runs of blanks, kept as they were\n"
	      "      --from-field N     take each line's currency code from field N\n"
	      "      --header[=N]       pass the first N lines of each file through (default 1)\n"
	      "      --append           add the results as new fields instead of replacing\n"
	      "  -z, --zero-terminated  records end with NUL, not newline\n"
	      "      --invalid MODE     bad lines: abort (default), fail, warn, ignore\n"
	      "      --grouped          a number followed by blank-separated groups of three\n"
	      "                         digits (1 500 000) is one number; without it such a\n"
	      "                         line is a bad line, never converted as its first group\n"
	      "      --date-field N     each line's day is field N (YYYY-MM-DD or DD.MM.YYYY):\n"
	      "                         the line is converted at that day's rates\n"
	      "\n"
	      "History (one line per day the source published, rates as published) and\n"
	      "fetch --since (the archive filled for work offline), over any range:\n"
	      "      --since DATE       the first day\n"
	      "      --until DATE       the last day (default: today)\n"
	      "\n"
	      "  -h, --help             show this help and exit\n"
	      "  -V, --version          show the version and exit\n"
	      "\n"
	      "Examples:\n"
	      "  sarraf 1000000 UZS to KZT       1 000 000 UZS ~ 41 666.67 KZT\n"
	      "  sarraf -t -p 4 250 KGS USD KZT  two targets, numbers only\n"
	      "  sarraf -d , --field 2 --from KZT --to USD invoices.csv\n"
	      "  sarraf list                     the table, its source and date\n"
	      "  sarraf -r official --date 2026-04-01 100 USD KZT   the NBK's rate of that day\n"
	      "  sarraf -r official history USD KZT --since 2026-01-01 --output ledger\n"
	      "  sarraf fetch https://open.er-api.com/v6/latest/USD   refresh a cached feed\n"
	      "\n"
	      "Defaults of rates, max-age, timeout, precision, round, offline and decimal-comma\n"
	      "may be set as 'key = value' lines in $XDG_CONFIG_HOME/sarraf/config\n"
	      "(~/.config/sarraf/config); the command line wins over $SARRAF_RATES, which wins\n"
	      "over the file.\n"
	      "\n"
	      "Exit status: 0 success, 1 bad amount or currency or result out of range,\n"
	      "2 bad command line, 3 rate table could not be loaded.\n"),
	      stdout);
}

void print_version(void)
{
	/* libcurl is loaded only when a URL is fetched: --version does not load it. */
	printf(_("sarraf %s\ncJSON %s\nlibcurl: loaded on demand (for http:// and https:// tables)\n"),
	       SARRAF_VERSION, cJSON_Version());
}
