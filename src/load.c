/*
 * load.c - JSON text -> rate table, and a table's bytes from a file or pipe.
 *
 * cJSON does the JSON; every rule about money is checked here, and a table
 * is accepted whole or rejected whole with one line naming the key at
 * fault. Quote strings go through dec_parse, so written digits are kept.
 * JSON numbers are a double by the time cJSON hands them over: they are
 * read back as the shortest decimal that round-trips, the one place where
 * the program touches floating point (on the loading path only, never on
 * an amount or on table text).
 */
#include "sarraf/load.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "sarraf/currency.h"
#include "sarraf/decimal.h"

/* The longest piece of table text quoted in a message; longer text ends in "...". */
#define LOAD_SHOWN_MAX 40

/* A quote key is "XXX/YYY": two codes around a slash. */
#define LOAD_KEY_LEN 7

/* 26^3: one flag per possible upper-case code, to find a currency quoted twice. */
#define LOAD_CODES (26 * 26 * 26)

__attribute__((format(printf, 2, 3)))
static void set_err(char err[LOAD_ERR_MAX], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, LOAD_ERR_MAX, fmt, ap);
	va_end(ap);
}

/*
 * Table text made fit to stand between quotes in a one-line message: control
 * bytes become '?', and text longer than LOAD_SHOWN_MAX bytes is cut at a
 * UTF-8 character boundary and ends in "...".
 */
static const char *shown(char buf[LOAD_SHOWN_MAX + 4], const char *s)
{
	size_t n = strlen(s), k;
	bool cut = n > LOAD_SHOWN_MAX;
	if (cut) {
		n = LOAD_SHOWN_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		buf[k] = c < 0x20 || c == 0x7F ? '?' : (char)c;
	}
	if (cut)
		memcpy(buf + k, "...", 4);
	else
		buf[k] = '\0';
	return buf;
}

/* JSON's four whitespace bytes (cJSON itself skips every byte <= 32). */
static bool json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ---- dates ---------------------------------------------------------------- */

/* The value of n ASCII digits at s, or -1 when one of them is not a digit. */
static int digits_value(const char *s, int n)
{
	int v = 0;
	for (int k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

/* "+05:00", "-0300", "+05" or "Z" at the end of a time; false for anything else. */
static bool iso_zone_valid(const char *s)
{
	if (s[0] == '\0' || (s[0] == 'Z' && s[1] == '\0'))
		return true;
	if (s[0] != '+' && s[0] != '-')
		return false;
	int hh = digits_value(s + 1, 2);
	if (hh < 0 || hh > 23)
		return false;
	s += 3;
	if (*s == ':')
		s++;
	if (*s == '\0' && s[-1] != ':')
		return true;
	int mm = digits_value(s, 2);
	return mm >= 0 && mm <= 59 && s[2] == '\0';
}

/*
 * ISO 8601 extended calendar date, optionally with a time:
 *   YYYY-MM-DD[Thh:mm[:ss[.fff...]][Z|+hh[:mm]|-hh[:mm]]]
 * The day must exist in its month (leap years included).
 */
static bool iso_date_valid(const char *s)
{
	int year = digits_value(s, 4);
	if (year < 0 || s[4] != '-')
		return false;
	int month = digits_value(s + 5, 2);
	if (month < 1 || month > 12 || s[7] != '-')
		return false;
	int day = digits_value(s + 8, 2);
	if (day < 1 || day > days_in_month(year, month))
		return false;
	if (s[10] == '\0')
		return true;
	if (s[10] != 'T')
		return false;
	s += 11;
	int hh = digits_value(s, 2);
	if (hh < 0 || hh > 23 || s[2] != ':')
		return false;
	int mm = digits_value(s + 3, 2);
	if (mm < 0 || mm > 59)
		return false;
	s += 5;
	if (*s == ':') {
		int ss = digits_value(s + 1, 2);
		if (ss < 0 || ss > 60) /* 60: a leap second */
			return false;
		s += 3;
		if (*s == '.') {
			s++;
			if (digits_value(s, 1) < 0)
				return false;
			while (digits_value(s, 1) >= 0)
				s++;
		}
	}
	return iso_zone_valid(s);
}

/* ---- quotes --------------------------------------------------------------- */

/* "kzt/USD" -> "KZT" and "USD"; false unless the key is two codes around a '/'. */
static bool parse_key(const char *key, char x[4], char y[4])
{
	char a[4], b[4];
	if (strlen(key) != LOAD_KEY_LEN || key[3] != '/')
		return false;
	memcpy(a, key, 3);
	a[3] = '\0';
	memcpy(b, key + 4, 3);
	b[3] = '\0';
	return currency_normalize(x, a) && currency_normalize(y, b);
}

static size_t code_index(const char code[4])
{
	return ((size_t)(code[0] - 'A') * 26 + (size_t)(code[1] - 'A')) * 26 + (size_t)(code[2] - 'A');
}

/*
 * The shortest decimal that reads back as v: the first of 1..17 significant
 * digits that strtod turns into the same double (17 always does), so a
 * number written with at most 15 significant digits comes back as written.
 * An integer is written out in full up to 21 digits, as JavaScript does, so
 * 12850 is coef 12850, exp 0 rather than 1285e1.
 */
static dec_status number_to_dec(dec_t *out, double v)
{
	char text[40];
	if (!isfinite(v))
		return DEC_RANGE;
	for (int digits = 1; digits <= 17; digits++) {
		snprintf(text, sizeof text, "%.*e", digits - 1, v);
		if (strtod(text, NULL) == v)
			break;
	}
	dec_t d;
	dec_status st = dec_parse_cstr(&d, text);
	if (st != DEC_OK)
		return st;
	if (d.coef != 0 && d.exp > 0 && dec_digits(&d) + d.exp <= 21) {
		for (; d.exp > 0; d.exp--)
			d.coef *= 10;
	}
	*out = d;
	return DEC_OK;
}

/* A quote's value: a JSON string holding a decimal, or a JSON number; > 0. */
static bool quote_value(dec_t *out, const cJSON *v, const char *key, char err[LOAD_ERR_MAX])
{
	char k[LOAD_SHOWN_MAX + 4], s[LOAD_SHOWN_MAX + 4];
	dec_status st;

	if (cJSON_IsString(v) && v->valuestring != NULL)
		st = dec_parse_cstr(out, v->valuestring);
	else if (cJSON_IsNumber(v))
		st = number_to_dec(out, v->valuedouble);
	else {
		set_err(err, "quote '%s': value must be a string or a number", shown(k, key));
		return false;
	}
	if (st != DEC_OK && cJSON_IsString(v)) {
		set_err(err, "quote '%s': value '%s' %s", shown(k, key), shown(s, v->valuestring),
		        st == DEC_RANGE ? "is out of range" : "is not a decimal number");
		return false;
	}
	if (st != DEC_OK) {
		/* Only an overflowing number (1e999 is infinite to cJSON) gets here. */
		set_err(err, "quote '%s': value is out of range", shown(k, key));
		return false;
	}
	int sign = dec_sign(out);
	if (sign <= 0) {
		set_err(err, "quote '%s': value is %s", shown(k, key), sign == 0 ? "zero" : "negative");
		return false;
	}
	return true;
}

/*
 * The base when the table does not name one: the currency common to every
 * pair. With a single pair X/Y both are common; Y is chosen, the unit the
 * value is measured in (so {"KZT/USD": "0.00192"} is a USD table).
 */
static bool implied_base(char base[4], const cJSON *quotes, char err[LOAD_ERR_MAX])
{
	char cand[2][4];
	int ncand = 0;
	char k[LOAD_SHOWN_MAX + 4];

	for (const cJSON *q = quotes->child; q != NULL; q = q->next) {
		char x[4], y[4];
		parse_key(q->string, x, y); /* already checked */
		if (q == quotes->child) {
			memcpy(cand[ncand++], y, 4);
			if (strcmp(x, y) != 0)
				memcpy(cand[ncand++], x, 4);
			continue;
		}
		int kept = 0;
		for (int c = 0; c < ncand; c++)
			if (strcmp(cand[c], x) == 0 || strcmp(cand[c], y) == 0)
				memmove(cand[kept++], cand[c], 4);
		ncand = kept;
		if (ncand == 0) {
			set_err(err, "quote '%s': shares no currency with the quotes before it, "
			             "and no 'base' is given", shown(k, q->string));
			return false;
		}
	}
	memcpy(base, cand[0], 4);
	return true;
}

/* Every quote of the 'quotes' object into t, whose base is set. */
static bool add_quotes(rates_table *t, const cJSON *quotes, char err[LOAD_ERR_MAX])
{
	char k[LOAD_SHOWN_MAX + 4];
	unsigned char *seen = calloc(LOAD_CODES / 8 + 1, 1);
	bool ok = false;

	if (seen == NULL) {
		set_err(err, "out of memory");
		return false;
	}
	for (const cJSON *q = quotes->child; q != NULL; q = q->next) {
		char x[4], y[4];
		parse_key(q->string, x, y); /* already checked */
		const char *code;
		bool inverse;
		if (strcmp(x, t->base) == 0 && strcmp(y, t->base) == 0) {
			set_err(err, "quote '%s': quotes the base against itself", shown(k, q->string));
			goto out;
		} else if (strcmp(y, t->base) == 0) {
			code = x;
			inverse = false;
		} else if (strcmp(x, t->base) == 0) {
			code = y;
			inverse = true;
		} else {
			set_err(err, "quote '%s': neither side is the base '%s'", shown(k, q->string),
			        t->base);
			goto out;
		}
		size_t i = code_index(code);
		if (seen[i / 8] & (1u << (i % 8))) {
			set_err(err, "quote '%s': %s is quoted twice", shown(k, q->string), code);
			goto out;
		}
		seen[i / 8] |= (unsigned char)(1u << (i % 8));
		dec_t value;
		if (!quote_value(&value, q, q->string, err))
			goto out;
		if (!rates_add(t, code, &value, inverse)) {
			set_err(err, "out of memory");
			goto out;
		}
	}
	ok = true;
out:
	free(seen);
	return ok;
}

/* ---- the table ------------------------------------------------------------ */

typedef struct {
	const char *name;
	size_t index;
} load_member;

static int member_cmp(const void *pa, const void *pb)
{
	const load_member *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	if (c != 0)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * The first top-level key (in document order) that repeats an earlier one,
 * found by sorting, so that a megabyte of keys costs n log n, not n^2.
 * Returns false with err set on a duplicate or when out of memory.
 */
static bool keys_unique(const cJSON *root, char err[LOAD_ERR_MAX])
{
	size_t n = 0;
	for (const cJSON *m = root->child; m != NULL; m = m->next)
		n++;
	if (n < 2)
		return true;
	load_member *ms = malloc(n * sizeof *ms);
	if (ms == NULL) {
		set_err(err, "out of memory");
		return false;
	}
	size_t i = 0;
	for (const cJSON *m = root->child; m != NULL; m = m->next, i++)
		ms[i] = (load_member){ m->string != NULL ? m->string : "", i };
	qsort(ms, n, sizeof *ms, member_cmp);
	/* Within a run of equal names the second entry is the first repeat. */
	const char *dup = NULL;
	size_t dup_at = SIZE_MAX;
	for (i = 1; i < n; i++)
		if (strcmp(ms[i].name, ms[i - 1].name) == 0 &&
		    (i < 2 || strcmp(ms[i - 1].name, ms[i - 2].name) != 0) && ms[i].index < dup_at) {
			dup = ms[i].name;
			dup_at = ms[i].index;
		}
	bool ok = dup == NULL;
	if (!ok) {
		char k[LOAD_SHOWN_MAX + 4];
		set_err(err, "duplicate key '%s'", shown(k, dup));
	}
	free(ms);
	return ok;
}

/* An optional string member: NULL stays NULL; anything but a string is an error. */
static bool string_member(const char **out, const cJSON *m, const char *name,
                          char err[LOAD_ERR_MAX])
{
	if (m == NULL)
		return true;
	if (!cJSON_IsString(m) || m->valuestring == NULL) {
		set_err(err, "'%s' must be a string", name);
		return false;
	}
	*out = m->valuestring;
	return true;
}

/* The checks on a parsed document, building t (empty on entry). */
static bool table_from_json(rates_table *t, const cJSON *root, char err[LOAD_ERR_MAX])
{
	const cJSON *base = NULL, *source = NULL, *date = NULL, *quotes = NULL;
	const char *base_s = NULL, *source_s = NULL, *date_s = NULL;
	char shown_buf[LOAD_SHOWN_MAX + 4];

	if (!cJSON_IsObject(root)) {
		set_err(err, "the table is not a JSON object");
		return false;
	}
	if (!keys_unique(root, err))
		return false;
	/* Unknown keys are ignored, so that newer tables still load. */
	for (const cJSON *m = root->child; m != NULL; m = m->next) {
		if (m->string == NULL)
			continue;
		if (strcmp(m->string, "base") == 0)
			base = m;
		else if (strcmp(m->string, "source") == 0)
			source = m;
		else if (strcmp(m->string, "date") == 0)
			date = m;
		else if (strcmp(m->string, "quotes") == 0)
			quotes = m;
	}

	if (!string_member(&base_s, base, "base", err) ||
	    !string_member(&source_s, source, "source", err) ||
	    !string_member(&date_s, date, "date", err))
		return false;
	if (base_s != NULL && !currency_normalize(t->base, base_s)) {
		set_err(err, "'base' '%s' is not a currency code", shown(shown_buf, base_s));
		return false;
	}
	if (date_s != NULL && !iso_date_valid(date_s)) {
		set_err(err, "'date' '%s' is not an ISO 8601 date", shown(shown_buf, date_s));
		return false;
	}

	if (quotes == NULL) {
		set_err(err, "no 'quotes' object");
		return false;
	}
	if (!cJSON_IsObject(quotes)) {
		set_err(err, "'quotes' must be an object");
		return false;
	}
	if (quotes->child == NULL) {
		set_err(err, "'quotes' is empty");
		return false;
	}
	for (const cJSON *q = quotes->child; q != NULL; q = q->next) {
		char x[4], y[4];
		if (q->string == NULL || !parse_key(q->string, x, y)) {
			set_err(err, "quote '%s': malformed currency code",
			        shown(shown_buf, q->string != NULL ? q->string : ""));
			return false;
		}
	}
	if (base_s == NULL && !implied_base(t->base, quotes, err))
		return false;
	if (!add_quotes(t, quotes, err))
		return false;

	if (!rates_set_string(&t->source, source_s) || !rates_set_string(&t->date, date_s)) {
		set_err(err, "out of memory");
		return false;
	}
	return true;
}

int load_table(rates_table *out, const char *text, size_t len, const char *origin,
               char err[LOAD_ERR_MAX])
{
	rates_table t;
	rates_init(&t);
	rates_destroy(out);
	err[0] = '\0';

	if (len > LOAD_MAX_BYTES) {
		set_err(err, "the table is larger than 1 MiB");
		return -1;
	}
	if (text == NULL)
		len = 0;
	/*
	 * A NUL byte is never valid JSON, and cJSON would take it for the end
	 * of a string; refuse it here. Byte positions in messages count from 1.
	 */
	const char *nul = len > 0 ? memchr(text, '\0', len) : NULL;
	if (nul != NULL) {
		set_err(err, "not valid JSON near byte %zu", (size_t)(nul - text) + 1);
		return -1;
	}
	size_t first = 0;
	while (first < len && json_space(text[first]))
		first++;
	if (first == len) {
		set_err(err, "the table is empty");
		return -1;
	}

	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (root == NULL) {
		size_t at = end != NULL && end >= text && end <= text + len ? (size_t)(end - text) : 0;
		set_err(err, "not valid JSON near byte %zu", at + 1);
		return -1;
	}
	size_t rest = (size_t)(end - text);
	while (rest < len && json_space(text[rest]))
		rest++;
	if (rest < len) {
		set_err(err, "not valid JSON near byte %zu", rest + 1);
		cJSON_Delete(root);
		return -1;
	}

	bool ok = table_from_json(&t, root, err);
	cJSON_Delete(root);
	if (ok && !rates_set_string(&t.origin, origin)) {
		set_err(err, "out of memory");
		ok = false;
	}
	if (!ok) {
		rates_destroy(&t);
		return -1;
	}
	*out = t;
	return 0;
}

/* ---- reading a file ------------------------------------------------------- */

/* The first buffer; it doubles up to the cap. */
#define LOAD_FIRST_BUFFER (64u * 1024u)

int load_read_file(const char *path, char **text, size_t *len, char err[LOAD_ERR_MAX])
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	char *buf = NULL;
	size_t n = 0, cap = 0;

	err[0] = '\0';
	if (fd < 0) {
		set_err(err, "%s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		set_err(err, "%s", strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		set_err(err, "is a directory");
		goto fail;
	}
	/*
	 * Read until end of file, whatever the file is (st_size means nothing
	 * for a pipe), but never more than one byte past the cap: that byte is
	 * enough to know the file is too large.
	 */
	for (;;) {
		if (n > LOAD_MAX_BYTES) {
			set_err(err, "larger than 1 MiB");
			goto fail;
		}
		if (n == cap) {
			size_t ncap = cap == 0 ? LOAD_FIRST_BUFFER : cap * 2;
			if (ncap > LOAD_MAX_BYTES + 1)
				ncap = LOAD_MAX_BYTES + 1;
			char *nbuf = realloc(buf, ncap + 1); /* + 1 for the NUL */
			if (nbuf == NULL) {
				set_err(err, "out of memory");
				goto fail;
			}
			buf = nbuf;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			set_err(err, "%s", strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (!is_stdin)
		close(fd);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;

fail:
	if (!is_stdin)
		close(fd);
	free(buf);
	return -1;
}
