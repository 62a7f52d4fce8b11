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
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sarraf/convert.h"
#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/decimal.h"
#include "sarraf/load.h"
#include "sarraf/output.h"
#include "sarraf/rates.h"
#include "sarraf/tables.h"
#include "sarraf/words.h"
#include "sarraf/official.h"
#include "stream/stream.h"

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
	OPT_DATE, OPT_DATE_FIELD, OPT_SINCE, OPT_UNTIL, OPT_GROUPED, OPT_BASE, OPT_BANK, OPT_DECIMAL_COMMA,
};

/*
 * How an option takes its value. A BOOL is on with --name, off with --no-name, and also takes
 * --name=true|false|yes|no; in the configuration file, name = true|false|yes|no.
 */
enum { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL /* only as --name=V */, ARG_BOOL };
/* The option may stand in the configuration file, as "name = value". */
#define CONF 1

static const struct {
	const char *long_name;
	char short_name;
	int id;
	int arg;
	int flags;
} option_table[] = {
	{ "rates", 'r', OPT_RATES, ARG_REQUIRED, CONF },
	{ "precision", 'p', OPT_PRECISION, ARG_REQUIRED, CONF },
	{ "round", 0, OPT_ROUND, ARG_REQUIRED, CONF },
	{ "terse", 't', OPT_TERSE, ARG_BOOL, 0 },
	{ "help", 'h', OPT_HELP, ARG_NONE, 0 },
	{ "version", 'V', OPT_VERSION, ARG_NONE, 0 },
	{ "from", 0, OPT_FROM, ARG_REQUIRED, 0 },
	{ "to", 0, OPT_TO, ARG_REQUIRED, 0 },
	{ "field", 0, OPT_FIELD, ARG_REQUIRED, 0 },
	{ "delimiter", 'd', OPT_DELIMITER, ARG_REQUIRED, 0 },
	{ "header", 0, OPT_HEADER, ARG_OPTIONAL, 0 },
	{ "append", 0, OPT_APPEND, ARG_BOOL, 0 },
	{ "from-field", 0, OPT_FROM_FIELD, ARG_REQUIRED, 0 },
	{ "zero-terminated", 'z', OPT_ZERO, ARG_BOOL, 0 },
	{ "invalid", 0, OPT_INVALID, ARG_REQUIRED, 0 },
	{ "output", 0, OPT_OUTPUT, ARG_REQUIRED, 0 },
	{ "offline", 0, OPT_OFFLINE, ARG_BOOL, CONF },
	{ "max-age", 0, OPT_MAX_AGE, ARG_REQUIRED, CONF },
	{ "timeout", 0, OPT_TIMEOUT, ARG_REQUIRED, CONF },
	{ "official", 0, OPT_OFFICIAL, ARG_OPTIONAL, 0 },
	{ "explain", 0, OPT_EXPLAIN, ARG_BOOL, 0 },
	{ "date", 0, OPT_DATE, ARG_REQUIRED, 0 },
	{ "date-field", 0, OPT_DATE_FIELD, ARG_REQUIRED, 0 },
	{ "since", 0, OPT_SINCE, ARG_REQUIRED, 0 },
	{ "until", 0, OPT_UNTIL, ARG_REQUIRED, 0 },
	{ "grouped", 0, OPT_GROUPED, ARG_BOOL, 0 },
	{ "base", 0, OPT_BASE, ARG_REQUIRED, 0 },
	{ "bank", 0, OPT_BANK, ARG_REQUIRED, CONF },
	{ "decimal-comma", 0, OPT_DECIMAL_COMMA, ARG_BOOL, CONF },
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

/* A boolean's value: NULL (the bare option) is true; else true, false, yes, no, 1 or 0, in any case. */
static bool parse_bool(const char *name, const char *val, bool *out)
{
	static const char *const words[] = { "true", "yes", "1", "false", "no", "0" };
	for (size_t k = 0; val != NULL && k < sizeof words / sizeof words[0]; k++)
		if (strcasecmp(val, words[k]) == 0) {
			*out = k < 3;
			return true;
		}
	if (val == NULL) {
		*out = true;
		return true;
	}
	usage_error(_("invalid value '%s' for '%s' (true, false, yes, no, 1 or 0)"), val, name);
	return false;
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
		if (!parse_bool(name, val, &o->terse))
			return EXIT_USAGE;
		break;
	case OPT_EXPLAIN:
		if (!parse_bool(name, val, &o->explain))
			return EXIT_USAGE;
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
		if (!parse_bool(name, val, &o->append))
			return EXIT_USAGE;
		break;
	case OPT_FROM_FIELD:
		if (!parse_count(val, &o->from_field))
			return usage_error(_("invalid field number '%s' for '%s'"), val, name);
		break;
	case OPT_ZERO:
		if (!parse_bool(name, val, &o->zero))
			return EXIT_USAGE;
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
		if (!parse_bool(name, val, &o->net.offline))
			return EXIT_USAGE;
		o->offline_given = cli_config_where == NULL;
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
		if (!date_parse(d, val, strlen(val)))
			return usage_error(_("invalid date '%s' for '%s' (a real day as YYYY-MM-DD or DD.MM.YYYY)"),
			                   val, name);
		if (id == OPT_DATE)
			o->net.dated = true;
		else if (id == OPT_SINCE)
			o->has_since = true;
		else
			o->has_until = true;
		break;
	}
	case OPT_BANK: {
		official_bank b;
		if (!official_from_id(&b, val))
			return usage_error(_("invalid bank '%s' for '%s' (nbk, nbkr, nbt or cbu)"), val, name);
		o->bank = (int)b;
		break;
	}
	case OPT_BASE:
		if (!currency_normalize(o->base, val))
			return usage_error(_("invalid currency code '%s' for '%s' (three letters, such as USD)"), val,
			                   name);
		o->net.base = o->base;
		break;
	case OPT_GROUPED:
		if (!parse_bool(name, val, &o->grouped))
			return EXIT_USAGE;
		break;
	case OPT_DECIMAL_COMMA:
		if (!parse_bool(name, val, &o->decimal_comma))
			return EXIT_USAGE;
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

/* The longest line of the configuration file, and the longest file. */
#define CONFIG_LINE_MAX 4096
#define CONFIG_FILE_MAX (64 * 1024)

/* " \t" at both ends of s[0..n) go; the rest, NUL-terminated in place. */
static char *trim(char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	s[n] = '\0';
	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	return s;
}

/* The option of a long name (len bytes of name), or -1. */
static int option_named(const char *name, size_t len)
{
	for (size_t k = 0; k < OPTION_COUNT; k++)
		if (strlen(option_table[k].long_name) == len && strncmp(option_table[k].long_name, name, len) == 0)
			return (int)k;
	return -1;
}

/*
 * The whole configuration file into buf (NUL-terminated), read without ever
 * blocking: opened O_NONBLOCK and checked to be a regular file before a byte
 * is read (a FIFO, a device or a folder is an error, not a hang), at most
 * CONFIG_FILE_MAX bytes. 1 when there is no file, 0 when read, -1 after an error.
 */
static int slurp_config(const char *path, char *buf, size_t cap, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 1;
		usage_error(_("cannot read the configuration file '%s': %s"), path, strerror(errno));
		return -1;
	}
	struct stat st;
	const char *why = NULL;
	if (fstat(fd, &st) != 0)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		why = _("it is a folder");
	else if (!S_ISREG(st.st_mode))
		why = _("it is not a regular file");
	else if (st.st_size > (off_t)cap - 1)
		why = _("it is larger than 64 KiB");
	size_t n = 0;
	while (why == NULL && n < cap - 1) {
		ssize_t r = read(fd, buf + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			why = strerror(errno);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (why != NULL) {
		usage_error(_("cannot read the configuration file '%s': %s"), path, why);
		return -1;
	}
	buf[n] = '\0';
	*len = n;
	return 0;
}

/*
 * A relative file name in the configuration file is relative to the file's
 * folder, so that the answer does not depend on where the command runs. A
 * URL, "official..." and an absolute path stay as they are.
 */
static char *config_path_value(const char *config, const char *val)
{
	const char *slash = strrchr(config, '/');
	if (val[0] == '/' || tables_kind_of(val) != TABLES_FILE || strcmp(val, "-") == 0 || slash == NULL)
		return strdup(val);
	size_t dir = (size_t)(slash - config) + 1, n = strlen(val);
	char *p = malloc(dir + n + 1);
	if (p != NULL) {
		memcpy(p, config, dir);
		memcpy(p + dir, val, n + 1);
	}
	return p;
}

/*
 * The configuration file, $XDG_CONFIG_HOME/sarraf/config or
 * ~/.config/sarraf/config: "key = value" lines and "#" comments, for the
 * options marked CONF in option_table (the same names and values as on the
 * command line). Read before the command line, which wins; $SARRAF_RATES
 * wins over its rates. No file is no defaults; a bad line is exit 2, naming
 * FILE:LINE. A UTF-8 byte-order mark at the start is skipped; a NUL byte is
 * an error.
 */
int read_config(cli_opts *o)
{
	char path[4096], where[4200];
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg != NULL && xdg[0] == '/')
		snprintf(path, sizeof path, "%s/sarraf/config", xdg);
	else if (home != NULL && home[0] == '/')
		snprintf(path, sizeof path, "%s/.config/sarraf/config", home);
	else
		return EXIT_OK;
	char *text = malloc(CONFIG_FILE_MAX + 1);
	size_t len = 0;
	if (text == NULL) {
		errorf(_("out of memory"));
		return EXIT_DATA;
	}
	int got = slurp_config(path, text, CONFIG_FILE_MAX + 1, &len);
	if (got != 0) {
		free(text);
		return got > 0 ? EXIT_OK : EXIT_USAGE;
	}
	int rc = EXIT_OK;
	char *line = text;
	if (len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	for (long no = 1; rc == EXIT_OK && line < text + len; no++) {
		char *end = memchr(line, '\n', (size_t)(text + len - line));
		size_t n = end != NULL ? (size_t)(end - line) : (size_t)(text + len - line);
		snprintf(where, sizeof where, "%s:%ld", path, no);
		cli_config_where = where;
		if (memchr(line, '\0', n) != NULL) {
			rc = usage_error(_("a NUL byte in the line (not a text file?)"));
			break;
		}
		if (n > CONFIG_LINE_MAX) {
			rc = usage_error(_("line longer than %d bytes"), CONFIG_LINE_MAX);
			break;
		}
		char *next = end != NULL ? end + 1 : text + len;
		char *s = trim(line, n);
		line = next;
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			rc = usage_error(_("expected 'key = value', got '%s'"), s);
			break;
		}
		char *key = trim(s, (size_t)(eq - s)), *val = trim(eq + 1, strlen(eq + 1));
		int k = option_named(key, strlen(key));
		if (k < 0 || !(option_table[k].flags & CONF)) {
			char keys[256] = "";
			for (size_t c = 0; c < OPTION_COUNT; c++)
				if (option_table[c].flags & CONF)
					snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s", keys[0] ? ", " : "",
					         option_table[c].long_name);
			rc = usage_error(_("unknown key '%s' (%s)"), key, keys);
		} else if (option_table[k].id == OPT_RATES) {
			free(o->config_rates);
			o->config_rates = *val != '\0' ? config_path_value(path, val) : NULL;
		} else {
			rc = set_option(o, option_table[k].id, option_table[k].long_name, val);
		}
	}
	cli_config_where = NULL;
	free(text);
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
			/* --name, --name=value, or --no-name for a boolean */
			const char *given = arg + 2;
			const char *eq = strchr(given, '=');
			size_t nlen = eq ? (size_t)(eq - given) : strlen(given);
			int k = option_named(given, nlen);
			bool negated = false;
			if (k < 0 && nlen > 3 && strncmp(given, "no-", 3) == 0) {
				k = option_named(given + 3, nlen - 3);
				negated = k >= 0 && option_table[k].arg == ARG_BOOL;
				if (!negated)
					k = -1;
			}
			if (k < 0)
				return usage_error(_("unknown option '%.*s'"), (int)(nlen + 2), arg);
			char name[40];
			snprintf(name, sizeof name, "--%s%s", negated ? "no-" : "", option_table[k].long_name);
			const char *val = NULL;
			if ((option_table[k].arg == ARG_NONE || negated) && eq)
				return usage_error(_("option '%s' takes no value"), name);
			if ((option_table[k].arg == ARG_OPTIONAL || option_table[k].arg == ARG_BOOL) && eq)
				val = eq + 1;
			if (negated)
				val = "false";
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
