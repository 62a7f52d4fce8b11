/*
 * options.c - the options: one table that the command line and the configuration
 * file both go through, and the value of each option checked once, in set_option().
 */
#include "cli.h"

#include "i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sarraf/convert.h"
#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/decimal.h"
#include "sarraf/load.h"
#include "sarraf/output.h"
#include "sarraf/rates.h"
#include "sarraf/tables.h"
#include "sarraf/words.h"
#include "stream.h"

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
int read_config(cli_opts *o)
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
		cli_config_where = where;
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
	cli_config_where = NULL;
	fclose(f);
	return rc;
}

int parse_args(cli_opts *o, int argc, char **argv)
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
