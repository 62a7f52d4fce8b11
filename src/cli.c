/*
 * cli.c - sarraf's command line.
 *
 *   sarraf [OPTIONS] [--] AMOUNT FROM [to] TO...
 *   sarraf [OPTIONS] list
 *   sarraf [OPTIONS] rate FROM TO
 *
 * Options may stand anywhere before "--". An argument that starts with '-'
 * and then a digit or '.' is an amount, not an option, so "sarraf -5 KZT
 * USD" works as well as "sarraf -- -5 KZT USD".
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

#include "sarraf/convert.h"
#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/decimal.h"
#include "sarraf/fetch.h"
#include "sarraf/load.h"
#include "sarraf/output.h"
#include "sarraf/rates.h"
#include "sarraf/tables.h"
#include "sarraf/words.h"
#include "cli_env.h"
#include "explain.h"
#include "stream.h"

#define SARRAF_VERSION "0.1.0"

/* data/rates.json, compiled in by the build (build/embedded.c). */
extern const unsigned char sarraf_embedded_rates[];
extern const size_t sarraf_embedded_rates_len;

/* Significant digits that `rate` shows when no --precision is given. */
#define RATE_SIGNIFICANT 10
/* The most days one `history` covers. */
#define HISTORY_MAX_DAYS 366

typedef struct {
	const char *rates;  /* -r, or NULL */
	char official[16];  /* "official:nbk" from --official=nbk */
	tables_opts net;    /* --offline, --max-age, --timeout, --date */
	bool terse;
	bool explain;       /* --explain: how the answer was reached */
	int precision;      /* -1: the target currency's minor units */
	dec_round mode;
	out_format format;  /* --output */
	/* stream mode */
	const char *from;   /* --from, as given */
	char to_text[STREAM_MAX_TARGETS][64]; /* --to, as given */
	char to[STREAM_MAX_TARGETS][4];       /* the same, resolved to codes */
	int nto;
	field_range fields[STREAM_MAX_RANGES];
	int nfields;
	long from_field;
	char delim;
	long header;
	bool append;
	bool zero;
	invalid_mode invalid;
	long date_field;    /* --date-field: each line's day (0: none) */
	bool grouped;       /* --grouped: "1 000" in a stream is one number */
	char base[4];       /* --base */
	char *config_rates; /* rates = ... in the configuration file */
	date_t since, until; /* history */
	bool has_since, has_until;
	char **operands;
	int noperands;
} cli_opts;

/* "FILE:LINE" of the configuration line being read, for its messages; NULL otherwise. */
static const char *config_where;

/* "sarraf: MESSAGE" and then `tail` on stderr. */
__attribute__((format(printf, 2, 0)))
static void vsay(const char *tail, const char *fmt, va_list ap)
{
	fputs("sarraf: ", stderr);
	if (config_where != NULL)
		fprintf(stderr, "%s: ", config_where);
	vfprintf(stderr, fmt, ap);
	fputs(tail, stderr);
}

__attribute__((format(printf, 1, 2)))
static void errorf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay("\n", fmt, ap);
	va_end(ap);
}

/* A usage error: one line naming the problem, one pointing at --help. */
__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(_("\nTry 'sarraf --help' for more information.\n"), fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

static void print_help(void)
{
	fputs(_("Usage: sarraf [OPTIONS] [--] AMOUNT FROM [to] TO...\n"
	      "       sarraf [OPTIONS] --from FROM --to TO [FILE...]\n"
	      "       sarraf [OPTIONS] list\n"
	      "       sarraf [OPTIONS] rate FROM TO\n"
	      "       sarraf [OPTIONS] fetch [URL]\n"
	      "       sarraf [OPTIONS] history FROM TO --since DATE [--until DATE]\n"
	      "Convert amounts between the currencies of a rate table, exactly.\n"
	      "AMOUNT may be grouped (1 000 000, 1,234.50) or glued to FROM (100kzt, $5);\n"
	      "currencies may be codes, symbols or names (KZT, tenge, so'm, dollar).\n"
	      "\n"
	      "Options:\n"
	      "  -r, --rates SOURCE     the rate table: a FILE ('-' for stdin), an http(s) URL,\n"
	      "                         a URL template with {YYYY} {MM} {DD}, or official[:BANK];\n"
	      "                         default: $SARRAF_RATES, else the embedded table\n"
	      "      --date DATE        the rates in effect on DATE (YYYY-MM-DD), from a dated\n"
	      "                         source: -r official, official:BANK or a URL template\n"
	      "      --max-age AGE      use a URL's cached copy while it is younger than AGE:\n"
	      "                         seconds, or 30m, 6h, 1d (default: 12h)\n"
	      "      --offline          never fetch: use the cached copy, whatever its age\n"
	      "      --timeout SECONDS  connect and total timeout of a fetch (default: 10)\n"
	      "      --base CODE        the base of a feed that names none (FloatRates from a pipe)\n"
	      "      --official[=BANK]  the central banks' official rates (-r official);\n"
	      "                         BANK nbk, nbkr, nbt or cbu: that bank's own table\n"
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
	      "History (one line per day the source published, rates as published):\n"
	      "      --since DATE       the first day\n"
	      "      --until DATE       the last day (default: today); at most 366 days\n"
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
	      "Defaults of rates, max-age, timeout, precision, round and offline may be set as\n"
	      "'key = value' lines in $XDG_CONFIG_HOME/sarraf/config (~/.config/sarraf/config);\n"
	      "the command line wins over $SARRAF_RATES, which wins over the file.\n"
	      "\n"
	      "Exit status: 0 success, 1 bad amount or currency or result out of range,\n"
	      "2 bad command line, 3 rate table could not be loaded.\n"),
	      stdout);
}

static void print_version(void)
{
	/* libcurl is loaded only when a URL is fetched: --version does not load it. */
	printf(_("sarraf %s\ncJSON %s\nlibcurl: loaded on demand (for http:// and https:// tables)\n"),
	       SARRAF_VERSION, cJSON_Version());
}

/* A whole number 0..CONV_MAX_PRECISION, digits only. */
static bool parse_precision(const char *s, int *out)
{
	int v = 0;
	if (*s == '\0')
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > CONV_MAX_PRECISION)
			return false;
	}
	*out = v;
	return true;
}

static bool looks_like_number(const char *s)
{
	return s[0] == '-' && ((s[1] >= '0' && s[1] <= '9') || s[1] == '.');
}

/* Every option; the value of "--name=V", "--name V", "-xV" or "-x V" goes to set_option(). */
enum {
	OPT_RATES, OPT_PRECISION, OPT_ROUND, OPT_TERSE, OPT_HELP, OPT_VERSION,
	OPT_FROM, OPT_TO, OPT_FIELD, OPT_DELIMITER, OPT_HEADER, OPT_APPEND, OPT_FROM_FIELD,
	OPT_ZERO, OPT_INVALID, OPT_OUTPUT,
	OPT_OFFLINE, OPT_MAX_AGE, OPT_TIMEOUT, OPT_OFFICIAL, OPT_EXPLAIN,
	OPT_DATE, OPT_DATE_FIELD, OPT_SINCE, OPT_UNTIL, OPT_GROUPED, OPT_BASE,
};

enum { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL /* only as --name=V */ };

static const struct {
	const char *long_name;
	char short_name;
	int id;
	int arg;
} option_table[] = {
	{ "rates", 'r', OPT_RATES, ARG_REQUIRED },
	{ "precision", 'p', OPT_PRECISION, ARG_REQUIRED },
	{ "round", 0, OPT_ROUND, ARG_REQUIRED },
	{ "terse", 't', OPT_TERSE, ARG_NONE },
	{ "help", 'h', OPT_HELP, ARG_NONE },
	{ "version", 'V', OPT_VERSION, ARG_NONE },
	{ "from", 0, OPT_FROM, ARG_REQUIRED },
	{ "to", 0, OPT_TO, ARG_REQUIRED },
	{ "field", 0, OPT_FIELD, ARG_REQUIRED },
	{ "delimiter", 'd', OPT_DELIMITER, ARG_REQUIRED },
	{ "header", 0, OPT_HEADER, ARG_OPTIONAL },
	{ "append", 0, OPT_APPEND, ARG_NONE },
	{ "from-field", 0, OPT_FROM_FIELD, ARG_REQUIRED },
	{ "zero-terminated", 'z', OPT_ZERO, ARG_NONE },
	{ "invalid", 0, OPT_INVALID, ARG_REQUIRED },
	{ "output", 0, OPT_OUTPUT, ARG_REQUIRED },
	{ "offline", 0, OPT_OFFLINE, ARG_NONE },
	{ "max-age", 0, OPT_MAX_AGE, ARG_REQUIRED },
	{ "timeout", 0, OPT_TIMEOUT, ARG_REQUIRED },
	{ "official", 0, OPT_OFFICIAL, ARG_OPTIONAL },
	{ "explain", 0, OPT_EXPLAIN, ARG_NONE },
	{ "date", 0, OPT_DATE, ARG_REQUIRED },
	{ "date-field", 0, OPT_DATE_FIELD, ARG_REQUIRED },
	{ "since", 0, OPT_SINCE, ARG_REQUIRED },
	{ "until", 0, OPT_UNTIL, ARG_REQUIRED },
	{ "grouped", 0, OPT_GROUPED, ARG_NONE },
	{ "base", 0, OPT_BASE, ARG_REQUIRED },
};
#define OPTION_COUNT (sizeof option_table / sizeof option_table[0])

/* A whole number from 1 up, digits only. */
static bool parse_count(const char *s, long *out)
{
	long v = 0;
	if (*s == '\0')
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000L)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return v > 0;
}

static int choose(const char *name, const char *val, const char *const *names, size_t n, int *out)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(val, names[k]) == 0) {
			*out = (int)k;
			return EXIT_OK;
		}
	char list[128] = "";
	for (size_t k = 0; k < n; k++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", names[k]);
	return usage_error(_("invalid value '%s' for '%s' (%s)"), val, name, list);
}

/* Returns EXIT_OK, EXIT_USAGE, or -1 when --help or --version has been answered. */
static int set_option(cli_opts *o, int id, const char *name, const char *val)
{
	static const char *const invalid_names[] = { "abort", "fail", "warn", "ignore" };
	static const char *const output_names[] = { "text", "json", "csv", "tsv", "ledger", "beancount" };
	int v;
	switch (id) {
	case OPT_RATES:
		if (*val == '\0')
			return usage_error(_("option '%s' needs a file name or URL"), name);
		o->rates = val;
		break;
	case OPT_PRECISION:
		if (!parse_precision(val, &o->precision))
			return usage_error(_("invalid precision '%s' (a whole number from 0 to %d)"), val,
			                   CONV_MAX_PRECISION);
		break;
	case OPT_ROUND:
		if (!dec_round_from_name(&o->mode, val))
			return usage_error(_("invalid rounding mode '%s' (half-up, half-even, half-down, "
			                   "up, down, ceiling, floor)"), val);
		break;
	case OPT_TERSE:
		o->terse = true;
		break;
	case OPT_EXPLAIN:
		o->explain = true;
		break;
	case OPT_HELP:
		print_help();
		return -1;
	case OPT_VERSION:
		print_version();
		return -1;
	case OPT_FROM:
		o->from = val;
		break;
	case OPT_TO:
		/* --to UZS --to USD, or --to UZS,USD */
		for (const char *p = val;;) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			if (o->nto == STREAM_MAX_TARGETS)
				return usage_error(_("too many targets (at most %d)"), STREAM_MAX_TARGETS);
			if (n == 0 || n >= sizeof o->to_text[0])
				return usage_error(_("invalid currency '%.*s' for '%s'"), (int)n, p, name);
			/* a code, symbol or name: resolved against the table by cmd_stream() */
			memcpy(o->to_text[o->nto], p, n);
			o->to_text[o->nto][n] = '\0';
			o->nto++;
			if (comma == NULL)
				break;
			p = comma + 1;
		}
		break;
	case OPT_FIELD:
		if (!stream_parse_fields(val, o->fields, &o->nfields))
			return usage_error(_("invalid field list '%s' (such as 2, 2,4-5, -3 or 5-)"), val);
		break;
	case OPT_DELIMITER:
		if (strlen(val) != 1 || val[0] == '"' || val[0] == '\n')
			return usage_error(_("the delimiter must be a single character other than '\"' and "
			                   "newline, not '%s'"), val);
		o->delim = val[0];
		break;
	case OPT_HEADER:
		o->header = 1;
		if (val != NULL && !parse_count(val, &o->header))
			return usage_error(_("invalid header line count '%s'"), val);
		break;
	case OPT_APPEND:
		o->append = true;
		break;
	case OPT_FROM_FIELD:
		if (!parse_count(val, &o->from_field))
			return usage_error(_("invalid field number '%s' for '%s'"), val, name);
		break;
	case OPT_ZERO:
		o->zero = true;
		break;
	case OPT_INVALID:
		if (choose(name, val, invalid_names, 4, &v) != EXIT_OK)
			return EXIT_USAGE;
		o->invalid = (invalid_mode)v;
		break;
	case OPT_OUTPUT:
		if (choose(name, val, output_names, 6, &v) != EXIT_OK)
			return EXIT_USAGE;
		o->format = (out_format)v;
		break;
	case OPT_OFFLINE:
		o->net.offline = true;
		break;
	case OPT_MAX_AGE:
		if (!tables_parse_duration(val, &o->net.max_age))
			return usage_error(_("invalid age '%s' for '%s' (seconds, or a number and s, m, h or d: "
			                   "90, 30m, 6h, 1d)"), val, name);
		break;
	case OPT_TIMEOUT:
		if (!tables_parse_timeout(val, &o->net.timeout_ms))
			return usage_error(_("invalid timeout '%s' (seconds, more than 0 and at most 600: "
			                   "10, 2.5)"), val);
		break;
	case OPT_DATE:
	case OPT_SINCE:
	case OPT_UNTIL: {
		date_t *d = id == OPT_DATE ? &o->net.date : id == OPT_SINCE ? &o->since : &o->until;
		if (!date_parse_iso(d, val, strlen(val)))
			return usage_error(_("invalid date '%s' for '%s' (a real day as YYYY-MM-DD)"), val, name);
		if (id == OPT_DATE)
			o->net.dated = true;
		else if (id == OPT_SINCE)
			o->has_since = true;
		else
			o->has_until = true;
		break;
	}
	case OPT_BASE:
		if (!currency_normalize(o->base, val))
			return usage_error(_("invalid currency code '%s' for '%s' (three letters, such as USD)"), val,
			                   name);
		o->net.base = o->base;
		break;
	case OPT_GROUPED:
		o->grouped = true;
		break;
	case OPT_DATE_FIELD:
		if (!parse_count(val, &o->date_field))
			return usage_error(_("invalid field number '%s' for '%s'"), val, name);
		break;
	case OPT_OFFICIAL:
		/* --official is -r official; --official=nbk is -r official:nbk */
		snprintf(o->official, sizeof o->official, "official%s%.6s", val ? ":" : "", val ? val : "");
		if (val != NULL && (strlen(val) > 6 || !tables_is_official(o->official)))
			return usage_error(_("invalid bank '%s' for '%s' (nbk, nbkr, nbt or cbu)"), val, name);
		o->rates = o->official;
		break;
	}
	return EXIT_OK;
}

/* The longest line of the configuration file. */
#define CONFIG_LINE_MAX 4096

/* " \t" at both ends of s[0..n) go; the rest, NUL-terminated in place. */
static char *trim(char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	s[n] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * The configuration file, $XDG_CONFIG_HOME/sarraf/config or
 * ~/.config/sarraf/config: "key = value" lines and "#" comments, for the
 * defaults of rates, max-age, timeout, precision, round and offline. Read
 * before the command line, which wins; $SARRAF_RATES wins over its rates.
 * No file is no defaults; a bad line is exit 2, naming FILE:LINE.
 */
static int read_config(cli_opts *o)
{
	static const struct {
		const char *key;
		int id;
	} keys[] = { { "rates", OPT_RATES }, { "max-age", OPT_MAX_AGE }, { "timeout", OPT_TIMEOUT },
		         { "precision", OPT_PRECISION }, { "round", OPT_ROUND }, { "offline", OPT_OFFLINE } };
	char path[4096], where[4200], line[CONFIG_LINE_MAX + 2];
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg != NULL && xdg[0] == '/')
		snprintf(path, sizeof path, "%s/sarraf/config", xdg);
	else if (home != NULL && home[0] == '/')
		snprintf(path, sizeof path, "%s/.config/sarraf/config", home);
	else
		return EXIT_OK;
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return EXIT_OK;
		return usage_error(_("cannot read the configuration file '%s': %s"), path, strerror(errno));
	}
	int rc = EXIT_OK;
	for (long no = 1; rc == EXIT_OK && fgets(line, sizeof line, f) != NULL; no++) {
		size_t n = strlen(line);
		snprintf(where, sizeof where, "%s:%ld", path, no);
		config_where = where;
		if (n > CONFIG_LINE_MAX && line[n - 1] != '\n') {
			rc = usage_error(_("line longer than %d bytes"), CONFIG_LINE_MAX);
			break;
		}
		char *s = trim(line, n);
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			rc = usage_error(_("expected 'key = value', got '%s'"), s);
			break;
		}
		char *key = trim(s, (size_t)(eq - s)), *val = trim(eq + 1, strlen(eq + 1));
		size_t k;
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (strcmp(key, keys[k].key) == 0)
				break;
		if (k == sizeof keys / sizeof keys[0]) {
			rc = usage_error(_("unknown key '%s' (rates, max-age, timeout, precision, round, offline)"),
			                 key);
		} else if (keys[k].id == OPT_RATES) {
			free(o->config_rates);
			o->config_rates = *val != '\0' ? strdup(val) : NULL;
		} else if (keys[k].id == OPT_OFFLINE) {
			if (strcmp(val, "true") == 0 || strcmp(val, "yes") == 0)
				o->net.offline = true;
			else if (strcmp(val, "false") == 0 || strcmp(val, "no") == 0)
				o->net.offline = false;
			else
				rc = usage_error(_("invalid value '%s' for 'offline' (true or false)"), val);
		} else {
			char name[32];
			snprintf(name, sizeof name, "%s", keys[k].key);
			rc = set_option(o, keys[k].id, name, val);
		}
	}
	config_where = NULL;
	fclose(f);
	return rc;
}

static int parse_args(cli_opts *o, int argc, char **argv)
{
	int i = 1;
	o->operands = calloc((size_t)argc + 1, sizeof *o->operands);
	if (o->operands == NULL) {
		errorf(_("out of memory"));
		return EXIT_DATA;
	}
	for (; i < argc; i++) {
		char *arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		if (arg[0] != '-' || arg[1] == '\0' || looks_like_number(arg)) {
			o->operands[o->noperands++] = arg;
			continue;
		}
		if (arg[1] == '-') {
			/* --name or --name=value */
			const char *given = arg + 2;
			const char *eq = strchr(given, '=');
			size_t nlen = eq ? (size_t)(eq - given) : strlen(given);
			size_t k;
			for (k = 0; k < OPTION_COUNT; k++)
				if (strlen(option_table[k].long_name) == nlen &&
				    strncmp(option_table[k].long_name, given, nlen) == 0)
					break;
			if (k == OPTION_COUNT)
				return usage_error(_("unknown option '%.*s'"), (int)(nlen + 2), arg);
			char name[32];
			snprintf(name, sizeof name, "--%s", option_table[k].long_name);
			const char *val = NULL;
			if (option_table[k].arg == ARG_NONE && eq)
				return usage_error(_("option '%s' takes no value"), name);
			if (option_table[k].arg == ARG_OPTIONAL && eq)
				val = eq + 1;
			if (option_table[k].arg == ARG_REQUIRED) {
				val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
				if (val == NULL)
					return usage_error(_("option '%s' needs a value"), name);
			}
			int rc = set_option(o, option_table[k].id, name, val);
			if (rc != EXIT_OK)
				return rc;
			continue;
		}
		/* A cluster of short options: -tp6, -t -p 6, -rFILE */
		for (const char *c = arg + 1; *c; c++) {
			size_t k;
			for (k = 0; k < OPTION_COUNT; k++)
				if (option_table[k].short_name == *c)
					break;
			if (k == OPTION_COUNT)
				return usage_error(_("unknown option '-%c'"), *c);
			char name[3] = { '-', *c, '\0' };
			if (option_table[k].arg != ARG_REQUIRED) {
				int rc = set_option(o, option_table[k].id, name, NULL);
				if (rc != EXIT_OK)
					return rc;
				continue;
			}
			const char *val = c[1] ? c + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (val == NULL)
				return usage_error(_("option '%s' needs a value"), name);
			int rc = set_option(o, option_table[k].id, name, val);
			if (rc != EXIT_OK)
				return rc;
			break;
		}
	}
	for (; i < argc; i++)
		o->operands[o->noperands++] = argv[i];
	return EXIT_OK;
}

/* -r, else $SARRAF_RATES, else the configuration file's, else NULL (the embedded table). */
static const char *rates_source(const cli_opts *o)
{
	const char *env = getenv("SARRAF_RATES");
	return o->rates != NULL ? o->rates : env != NULL && *env != '\0' ? env : o->config_rates;
}

/* The core's warnings, one line each, to stderr. */
static void print_warning(void *ctx, const char *line)
{
	(void)ctx;
	errorf("%s", line);
}

/* Lines kept to be printed later (what each feed gave, for `fetch`). */
typedef struct {
	size_t count;
	char line[16][320];
} kept_lines;

static void keep_line(void *ctx, const char *line)
{
	kept_lines *k = ctx;
	if (k->count < sizeof k->line / sizeof k->line[0])
		snprintf(k->line[k->count++], sizeof k->line[0], "%s", line);
}

/* The table of src (tables.h), its warnings to stderr. */
static int load_from(const cli_opts *o, const char *src, rates_table *t, tables_opts *to,
                     tables_report *rep)
{
	char err[TABLES_MSG_MAX];
	to->warn = (msg_sink){ print_warning, NULL };
	if (tables_load(t, src, to, rep, err) != 0) {
		errorf("%s", err);
		return EXIT_TABLE;
	}
	(void)o;
	return EXIT_OK;
}


/* The lines that name a table (output.h): list, fetch and --explain. */
void print_table_block(FILE *out, const rates_table *t, const char *origin, int indent, bool colon)
{
	char buf[2048];
	size_t n = out_table_block(buf, sizeof buf, t, origin, indent, colon, colon);
	fputs(buf, out);
	if (n >= sizeof buf)
		fputs("\n", out);
}

/* "codes:   6: USD KGS ...", after fetch. */
static void print_codes(const rates_table *t)
{
	printf(_("codes:   %zu: %s"), t->count + 1, t->base);
	for (size_t k = 0; k < t->count; k++)
		printf(" %s", t->quotes[k].code);
	printf("\n");
}

/* sarraf fetch [SOURCE]: ask the source now, store what it says, and say what came. */
static int cmd_fetch(const cli_opts *o, const char *src)
{
	tables_report rep;
	tables_opts to = o->net;
	kept_lines feeds = { 0 };
	rates_table t;
	if (src == NULL && (src = rates_source(o)) == NULL)
		return usage_error(_("'fetch' needs a URL (as its operand, -r URL or $SARRAF_RATES)"));
	tables_kind kind = tables_kind_of(src);
	if (kind == TABLES_FILE)
		return usage_error(_("'fetch' needs an http:// or https:// URL, not '%s'"), src);
	if (o->net.offline)
		return usage_error(_("'fetch' and --offline do not go together"));
	to.force = true;
	to.info = (msg_sink){ keep_line, &feeds };
	rates_init(&t);
	int rc = load_from(o, src, &t, &to, &rep);
	/* `fetch` exists to fill the cache: when nothing could be stored, it failed. */
	if (rc == EXIT_OK && kind != TABLES_OFFICIAL && rep.cache_path[0] == '\0') {
		errorf(_("cannot fetch '%s': the table could not be stored in the cache: %s"), src,
		       rep.cache_err[0] != '\0' ? rep.cache_err : "unknown reason");
		rc = EXIT_TABLE;
	}
	if (rc == EXIT_OK) {
		printf(_("table:   %s\n"), src);
		if (kind == TABLES_OFFICIAL) {
			for (size_t k = 0; k < feeds.count; k++)
				printf(_("feed:    %s\n"), feeds.line[k]);
		} else {
			printf(_("status:  %s\n"), rep.not_modified ? _("not modified (HTTP 304): the cached copy is "
			                                             "current") : _("fetched"));
			printf(_("cached:  %s\n"), rep.cache_path[0] != '\0' ? rep.cache_path : _("(not cached)"));
		}
		print_table_block(stdout, &t, NULL, 0, true);
		print_codes(&t);
	}
	rates_destroy(&t);
	return rc;
}

/* Load the table named by -r, else $SARRAF_RATES, else the embedded one. */
static int load_rates(const cli_opts *o, rates_table *t)
{
	tables_report rep;
	tables_opts to = o->net;
	return load_from(o, rates_source(o), t, &to, &rep);
}

/* A currency operand -> its upper-case code and exact value, or an error line. */
static int lookup(const rates_table *t, const char *arg, char code[4], rates_value *v)
{
	words_currency_t w; /* a code, a symbol or a name: words.c */
	switch (words_currency(&w, arg, strlen(arg), t)) {
	case WORDS_OK:
		memcpy(code, w.code, 4);
		if (t == NULL)
			return EXIT_OK; /* no table yet: a well-formed code or word is enough */
		if (rates_value_of(t, code, v))
			return EXIT_OK;
		/* fall through */
	case WORDS_UNKNOWN:
		if (currency_normalize(code, arg) && strcmp(code, w.code) == 0)
			errorf(_("unknown currency '%s' (not in the rate table; 'sarraf list' shows it)"), arg);
		else
			errorf(_("unknown currency '%s' (%s is not in the rate table; 'sarraf list' shows it)"),
			       arg, w.code);
		return EXIT_DATA;
	case WORDS_AMBIGUOUS:
		errorf(_("ambiguous currency '%s': %s%s%s%s%s (write the code)"), arg, w.candidates[0],
		       w.ncandidates > 2 ? ", " : " or ", w.candidates[1],
		       w.ncandidates > 2 ? " or " : "", w.ncandidates > 2 ? w.candidates[2] : "");
		return EXIT_DATA;
	case WORDS_SYNTAX:
		break;
	}
	errorf(_("invalid currency code '%s' (a code such as KZT, a symbol or a name such as tenge)"), arg);
	return EXIT_DATA;
}

static int parse_amount(const char *arg, dec_t *amount)
{
	switch (dec_parse_cstr(amount, arg)) {
	case DEC_OK:
		return EXIT_OK;
	case DEC_RANGE:
		errorf(_("amount '%s' is out of range"), arg);
		return EXIT_DATA;
	case DEC_SYNTAX:
		break;
	}
	errorf(_("invalid amount '%s'"), arg);
	return EXIT_DATA;
}

/* The terminal takes UTF-8: decided from the environment, never with setlocale(). */
static bool utf8_terminal(void)
{
	return out_env_utf8(getenv("LC_ALL"), getenv("LC_CTYPE"), getenv("LANG"));
}

/*
 * Digit groups in the human output: a space, or where the terminal takes
 * UTF-8 a narrow no-break space (U+202F), which a shell keeps in one word
 * when pasted back.
 */
static const char *group_separator(void)
{
	return utf8_terminal() ? "\xe2\x80\xaf" : " ";
}

/* What a human answer writes for "=" when its quotes cannot carry its digits. */
static const char *approx_sign(void)
{
	return utf8_terminal() ? "\xe2\x89\x88" : "~";
}

static void quote_percent(char *buf, size_t cap, const dec_t *q);

/* Days after which a table (or a quote it used) is old for the day asked. */
#define AGE_NOTE_DAYS 7

/*
 * A human answer from an undated table, or one whose date (or the date of a
 * quote it used) is more than AGE_NOTE_DAYS before the day asked for: one
 * line on stderr naming it, and how to get current rates.
 */
static void age_note(const cli_opts *o, const rates_table *t, const char *from,
                     const char (*to)[4], int nto)
{
	date_t asked = o->net.dated ? o->net.date : date_today(), oldest = asked, d;
	const char *oldest_text = NULL;
	bool undated = t->date == NULL;
	for (int k = -1; k < nto; k++) {
		const rates_quote *q = rates_find(t, k < 0 ? from : to[k]);
		if (q != NULL && q->date != NULL) {
			undated = false;
			if (date_parse_iso_time(&d, q->date) && date_cmp(d, oldest) < 0) {
				oldest = d;
				oldest_text = q->date;
			}
		}
	}
	if (t->date != NULL && date_parse_iso_time(&d, t->date) && date_cmp(d, oldest) < 0 &&
	    oldest_text == NULL) {
		oldest = d;
		oldest_text = t->date;
	}
	const char *name = t->origin ? t->origin : "?";
	const char *how = _("current rates: -r official, or -r URL and 'sarraf fetch'");
	if (undated) {
		errorf(_("note: the rates of '%s' are undated (%s); %s"), name,
		       t->source ? t->source : "no source given", how);
	} else if (oldest_text != NULL && date_to_days(asked) - date_to_days(oldest) > AGE_NOTE_DAYS) {
		char a[DATE_ISO_SIZE];
		date_format_iso(a, asked);
		errorf(_("note: the rates of '%s' are of %.10s, %ld days before %s; %s"), name, oldest_text,
		       date_to_days(asked) - date_to_days(oldest), a, how);
	}
}

/* "UZS/USD 0.00008 has 1 significant digit, +/-6.3%": the least precise quote of those used. */
static void precision_note(const rates_table *t, const char *from, const char (*to)[4], int nto)
{
	const rates_quote *worst = NULL;
	for (int k = -1; k < nto; k++) {
		const rates_quote *q = rates_find(t, k < 0 ? from : to[k]);
		char u[32];
		if (q == NULL || conv_uncertainty_text(u, sizeof u, q, NULL, 2) < 0 || strcmp(u, "0") == 0)
			continue;
		if (worst == NULL || dec_digits(&q->quote) < dec_digits(&worst->quote))
			worst = q;
	}
	if (worst == NULL)
		return;
	char text[DEC_STRING_MAX + 16], pct[DEC_STRING_MAX];
	rates_quote_text(text, sizeof text, t, worst);
	quote_percent(pct, sizeof pct, &worst->quote);
	int d = dec_digits(&worst->quote);
	errorf(P_("note: %s has %d significant digit, %s%s%%: the answer cannot carry all the digits shown",
	          "note: %s has %d significant digits, %s%s%%: the answer cannot carry all the digits shown",
	          d), text, d, utf8_terminal() ? "\xc2\xb1" : "+/-", pct);
}

static int precision_for(const cli_opts *o, const char *code);

/*
 * A non-zero amount whose answer rounds to zero: say so, and the precision
 * that shows it ("-p 5: 0.00008").
 */
static void zero_note(const cli_opts *o, const rates_table *t, const dec_t *amount, const char *from,
                      const char *to, dec_int result)
{
	rates_value vf, vt;
	if (result != 0 || dec_sign(amount) == 0 || !rates_value_of(t, from, &vf) ||
	    !rates_value_of(t, to, &vt))
		return;
	/* The first significant digit (truncating), and one more. */
	for (int p = precision_for(o, to) + 1; p <= CONV_MAX_PRECISION; p++) {
		conv_ctx down = { p, DEC_ROUND_DOWN };
		dec_int r;
		char v[DEC_STRING_MAX];
		if (conv_convert(&r, amount, &vf, &vt, &down) != CONV_OK || r == 0)
			continue;
		conv_ctx ctx = { p < CONV_MAX_PRECISION ? p + 1 : p, o->mode };
		if (conv_convert(&r, amount, &vf, &vt, &ctx) != CONV_OK)
			return;
		p = ctx.precision;
		dec_format(v, sizeof v, r, p);
		errorf(_("note: the answer in %s rounds to zero; -p %d: %s"), to, p, v);
		return;
	}
	errorf(_("note: the answer in %s rounds to zero even at %d digits after the point"), to,
	       CONV_MAX_PRECISION);
}

static int precision_for(const cli_opts *o, const char *code)
{
	return o->precision >= 0 ? o->precision : currency_minor_units(code);
}

/* One conversion as a JSON, CSV or TSV record (--output). */
static void print_record(const cli_opts *o, const rates_table *t, const char *amount, const char *from,
                         const char *to, const char *result)
{
	rates_value vf, vt;
	conv_pair p;
	char rate[DEC_STRING_MAX];
	rates_value_of(t, from, &vf);
	rates_value_of(t, to, &vt);
	conv_pair_init(&p, &vf, &vt);
	if (conv_format_rate(rate, sizeof rate, &p, conv_significant_scale(&p, CONV_MAX_PRECISION, 0), 0,
	                     true, DEC_ROUND_HALF_EVEN) < 0)
		snprintf(rate, sizeof rate, "?");
	char unc[DEC_STRING_MAX];
	if (conv_uncertainty_text(unc, sizeof unc, rates_find(t, from), rates_find(t, to), 2) < 0)
		snprintf(unc, sizeof unc, "?");
	out_record rec = { NULL, 0, amount, strlen(amount), from, to, result, NULL, rate,
	                   precision_for(o, to), o->mode, t, unc };
	char buf[1024];
	size_t need = out_format_record(buf, sizeof buf, o->format, &rec);
	if (need < sizeof buf) {
		fputs(buf, stdout);
		return;
	}
	char *big = malloc(need + 1);
	if (big != NULL) {
		out_format_record(big, need + 1, o->format, &rec);
		fputs(big, stdout);
		free(big);
	}
}

/*
 * --explain, after the answers to `nto` targets (of a `rate` shown with
 * rate_scale digits, or of a conversion when that is -1): to stdout under
 * the human answer; to stderr when stdout is for scripts (--terse,
 * --output), so that it keeps the bare answer.
 */
static void explain_all(const cli_opts *o, const rates_table *t, const dec_t *amount, const char *from,
                        const char (*to)[4], int nto, int rate_scale)
{
	FILE *out = o->terse || o->format != OUT_TEXT ? stderr : stdout;
	explain_table(out, t);
	explain_quote(out, t, from);
	for (int k = 0; k < nto; k++) {
		bool seen = strcmp(to[k], from) == 0;
		for (int j = 0; j < k && !seen; j++)
			seen = strcmp(to[j], to[k]) == 0;
		if (!seen)
			explain_quote(out, t, to[k]);
	}
	for (int k = 0; k < nto; k++) {
		conv_ctx ctx = { rate_scale >= 0 ? rate_scale : precision_for(o, to[k]), o->mode };
		explain_conversion(out, t, amount, from, to[k], &ctx);
	}
}

static int cmd_convert(const cli_opts *o, const rates_table *t)
{
	char **args = o->operands;
	int n = o->noperands;
	dec_t amount;
	char from[4];
	rates_value vfrom;
	int rc;

	if ((rc = lookup(t, args[1], from, &vfrom)) != EXIT_OK)
		return rc;
	int first = 2;
	if (n > 2 && (strcmp(args[2], "to") == 0 || strcmp(args[2], "TO") == 0))
		first = 3;
	if (first >= n && first == 3)
		return usage_error(_("missing target currency after '%s'"), args[first - 1]);
	(void)parse_amount(args[0], &amount); /* already checked by cli_main */

	/* AMOUNT FROM alone: every other currency of the table, in the table's order. */
	bool every = first >= n;
	int ntargets = every ? (int)t->count : n - first;
	/* All or nothing: every target is computed before anything is printed. */
	dec_int *results = calloc((size_t)ntargets + 1, sizeof *results);
	char (*codes)[4] = calloc((size_t)ntargets + 1, sizeof *codes);
	bool *approx = calloc((size_t)ntargets + 1, sizeof *approx);
	if (results == NULL || codes == NULL || approx == NULL) {
		free(results);
		free(codes);
		free(approx);
		errorf(_("out of memory"));
		return EXIT_DATA;
	}
	if (every) {
		ntargets = 0;
		for (size_t k = 0; k <= t->count; k++) {
			const char *c = k == 0 ? t->base : t->quotes[k - 1].code;
			if (strcmp(c, from) != 0)
				memcpy(codes[ntargets++], c, 4);
		}
	}
	bool any_approx = false;
	for (int k = 0, arg = first; k < ntargets && rc == EXIT_OK; k++, arg++) {
		rates_value vto;
		if (!every && (rc = lookup(t, args[arg], codes[k], &vto)) != EXIT_OK)
			break;
		/* A target named twice (KZT and tenge) is answered once. */
		bool again = false;
		for (int j = 0; j < k && !again; j++)
			again = strcmp(codes[j], codes[k]) == 0;
		if (again) {
			k--;
			ntargets--;
			continue;
		}
		if (every)
			rates_value_of(t, codes[k], &vto);
		conv_ctx ctx = { precision_for(o, codes[k]), o->mode };
		conv_pair p;
		conv_pair_init(&p, &vfrom, &vto);
		if (conv_apply(&results[k], &amount, &p, &ctx) != CONV_OK) {
			errorf(_("result of %s %s in %s is out of range (|result| < 10^%d)"), args[0], from,
			       codes[k], CONV_RESULT_DIGITS);
			rc = EXIT_DATA;
			break;
		}
		approx[k] = conv_uncertain(&amount, &p, rates_find(t, from), rates_find(t, codes[k]),
		                           ctx.precision);
		any_approx |= approx[k];
	}
	if (rc == EXIT_OK) {
		char a[DEC_STRING_MAX], r[DEC_STRING_MAX];
		const char *hdr = out_record_header(o->format);
		if (hdr != NULL)
			fputs(hdr, stdout);
		if (dec_to_string(a, sizeof a, &amount) < 0)
			snprintf(a, sizeof a, "%s", args[0]);
		/* The human form: digits grouped, the targets' points in one column (output.h). */
		const char *sep = group_separator();
		char ga[DEC_STRING_MAX * 4], gr[DEC_STRING_MAX * 6];
		size_t iw = 0, fw = 0, ic, fc;
		for (int k = 0; k < ntargets; k++) {
			dec_format(r, sizeof r, results[k], precision_for(o, codes[k]));
			out_columns(r, &ic, &fc);
			iw = ic > iw ? ic : iw;
			fw = fc > fw ? fc : fw;
		}
		for (int k = 0; k < ntargets; k++) {
			dec_format(r, sizeof r, results[k], precision_for(o, codes[k]));
			const char *eq = approx[k] ? approx_sign() : "=";
			if (o->format != OUT_TEXT)
				print_record(o, t, args[0], from, codes[k], r);
			else if (o->terse)
				printf("%s\n", r);
			else if (out_group(ga, sizeof ga, a, sep) >= 0 &&
			         out_align(gr, sizeof gr, r, sep, iw, fw) >= 0)
				printf("%s %s %s %s %s\n", ga, from, eq, gr, codes[k]);
			else
				printf("%s %s %s %s %s\n", a, from, eq, r, codes[k]);
		}
		if (o->format == OUT_TEXT && !o->terse) {
			for (int k = 0; k < ntargets; k++)
				zero_note(o, t, &amount, from, codes[k], results[k]);
			age_note(o, t, from, (const char (*)[4])codes, ntargets);
			if (any_approx)
				precision_note(t, from, (const char (*)[4])codes, ntargets);
		}
		if (o->explain)
			explain_all(o, t, &amount, from, (const char (*)[4])codes, ntargets, -1);
	}
	free(results);
	free(codes);
	free(approx);
	return rc;
}

/*
 * One FROM in TO as `rate` shows it: --precision digits, else 10 significant
 * digits (at least the target's minor units), trailing zeros dropped.
 * *scale gets the digits used. false when it is out of range.
 */
static bool format_rate(const cli_opts *o, const rates_value *vf, const rates_value *vt,
                        const char *to, char r[DEC_STRING_MAX], int *scale)
{
	conv_pair p;
	conv_pair_init(&p, vf, vt);
	int min_scale = currency_minor_units(to);
	*scale = o->precision >= 0 ? o->precision : conv_significant_scale(&p, RATE_SIGNIFICANT, min_scale);
	return conv_format_rate(r, DEC_STRING_MAX, &p, *scale, min_scale, o->precision < 0, o->mode) >= 0;
}

/* A record of named fields to stdout (output.h), the CSV/TSV header first when asked. */
static void print_fields(const cli_opts *o, const char *const *names, const char *const *values,
                         size_t n, bool header)
{
	char small[2048];
	size_t need = out_format_fields(small, sizeof small, o->format, names, values, n, header);
	if (need < sizeof small) {
		fputs(small, stdout);
		return;
	}
	char *big = malloc(need + 1);
	if (big != NULL) {
		out_format_fields(big, need + 1, o->format, names, values, n, header);
		fputs(big, stdout);
		free(big);
	}
}

static int cmd_rate(const cli_opts *o, const rates_table *t)
{
	char from[4], to[4];
	rates_value vf, vt;
	int rc, scale;
	if ((rc = lookup(t, o->operands[1], from, &vf)) != EXIT_OK ||
	    (rc = lookup(t, o->operands[2], to, &vt)) != EXIT_OK)
		return rc;
	char r[DEC_STRING_MAX];
	if (!format_rate(o, &vf, &vt, to, r, &scale)) {
		errorf(_("rate of %s in %s is out of range (|result| < 10^%d)"), from, to,
		       CONV_RESULT_DIGITS);
		return EXIT_DATA;
	}
	char gr[DEC_STRING_MAX * 4];
	conv_pair p;
	conv_pair_init(&p, &vf, &vt);
	dec_t one = { 1, 0 };
	bool approx = conv_uncertain(&one, &p, rates_find(t, from), rates_find(t, to), scale);
	if (o->format != OUT_TEXT) {
		/* One record: {"from","to","rate","uncertainty","table","source","date"}. */
		static const char *const names[] = { "from", "to", "rate", "uncertainty", "table", "source",
			                                 "date" };
		char unc[DEC_STRING_MAX];
		if (conv_uncertainty_text(unc, sizeof unc, rates_find(t, from), rates_find(t, to), 2) < 0)
			snprintf(unc, sizeof unc, "?");
		const char *values[] = { from, to, r, unc, t->origin, t->source, t->date };
		print_fields(o, names, values, 7, true);
		print_fields(o, names, values, 7, false);
		if (o->explain)
			explain_all(o, t, NULL, from, (const char (*)[4])&to, 1, scale);
		return EXIT_OK;
	}
	if (o->terse)
		printf("%s\n", r);
	else
		printf("1 %s %s %s %s\n", from, approx ? approx_sign() : "=",
		       out_group(gr, sizeof gr, r, group_separator()) < 0 ? r : gr, to);
	if (!o->terse && o->format == OUT_TEXT) {
		age_note(o, t, from, (const char (*)[4])&to, 1);
		if (approx)
			precision_note(t, from, (const char (*)[4])&to, 1);
	}
	if (o->explain)
		explain_all(o, t, NULL, from, (const char (*)[4])&to, 1, scale);
	return EXIT_OK;
}

/* The day a quote was published: its own date (the official table), else the table's. */
static bool quote_day(const rates_table *t, const char *code, date_t *d)
{
	const rates_quote *q = rates_find(t, code);
	if (q != NULL && q->date != NULL && date_parse_iso_time(d, q->date))
		return true;
	if (q == NULL && strcmp(code, t->base) != 0)
		return false;
	return t->date != NULL && date_parse_iso_time(d, t->date);
}

/*
 * The official table for a pair: a bank's own table when the pair is USD
 * and that bank's currency (one feed to ask a day, its quote as published),
 * else the USD table of every bank.
 */
static const char *history_source(const char *src, const char *a, const char *b)
{
	static const char *const own[][2] = { { "KZT", "official:nbk" }, { "KGS", "official:nbkr" },
		                                  { "TJS", "official:nbt" }, { "UZS", "official:cbu" } };
	if (strcmp(src, "official") != 0 || (strcmp(a, "USD") != 0 && strcmp(b, "USD") != 0))
		return src;
	const char *other = strcmp(a, "USD") == 0 ? b : a;
	for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
		if (strcmp(other, own[k][0]) == 0)
			return own[k][1];
	return src;
}

/* sarraf history FROM TO --since D [--until D]: one line per day the source published. */
static int cmd_history(const cli_opts *o)
{
	const char *src = rates_source(o);
	date_t today = date_today(), until = o->has_until ? o->until : today;
	char iso[DATE_ISO_SIZE], a[DATE_ISO_SIZE], from[4] = "", to[4] = "";
	int rc = EXIT_OK, failed = 0;
	if (!o->has_since)
		return usage_error(_("'history' needs --since DATE"));
	if (date_cmp(until, today) > 0) {
		date_format_iso(a, until);
		date_format_iso(iso, today);
		return usage_error(_("date %s is in the future (today is %s)"), a, iso);
	}
	if (date_cmp(o->since, until) > 0) {
		date_format_iso(a, o->since);
		date_format_iso(iso, until);
		return usage_error(_("--since %s is after --until %s"), a, iso);
	}
	if (date_to_days(until) - date_to_days(o->since) >= HISTORY_MAX_DAYS)
		return usage_error(_("'history' covers at most %d days at a time"), HISTORY_MAX_DAYS);
	/* The currencies as codes, without a table yet: resolved again against each day's. */
	words_currency_t w;
	for (int k = 1; k <= 2; k++) {
		const char *arg = o->operands[k];
		words_status ws = words_currency(&w, arg, strlen(arg), NULL);
		if (ws != WORDS_OK) {
			errorf(_("invalid currency code '%s' (a code such as KZT, a symbol or a name such as tenge)"),
			       arg);
			return EXIT_DATA;
		}
		memcpy(k == 1 ? from : to, w.code, 4);
	}
	src = history_source(src, from, to);
	const char *hdr = o->format == OUT_CSV ? "date,from,to,rate\n" : o->format == OUT_TSV ?
	                  "date\tfrom\tto\trate\n" : NULL;
	if (hdr != NULL)
		fputs(hdr, stdout);
	date_t last = { 0, 0, 0 };
	for (date_t d = o->since; date_cmp(d, until) <= 0; d = date_add(d, 1)) {
		tables_opts topt = o->net;
		tables_report rep;
		rates_table t;
		rates_value vf, vt;
		topt.dated = true;
		topt.date = d;
		topt.quiet_earlier = true;
		rates_init(&t);
		if (load_from(o, src, &t, &topt, &rep) != EXIT_OK) {
			failed++;
			rates_destroy(&t);
			continue;
		}
		date_t df, dt, pub = d;
		bool hf = quote_day(&t, from, &df), ht = quote_day(&t, to, &dt);
		if (hf)
			pub = df;
		if (ht && (!hf || date_cmp(dt, df) > 0))
			pub = dt;
		char r[DEC_STRING_MAX];
		int scale;
		if (!rates_value_of(&t, from, &vf) || !rates_value_of(&t, to, &vt)) {
			date_format_iso(iso, d);
			errorf(_("unknown currency '%s' in the table of %s"), rates_value_of(&t, from, &vf) ? to : from,
			       iso);
			rates_destroy(&t);
			return EXIT_DATA;
		}
		if (date_cmp(pub, o->since) < 0 || date_cmp(pub, until) > 0 ||
		    (last.year != 0 && date_cmp(pub, last) <= 0)) {
			rates_destroy(&t);
			continue; /* a day stepped back to, already shown or before the range */
		}
		last = pub;
		date_format_iso(iso, pub);
		if (!format_rate(o, &vf, &vt, to, r, &scale)) {
			errorf(_("rate of %s in %s on %s is out of range"), from, to, iso);
			rc = EXIT_DATA;
		} else if (o->format == OUT_LEDGER) {
			printf("P %s %s %s %s\n", iso, from, r, to);
		} else if (o->format == OUT_BEANCOUNT) {
			printf("%s price %s %s %s\n", iso, from, r, to);
		} else if (o->format == OUT_CSV || o->format == OUT_TSV) {
			char sep = o->format == OUT_CSV ? ',' : '\t';
			printf("%s%c%s%c%s%c%s\n", iso, sep, from, sep, to, sep, r);
		} else if (o->format == OUT_JSON) {
			char rec[1024];
			out_format_price(rec, sizeof rec, iso, from, to, r, &t);
			fputs(rec, stdout);
		} else if (o->terse) {
			printf("%s %s\n", iso, r);
		} else {
			printf("%s  1 %s = %s %s\n", iso, from, r, to);
		}
		rates_destroy(&t);
	}
	return failed > 0 ? EXIT_TABLE : rc;
}

/* "6.3": in percent, how far a quote written with its digits may be from the true rate. */
static void quote_percent(char *buf, size_t cap, const dec_t *q)
{
	/* The last written digit is good to half a unit: 0.5 / coef, or 50 / coef percent. */
	rates_value fifty = { 50, 1, 0 }, coef = { (dec_uint)q->coef, 1, 0 };
	conv_pair p;
	conv_pair_init(&p, &fifty, &coef);
	if (conv_format_rate(buf, cap, &p, conv_significant_scale(&p, 2, 0), 0, true,
	                     DEC_ROUND_HALF_UP) < 0)
		snprintf(buf, cap, "?");
}

/* "3 digits, +/-0.26%", or "exact": list's precision column. */
static void quote_uncertainty(char *buf, size_t cap, const rates_quote *rq)
{
	const dec_t *q = &rq->quote;
	char u[32];
	if (conv_uncertainty_text(u, sizeof u, rq, NULL, 2) > 0 && strcmp(u, "0") == 0) {
		snprintf(buf, cap, "%s", _("exact"));
		return;
	}
	char pct[DEC_STRING_MAX];
	quote_percent(pct, sizeof pct, q);
	int d = dec_digits(q);
	snprintf(buf, cap, P_("%d digit, +/-%s%%", "%d digits, +/-%s%%", d), d, pct);
}

/* "s" padded with spaces to `width` columns of the terminal (UTF-8 text counts its characters). */
static void print_padded(const char *s, int width)
{
	fputs(s, stdout);
	for (int k = (int)out_width(s); k < width; k++)
		putchar(' ');
}

/* A row of list's table: four columns, the last unpadded. */
static void print_row(const char *code, int wcode, const char *name, int wname, const char *quote,
                      int wquote, const char *prec)
{
	print_padded(code, wcode);
	putchar(' ');
	print_padded(name, wname);
	fputs("  ", stdout);
	print_padded(quote, wquote);
	printf("  %s\n", prec);
}

/*
 * list --output: one record a currency, the base first:
 * {"code","name","quote","value","source","date","uncertainty","table"}; the
 * base has no quote, its value is 1; source and date are the quote's own, else
 * the table's.
 */
static int list_records(const cli_opts *o, const rates_table *t)
{
	static const char *const names[] = { "code", "name", "quote", "value", "source", "date",
		                                 "uncertainty", "table" };
	const char *values[8] = { t->base, currency_name(t->base), NULL, "1", t->source, t->date, "0",
		                      t->origin };
	print_fields(o, names, values, 8, true);
	print_fields(o, names, values, 8, false);
	for (size_t k = 0; k < t->count; k++) {
		const rates_quote *q = &t->quotes[k];
		char key[8], value[DEC_STRING_MAX], unc[DEC_STRING_MAX];
		snprintf(key, sizeof key, "%s/%s", q->inverse ? t->base : q->code, q->inverse ? q->code : t->base);
		if (dec_to_string(value, sizeof value, &q->quote) < 0)
			snprintf(value, sizeof value, "?");
		if (conv_uncertainty_text(unc, sizeof unc, q, NULL, 2) < 0)
			snprintf(unc, sizeof unc, "?");
		const char *row[8] = { q->code, currency_name(q->code), key, value,
			                   q->source ? q->source : t->source, q->date ? q->date : t->date, unc,
			                   t->origin };
		print_fields(o, names, row, 8, false);
	}
	return EXIT_OK;
}

static int cmd_list(const cli_opts *o, const rates_table *t)
{
	if (o->format != OUT_TEXT)
		return list_records(o, t);
	if (o->terse) {
		printf("%s\n", t->base);
		for (size_t k = 0; k < t->count; k++)
			printf("%s\n", t->quotes[k].code);
		return EXIT_OK;
	}
	print_table_block(stdout, t, t->origin ? t->origin : "?", 0, true);
	printf("\n");
	/* Columns as wide as their widest entry. */
	const char *bname = currency_name(t->base);
	char quote[DEC_STRING_MAX + 16], prec[DEC_STRING_MAX + 32];
	int wname = (int)out_width(_("NAME")), wquote = (int)out_width(_("(base)"));
	if ((int)out_width(_("QUOTE")) > wquote)
		wquote = (int)out_width(_("QUOTE"));
	if (bname != NULL && (int)strlen(bname) > wname)
		wname = (int)strlen(bname);
	for (size_t k = 0; k < t->count; k++) {
		const char *name = currency_name(t->quotes[k].code);
		if (name != NULL && (int)strlen(name) > wname)
			wname = (int)strlen(name);
		rates_quote_text(quote, sizeof quote, t, &t->quotes[k]);
		if ((int)strlen(quote) > wquote)
			wquote = (int)strlen(quote);
	}
	print_row(_("CODE"), 4, _("NAME"), wname, _("QUOTE"), wquote, _("PRECISION OF THE QUOTE"));
	print_row(t->base, 4, bname ? bname : "", wname, _("(base)"), wquote, _("exact"));
	for (size_t k = 0; k < t->count; k++) {
		const rates_quote *q = &t->quotes[k];
		rates_quote_text(quote, sizeof quote, t, q);
		quote_uncertainty(prec, sizeof prec, q);
		const char *name = currency_name(q->code);
		print_row(q->code, 4, name ? name : "", wname, quote, wquote, prec);
	}
	/* A table built from several feeds (the official one) names each quote's source and date. */
	bool header = false;
	for (size_t k = 0; k < t->count; k++) {
		char origin[512];
		if (rates_quote_origin(origin, sizeof origin, &t->quotes[k]) <= 0)
			continue;
		if (!header)
			printf("\n%s\n", _("CODE SOURCE OF THE QUOTE"));
		header = true;
		printf("%-4s %s\n", t->quotes[k].code, origin);
	}
	return EXIT_OK;
}

/*
 * --date-field: the table of each day a stream names, loaded once and kept
 * (in a hash by day number) for the rest of the run; a day that has no
 * table is kept too, with its reason, so that it is asked for once.
 */
#define DAY_TABLES_MAX 4096

typedef struct {
	long day;
	bool ok;
	rates_table t;
	char why[160];
} day_table;

typedef struct {
	const cli_opts *o;
	const char *src;
	day_table **slot; /* DAY_TABLES_MAX * 2 slots, open addressing */
	size_t count;
	day_table *last;
} day_tables;

static const rates_table *table_on(void *ctx, date_t day, char *why, size_t cap)
{
	day_tables *dt = ctx;
	long k = date_to_days(day);
	day_table *d = dt->last;
	if (d == NULL || d->day != k) {
		size_t h = (size_t)(k * 2654435761u) % (2 * DAY_TABLES_MAX);
		while (dt->slot[h] != NULL && dt->slot[h]->day != k)
			h = (h + 1) % (2 * DAY_TABLES_MAX);
		d = dt->slot[h];
		if (d == NULL) {
			char iso[DATE_ISO_SIZE], err[TABLES_MSG_MAX];
			date_format_iso(iso, day);
			if (dt->count == DAY_TABLES_MAX) {
				msg_set(why, cap, _("more than %d distinct days in one stream"), DAY_TABLES_MAX);
				return NULL;
			}
			d = calloc(1, sizeof *d);
			if (d == NULL) {
				msg_set(why, cap, _("out of memory"));
				return NULL;
			}
			d->day = k;
			rates_init(&d->t);
			if (date_cmp(day, date_today()) > 0) {
				msg_set(d->why, sizeof d->why, _("date %s is in the future"), iso);
			} else {
				tables_opts to = dt->o->net;
				tables_report rep;
				to.dated = true;
				to.date = day;
				to.quiet_earlier = true;
				to.warn = (msg_sink){ print_warning, NULL };
				d->ok = tables_load(&d->t, dt->src, &to, &rep, err) == 0;
				if (!d->ok)
					msg_set(d->why, sizeof d->why, _("no rates for %s: %s"), iso, err);
			}
			dt->slot[h] = d;
			dt->count++;
		}
		dt->last = d;
	}
	if (!d->ok) {
		msg_set(why, cap, "%s", d->why);
		return NULL;
	}
	return &d->t;
}

static void day_tables_free(day_tables *dt)
{
	for (size_t h = 0; dt->slot != NULL && h < 2 * DAY_TABLES_MAX; h++)
		if (dt->slot[h] != NULL) {
			rates_destroy(&dt->slot[h]->t);
			free(dt->slot[h]);
		}
	free(dt->slot);
}

/* --from/--to: convert the files named by the operands, or stdin. */
static int cmd_stream(cli_opts *o, const rates_table *t)
{
	/* --date-field: the codes are resolved without a table, each line's day has its own. */
	char code[4];
	rates_value v;
	int rc;
	const rates_table *lt = o->date_field != 0 ? NULL : t;
	if (o->from != NULL && (rc = lookup(lt, o->from, code, &v)) != EXIT_OK)
		return rc;
	for (int k = 0; k < o->nto; k++)
		if ((rc = lookup(lt, o->to_text[k], o->to[k], &v)) != EXIT_OK)
			return rc;
	stream_opts so = {
		.table = o->date_field != 0 ? NULL : t,
		.from = o->from ? code : NULL,
		.to = o->to,
		.nto = o->nto,
		.precision = o->precision,
		.mode = o->mode,
		.nfields = o->nfields,
		.from_field = o->from_field,
		.delim = o->delim,
		.header = o->header,
		.append = o->append,
		.grouped = o->grouped,
		.eol = o->zero ? '\0' : '\n',
		.invalid = o->invalid,
		.format = o->format,
	};
	memcpy(so.fields, o->fields, sizeof so.fields);
	day_tables dt = { o, rates_source(o), NULL, 0, NULL };
	if (o->date_field != 0) {
		dt.slot = calloc(2 * DAY_TABLES_MAX, sizeof *dt.slot);
		if (dt.slot == NULL) {
			errorf(_("out of memory"));
			return EXIT_DATA;
		}
		so.date_field = o->date_field;
		so.table_on = table_on;
		so.table_ctx = &dt;
	}
	fflush(stdout);
	rc = stream_run(&so, o->operands, o->noperands);
	day_tables_free(&dt);
	return rc;
}

static bool stream_mode(const cli_opts *o)
{
	return o->from != NULL || o->nto > 0;
}

/*
 * The amount as people type it ("100kzt", "1 000 000" unquoted, "₸1500") ->
 * the operands rewritten as AMOUNT FROM [to] TO..., AMOUNT in strict form.
 * The strings live in *w. operands has room for one more (argc + 1 slots).
 */
static int human_operands(cli_opts *o, words_operand_t *w)
{
	switch (words_operands(w, o->operands, o->noperands)) {
	case WORDS_OK:
		break;
	case WORDS_AMBIGUOUS: {
		char dropped[WORDS_INPUT_MAX + 1], point[WORDS_INPUT_MAX + 1];
		size_t d = 0, k;
		for (k = 0; w->text[k]; k++) {
			if (w->text[k] != ',')
				dropped[d++] = w->text[k];
			point[k] = w->text[k] == ',' ? '.' : w->text[k];
		}
		dropped[d] = point[k] = '\0';
		errorf(_("ambiguous amount '%s': a thousands comma or a decimal comma? (write %s or %s)"),
		       w->text, dropped, point);
		return EXIT_DATA;
	}
	case WORDS_SYNTAX:
	case WORDS_UNKNOWN:
		errorf(_("invalid amount '%s'"), w->text);
		return EXIT_DATA;
	}
	int glued = w->currency[0] != '\0', rest = o->noperands - w->used;
	memmove(o->operands + 1 + glued, o->operands + w->used, (size_t)rest * sizeof *o->operands);
	o->operands[0] = w->amount;
	if (glued)
		o->operands[1] = w->currency;
	o->noperands = 1 + glued + rest;
	o->operands[o->noperands] = NULL;
	return EXIT_OK;
}

static int run(cli_opts *o)
{
	char **args = o->operands;
	int n = o->noperands;
	enum { CONVERT, LIST, RATE, STREAM, HISTORY } cmd = CONVERT;
	words_operand_t wo; /* the amount operands as typed, once rewritten */

	if (stream_mode(o)) {
		if (o->nto == 0)
			return usage_error(_("--from needs at least one --to"));
		if (o->from != NULL && o->from_field != 0)
			return usage_error(_("--from and --from-field do not go together"));
		if (o->from == NULL && o->from_field == 0 && o->nfields != 0)
			return usage_error(_("--field needs --from or --from-field"));
		if (o->terse)
			return usage_error(_("--terse is for one-shot conversions (streams print numbers only)"));
		if (o->explain)
			return usage_error(_("--explain is for one-shot conversions and 'rate' (streams: --output json "
			                   "names the table)"));
		cmd = STREAM;
		if (o->date_field != 0 && o->net.dated)
			return usage_error(_("--date and --date-field do not go together"));
		if (o->date_field != 0 && o->from == NULL && o->from_field == 0)
			return usage_error(_("--date-field needs --from or --from-field"));
	} else if (o->nfields || o->from_field || o->delim || o->header || o->append || o->zero ||
	           o->invalid != INVALID_ABORT || o->date_field || o->grouped) {
		return usage_error(_("stream options need --to (and --from, or lines that name their currency)"));
	} else if (n == 0)
		return usage_error(_("missing operand: AMOUNT FROM TO, 'list' or 'rate FROM TO'"));
	if (cmd == STREAM) {
		/* the operands are files */
	} else if (o->explain && (strcmp(args[0], "fetch") == 0 || strcmp(args[0], "list") == 0)) {
		return usage_error(_("--explain is for one-shot conversions and 'rate', not '%s'"), args[0]);
	} else if (strcmp(args[0], "fetch") == 0) {
		if (n > 2)
			return usage_error(_("'fetch' takes at most one URL, got '%s'"), args[2]);
		return cmd_fetch(o, n == 2 ? args[1] : NULL);
	} else if (strcmp(args[0], "list") == 0) {
		if (n != 1)
			return usage_error(_("'list' takes no operands, got '%s'"), args[1]);
		cmd = LIST;
	} else if (strcmp(args[0], "rate") == 0) {
		if (n != 3)
			return usage_error(_("'rate' takes two currencies: rate FROM TO"));
		cmd = RATE;
	} else if (strcmp(args[0], "history") == 0) {
		if (n != 3)
			return usage_error(_("'history' takes two currencies: history FROM TO --since DATE"));
		if (o->net.dated)
			return usage_error(_("'history' takes --since and --until, not --date"));
		if (o->explain)
			return usage_error(_("--explain is for one-shot conversions and 'rate', not 'history'"));
		cmd = HISTORY;
	} else {
		dec_t amount;
		int wrc = human_operands(o, &wo);
		if (wrc != EXIT_OK)
			return wrc;
		args = o->operands, n = o->noperands;
		if (n < 2)
			return usage_error(_("missing currencies after '%s': AMOUNT FROM TO"), args[n - 1]);
		int rc = parse_amount(args[0], &amount);
		if (rc != EXIT_OK)
			return rc;
	}

	if (cmd != HISTORY && (o->has_since || o->has_until))
		return usage_error(_("--since and --until are for 'history'"));
	if (cmd != HISTORY && (o->format == OUT_LEDGER || o->format == OUT_BEANCOUNT))
		return usage_error(_("--output %s is for 'history'"), o->format == OUT_LEDGER ? "ledger"
		                                                                          : "beancount");
	if (o->net.dated || o->date_field != 0 || cmd == HISTORY) {
		const char *src = rates_source(o);
		if (!tables_kind_dated(tables_kind_of(src)))
			return usage_error(_("%s needs a dated source: -r official, -r official:BANK or a URL "
			                   "template with {YYYY}, {MM} and {DD} (%s%s%s has no dates)"),
			                   cmd == HISTORY ? "'history'" : o->date_field ? "--date-field" : "--date",
			                   src ? "the table of '" : "the embedded table", src ? src : "",
			                   src ? "'" : "");
	}
	if (o->net.dated && date_cmp(o->net.date, date_today()) > 0) {
		char d[DATE_ISO_SIZE], today[DATE_ISO_SIZE];
		date_format_iso(d, o->net.date);
		date_format_iso(today, date_today());
		return usage_error(_("date %s is in the future (today is %s)"), d, today);
	}
	if (cmd == HISTORY)
		return cmd_history(o);

	rates_table t;
	rates_init(&t);
	/* A dated stream loads each line's day as it comes (cmd_stream), not today's table. */
	int rc = cmd == STREAM && o->date_field != 0 ? EXIT_OK : load_rates(o, &t);
	if (rc == EXIT_OK) {
		switch (cmd) {
		case CONVERT:
			rc = cmd_convert(o, &t);
			break;
		case LIST:
			rc = cmd_list(o, &t);
			break;
		case RATE:
			rc = cmd_rate(o, &t);
			break;
		case STREAM:
			rc = cmd_stream(o, &t);
			break;
		case HISTORY:
			break;
		}
	}
	rates_destroy(&t);
	return rc;
}

int cli_main(int argc, char **argv)
{
	cli_opts o = { .precision = -1, .mode = DEC_ROUND_HALF_UP };
	o.net = (tables_opts){ .max_age = TABLES_DEFAULT_MAX_AGE, .timeout_ms = FETCH_DEFAULT_TIMEOUT_MS,
		                   .user_agent = "sarraf/" SARRAF_VERSION };
	cli_env env;
	cli_env_read(&env, &o.net);
	int rc = read_config(&o);
	if (rc == EXIT_OK)
		rc = parse_args(&o, argc, argv);
	if (rc == -1)
		rc = EXIT_OK; /* --help or --version */
	else if (rc == EXIT_OK)
		rc = run(&o);
	free(o.operands);
	free(o.config_rates);
	cli_env_free(&env);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		errorf(_("write error: %s"), strerror(errno));
		if (rc == EXIT_OK)
			rc = EXIT_DATA;
	}
	return rc;
}
