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
 *
 * Besides the native form, the JSON of the public rate feeds (er-api,
 * fawazahmed0, FloatRates, the CBU, Frankfurter) is recognised from its
 * shape, without a flag: see "the feeds' shapes" below.
 */
#include "sarraf/load.h"

#include "i18n.h"

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
#include "sarraf/date.h"
#include "sarraf/decimal.h"
#include "sarraf/msg.h"
#include "sarraf/official.h"


/* A quote key is "XXX/YYY": two codes around a slash. */
#define LOAD_KEY_LEN 7

/* 26^3: one flag per possible upper-case code, to find a currency quoted twice. */
#define LOAD_CODES (26 * 26 * 26)


/* JSON's four whitespace bytes (cJSON itself skips every byte <= 32). */
static bool json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
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

/*
 * A quote's value: a JSON string holding a decimal, or a JSON number; > 0.
 * Messages start with `what` and the key: "quote 'KZT/USD': value is zero".
 */
static bool quote_value(dec_t *out, const cJSON *v, const char *what, const char *key,
                        char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE], s[MSG_SHOWN_SIZE];
	dec_status st;

	if (cJSON_IsString(v) && v->valuestring != NULL)
		st = dec_parse_cstr(out, v->valuestring);
	else if (cJSON_IsNumber(v))
		st = number_to_dec(out, v->valuedouble);
	else {
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': value must be a string or a number"), what, msg_shown_str(k, key));
		return false;
	}
	if (st != DEC_OK && cJSON_IsString(v)) {
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': value '%s' %s"), what, msg_shown_str(k, key), msg_shown_str(s, v->valuestring),
		        st == DEC_RANGE ? "is out of range" : "is not a decimal number");
		return false;
	}
	if (st != DEC_OK) {
		/* Only an overflowing number (1e999 is infinite to cJSON) gets here. */
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': value is out of range"), what, msg_shown_str(k, key));
		return false;
	}
	int sign = dec_sign(out);
	if (sign <= 0) {
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': value is %s"), what, msg_shown_str(k, key),
		        sign == 0 ? "zero" : "negative");
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
	char k[MSG_SHOWN_SIZE];

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
			msg_set(err, LOAD_ERR_MAX, _("quote '%s': shares no currency with the quotes before it, "
			             "and no 'base' is given"), msg_shown_str(k, q->string));
			return false;
		}
	}
	memcpy(base, cand[0], 4);
	return true;
}

/* Every quote of the 'quotes' object into t, whose base is set. */
static bool add_quotes(rates_table *t, const cJSON *quotes, char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE];
	unsigned char *seen = calloc(LOAD_CODES / 8 + 1, 1);
	bool ok = false;

	if (seen == NULL) {
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
		return false;
	}
	for (const cJSON *q = quotes->child; q != NULL; q = q->next) {
		char x[4], y[4];
		parse_key(q->string, x, y); /* already checked */
		const char *code;
		bool inverse;
		if (strcmp(x, t->base) == 0 && strcmp(y, t->base) == 0) {
			msg_set(err, LOAD_ERR_MAX, _("quote '%s': quotes the base against itself"), msg_shown_str(k, q->string));
			goto out;
		} else if (strcmp(y, t->base) == 0) {
			code = x;
			inverse = false;
		} else if (strcmp(x, t->base) == 0) {
			code = y;
			inverse = true;
		} else {
			msg_set(err, LOAD_ERR_MAX, _("quote '%s': neither side is the base '%s'"), msg_shown_str(k, q->string),
			        t->base);
			goto out;
		}
		size_t i = code_index(code);
		if (seen[i / 8] & (1u << (i % 8))) {
			msg_set(err, LOAD_ERR_MAX, _("quote '%s': %s is quoted twice"), msg_shown_str(k, q->string), code);
			goto out;
		}
		seen[i / 8] |= (unsigned char)(1u << (i % 8));
		dec_t value;
		if (!quote_value(&value, q, "quote", q->string, err))
			goto out;
		if (!rates_add(t, code, &value, inverse)) {
			msg_set(err, LOAD_ERR_MAX, _("out of memory"));
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
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
		return false;
	}
	size_t i = 0;
	for (const cJSON *m = root->child; m != NULL; m = m->next, i++)
		ms[i] = (load_member){ m->string != NULL ? m->string : "", i };
	qsort(ms, n, sizeof *ms, member_cmp);
	/* Within a run of equal names the second entry is the first repeat. */
	const char *dup = NULL;
	size_t dup_at = SIZE_MAX;
	for (i = 1; i < n; i++) {
		bool run_start = i == 1 || strcmp(ms[i - 1].name, ms[i - 2].name) != 0;
		if (run_start && strcmp(ms[i].name, ms[i - 1].name) == 0 && ms[i].index < dup_at) {
			dup = ms[i].name;
			dup_at = ms[i].index;
		}
	}
	bool ok = dup == NULL;
	if (!ok) {
		char k[MSG_SHOWN_SIZE];
		msg_set(err, LOAD_ERR_MAX, _("duplicate key '%s'"), msg_shown_str(k, dup));
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
		msg_set(err, LOAD_ERR_MAX, _("'%s' must be a string"), name);
		return false;
	}
	*out = m->valuestring;
	return true;
}

/*
 * "quote_sources": {"KZT": {"source": "...", "date": "..."}}: a quote's own
 * source and date, as in a table built from several banks (official.h).
 */
static bool quote_sources(rates_table *t, const cJSON *qs, char err[LOAD_ERR_MAX])
{
	char shown_buf[MSG_SHOWN_SIZE];
	if (!cJSON_IsObject(qs)) {
		msg_set(err, LOAD_ERR_MAX, _("'quote_sources' must be an object"));
		return false;
	}
	for (const cJSON *m = qs->child; m != NULL; m = m->next) {
		const char *code = m->string != NULL ? m->string : "";
		size_t k;
		for (k = 0; k < t->count; k++)
			if (strcmp(t->quotes[k].code, code) == 0)
				break;
		if (k == t->count) {
			msg_set(err, LOAD_ERR_MAX, _("quote_sources '%s': no such quote"), msg_shown_str(shown_buf, code));
			return false;
		}
		const cJSON *src = cJSON_GetObjectItemCaseSensitive(m, "source");
		const cJSON *date = cJSON_GetObjectItemCaseSensitive(m, "date");
		const cJSON *exact = cJSON_GetObjectItemCaseSensitive(m, "exact");
		if (!cJSON_IsObject(m) || (src != NULL && !cJSON_IsString(src)) ||
		    (date != NULL && (!cJSON_IsString(date) || !date_parse_iso_time(NULL, date->valuestring))) ||
		    (exact != NULL && !cJSON_IsBool(exact))) {
			msg_set(err, LOAD_ERR_MAX, _("quote_sources '%s': not {\"source\": TEXT, \"date\": ISO 8601, "
			        "\"exact\": true|false}"), msg_shown_str(shown_buf, code));
			return false;
		}
		if (exact != NULL)
			t->quotes[k].exact = cJSON_IsTrue(exact);
		if (!rates_set_quote_origin(t, k, src ? src->valuestring : NULL,
		                            date ? date->valuestring : NULL)) {
			msg_set(err, LOAD_ERR_MAX, _("out of memory"));
			return false;
		}
	}
	return true;
}

/* The checks on a parsed native table (an object without duplicate keys), building t. */
static bool native_table(rates_table *t, const cJSON *root, char err[LOAD_ERR_MAX])
{
	const cJSON *base = NULL, *source = NULL, *date = NULL, *quotes = NULL, *qsources = NULL;
	const cJSON *exact = NULL;
	const char *base_s = NULL, *source_s = NULL, *date_s = NULL;
	char shown_buf[MSG_SHOWN_SIZE];

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
		else if (strcmp(m->string, "quote_sources") == 0)
			qsources = m;
		else if (strcmp(m->string, "exact") == 0)
			exact = m;
	}
	if (exact != NULL && !cJSON_IsBool(exact)) {
		msg_set(err, LOAD_ERR_MAX, _("'exact' must be true or false"));
		return false;
	}

	if (!string_member(&base_s, base, "base", err) ||
	    !string_member(&source_s, source, "source", err) ||
	    !string_member(&date_s, date, "date", err))
		return false;
	if (base_s != NULL && !currency_normalize(t->base, base_s)) {
		msg_set(err, LOAD_ERR_MAX, _("'base' '%s' is not a currency code"), msg_shown_str(shown_buf, base_s));
		return false;
	}
	if (date_s != NULL && !date_parse_iso_time(NULL, date_s)) {
		msg_set(err, LOAD_ERR_MAX, _("'date' '%s' is not an ISO 8601 date"), msg_shown_str(shown_buf, date_s));
		return false;
	}

	if (quotes == NULL) {
		msg_set(err, LOAD_ERR_MAX, _("no 'quotes' object"));
		return false;
	}
	if (!cJSON_IsObject(quotes)) {
		msg_set(err, LOAD_ERR_MAX, _("'quotes' must be an object"));
		return false;
	}
	if (quotes->child == NULL) {
		msg_set(err, LOAD_ERR_MAX, _("'quotes' is empty"));
		return false;
	}
	for (const cJSON *q = quotes->child; q != NULL; q = q->next) {
		char x[4], y[4];
		if (q->string == NULL || !parse_key(q->string, x, y)) {
			msg_set(err, LOAD_ERR_MAX, _("quote '%s': malformed currency code"),
			        msg_shown_str(shown_buf, q->string != NULL ? q->string : ""));
			return false;
		}
	}
	if (base_s == NULL && !implied_base(t->base, quotes, err))
		return false;
	if (!add_quotes(t, quotes, err))
		return false;
	/* "exact": true: every quote is exact by definition (rates as a bank publishes them). */
	for (size_t k = 0; exact != NULL && k < t->count; k++)
		t->quotes[k].exact = cJSON_IsTrue(exact);
	if (qsources != NULL && !quote_sources(t, qsources, err))
		return false;

	if (!rates_set_string(&t->source, source_s) || !rates_set_string(&t->date, date_s)) {
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
		return false;
	}
	return true;
}

/* ---- the feeds' shapes ---------------------------------------------------- */

/*
 * Besides the native form, the JSON of the public rate feeds is recognised
 * by its shape alone, without a flag:
 *
 *   shape                                     feed                         value(X)
 *   {"base_code"|"base": B, "rates": {X: v}}  open.er-api.com, fixer-style  1/v  (v X per B)
 *   {"date": D, "usd": {"x": v}}              fawazahmed0 currency-api     1/v
 *   {"x": {"code": X, "rate": v, ...}, ...}   FloatRates daily/B.json      1/v
 *   [{"Ccy": X, "Nominal": n, "Rate": v}]     Central Bank of Uzbekistan   v/n  (B is UZS)
 *   [{"base": B, "quote": X, "rate": v}]      Frankfurter v2               1/v
 *
 * A value of 1/v is kept as the quote v the other way round (inverse), so
 * nothing is rounded. The same rules as for a native table hold: accepted
 * whole or refused whole, values > 0, no currency twice.
 */

#define FEED_ER_API "exchange-rate API JSON (base_code, rates)"
#define FEED_FAWAZ "fawazahmed0 currency-api JSON"
#define FEED_FLOATRATES "FloatRates JSON"
#define FEED_CBU "Central Bank of Uzbekistan JSON"
#define FEED_FRANKFURTER "Frankfurter JSON"

/* Room for a date; a longer one is dropped. */
#define FEED_DATE_MAX 80

/* The largest Nominal of the CBU feed: 10^FEED_MAX_NOMINAL_DIGITS. */
#define FEED_MAX_NOMINAL_DIGITS 18

typedef struct {
	rates_table *t;         /* base set before the first feed_add */
	unsigned char *seen;    /* one bit per possible code: a currency quoted twice */
	char date[FEED_DATE_MAX]; /* the latest date seen, ISO 8601; "" for none */
} feed;

static bool feed_begin(feed *f, rates_table *t, char err[LOAD_ERR_MAX])
{
	f->t = t;
	f->date[0] = '\0';
	f->seen = calloc(LOAD_CODES / 8 + 1, 1);
	if (f->seen == NULL)
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
	return f->seen != NULL;
}

/* True when x is exactly 1 (1, 1.0, 1e0, 10e-1 ...). */
static bool dec_is_one(const dec_t *x)
{
	dec_t d = *x;
	while (d.exp < 0 && d.coef != 0 && d.coef % 10 == 0) {
		d.coef /= 10;
		d.exp++;
	}
	return d.coef == 1 && d.exp == 0;
}

/*
 * One currency of a feed: code (upper case) = v / 10^shift in the base, or
 * 1 base = v code when inverse. Messages begin "<what> '<key>': ". The base
 * itself may be listed at 1 (er-api and fawazahmed0 do): it adds nothing.
 */
static bool feed_add(feed *f, const char code[4], const cJSON *v, int shift, bool inverse,
                     const char *what, const char *key, char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE];
	dec_t value;
	if (!quote_value(&value, v, what, key, err))
		return false;
	if (strcmp(code, f->t->base) == 0) {
		if (shift == 0 && dec_is_one(&value))
			return true;
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': quotes the base against itself"), what, msg_shown_str(k, key));
		return false;
	}
	size_t i = code_index(code);
	if (f->seen[i / 8] & (1u << (i % 8))) {
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': %s is quoted twice"), what, msg_shown_str(k, key), code);
		return false;
	}
	f->seen[i / 8] |= (unsigned char)(1u << (i % 8));
	value.exp -= shift;
	if (!rates_add(f->t, code, &value, inverse)) {
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
		return false;
	}
	return true;
}

/* Keep the latest of the dates seen (ISO dates compare as strings). */
static void feed_date(feed *f, const char *iso)
{
	if (strlen(iso) < sizeof f->date && strcmp(iso, f->date) > 0)
		snprintf(f->date, sizeof f->date, "%s", iso);
}

/* The feed's date, and a source naming the feed and where it was read from. */
static bool feed_end(feed *f, const char *kind, const char *origin, char err[LOAD_ERR_MAX])
{
	char source[512];
	bool ok = true;
	free(f->seen);
	f->seen = NULL;
	if (f->t->count == 0) {
		msg_set(err, LOAD_ERR_MAX, _("%s: no currency besides the base"), kind);
		return false;
	}
	if (origin != NULL)
		snprintf(source, sizeof source, "%s, %s", kind, origin);
	else
		snprintf(source, sizeof source, "%s", kind);
	if (!rates_set_string(&f->t->source, source) ||
	    !rates_set_string(&f->t->date, f->date[0] ? f->date : NULL)) {
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
		ok = false;
	}
	return ok;
}

static bool feed_fail(feed *f)
{
	free(f->seen);
	f->seen = NULL;
	return false;
}

/* A member's string value, or NULL when it is missing or not a string. */
static const char *member_string(const cJSON *obj, const char *name)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsString(m) ? m->valuestring : NULL;
}

/* True when s is exactly three ASCII letters and so a code; out is upper case. */
static bool feed_code(char out[4], const char *s)
{
	return s != NULL && currency_normalize(out, s);
}


/* {"result": "success", "base_code": "USD", "time_last_update_utc": ..., "rates": {...}} */
static bool feed_rates_by_base(rates_table *t, const cJSON *root, const cJSON *rates,
                               const char *origin, char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE];
	const char *base = member_string(root, "base_code");
	if (base == NULL)
		base = member_string(root, "base");
	if (base == NULL) {
		msg_set(err, LOAD_ERR_MAX, _("'rates' without a 'base_code' or 'base' string"));
		return false;
	}
	if (!feed_code(t->base, base)) {
		msg_set(err, LOAD_ERR_MAX, _("'base' '%s' is not a currency code"), msg_shown_str(k, base));
		return false;
	}
	if (rates->child == NULL) {
		msg_set(err, LOAD_ERR_MAX, _("'rates' is empty"));
		return false;
	}
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	const char *date = member_string(root, "date");
	const char *updated = member_string(root, "time_last_update_utc");
	char iso[FEED_DATE_MAX];
	if (date != NULL) {
		if (!date_parse_iso_time(NULL, date)) {
			msg_set(err, LOAD_ERR_MAX, _("'date' '%s' is not an ISO 8601 date"), msg_shown_str(k, date));
			return feed_fail(&f);
		}
		feed_date(&f, date);
	} else if (updated != NULL && date_http_to_iso(iso, sizeof iso, updated)) {
		feed_date(&f, iso);
	}
	for (const cJSON *r = rates->child; r != NULL; r = r->next) {
		char code[4];
		if (!feed_code(code, r->string)) {
			msg_set(err, LOAD_ERR_MAX, _("rate '%s': malformed currency code"), msg_shown_str(k, r->string));
			return feed_fail(&f);
		}
		if (!feed_add(&f, code, r, 0, true, "rate", r->string, err))
			return feed_fail(&f);
	}
	/* Frankfurter v1 has the same shape and says "amount": its rates are for that many units. */
	const cJSON *amount = cJSON_GetObjectItemCaseSensitive(root, "amount");
	if (amount != NULL && member_string(root, "base_code") == NULL) {
		if (!cJSON_IsNumber(amount) || amount->valuedouble != 1) {
			msg_set(err, LOAD_ERR_MAX, _("'amount' must be 1 (the rates of one unit of the base)"));
			return feed_fail(&f);
		}
		return feed_end(&f, FEED_FRANKFURTER, origin, err);
	}
	return feed_end(&f, FEED_ER_API, origin, err);
}

/*
 * {"date": "2025-05-01", "usd": {"kzt": 478.9, "1inch": 3.2, ...}}: the
 * currency-api lists crypto tokens too; keys that are not three letters
 * cannot be ISO 4217 codes and are skipped.
 */
static bool feed_fawaz(rates_table *t, const cJSON *root, const cJSON *table, const char *origin,
                       char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE];
	const char *date = member_string(root, "date");
	if (!date_parse_iso_time(NULL, date)) {
		msg_set(err, LOAD_ERR_MAX, _("'date' '%s' is not an ISO 8601 date"), msg_shown_str(k, date));
		return false;
	}
	feed_code(t->base, table->string); /* checked by the caller */
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	feed_date(&f, date);
	for (const cJSON *r = table->child; r != NULL; r = r->next) {
		char code[4];
		if (!feed_code(code, r->string))
			continue;
		if (!feed_add(&f, code, r, 0, true, "rate", r->string, err))
			return feed_fail(&f);
	}
	return feed_end(&f, FEED_FAWAZ, origin, err);
}

/*
 * The base of a FloatRates feed, which its body does not name: the file
 * name of its URL or path, "daily/usd.json" -> USD.
 */
static bool base_from_origin(char base[4], const char *origin)
{
	if (origin == NULL)
		return false;
	size_t end = strcspn(origin, "?#");
	size_t start = end;
	while (start > 0 && origin[start - 1] != '/')
		start--;
	if (end - start != 8 || strncmp(origin + start + 3, ".json", 5) != 0)
		return false;
	char code[4] = { origin[start], origin[start + 1], origin[start + 2], '\0' };
	return currency_normalize(base, code);
}

/* {"kgs": {"code": "KGS", "rate": 85.26, "date": "Fri, 13 Jan 2023 ...", ...}, ...} */
static bool feed_floatrates(rates_table *t, const cJSON *root, const char *origin, const char *base,
                            char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE];
	if (base != NULL ? !currency_normalize(t->base, base) : !base_from_origin(t->base, origin)) {
		msg_set(err, LOAD_ERR_MAX, _("a FloatRates table does not name its base: give it with --base "
		        "(--base USD), or read it from a file or URL named after it, such as 'usd.json'"));
		return false;
	}
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	for (const cJSON *e = root->child; e != NULL; e = e->next) {
		char code[4], iso[FEED_DATE_MAX];
		const char *c = member_string(e, "code");
		if (c == NULL)
			c = member_string(e, "alphaCode");
		if (!cJSON_IsObject(e) || !feed_code(code, c)) {
			msg_set(err, LOAD_ERR_MAX, _("entry '%s': no currency 'code'"), msg_shown_str(k, e->string));
			return feed_fail(&f);
		}
		const cJSON *rate = cJSON_GetObjectItemCaseSensitive(e, "rate");
		if (!feed_add(&f, code, rate, 0, true, "rate", e->string, err))
			return feed_fail(&f);
		const char *date = member_string(e, "date");
		if (date != NULL && date_http_to_iso(iso, sizeof iso, date))
			feed_date(&f, iso);
	}
	return feed_end(&f, FEED_FLOATRATES, origin, err);
}

/* "dd.mm.yyyy" -> "yyyy-mm-dd"; false when it is not a real date. */
static bool dotted_date_to_iso(char out[FEED_DATE_MAX], const char *s)
{
	date_t d;
	if (s == NULL || !date_parse_dotted(&d, s, strlen(s)))
		return false;
	date_format_iso(out, d);
	return true;
}

/* "1", "10", "100" ... -> 0, 1, 2 ...; -1 for anything that is not a power of ten. */
static int power_of_ten(const cJSON *v)
{
	char text[32];
	const char *s = NULL;
	if (cJSON_IsString(v))
		s = v->valuestring;
	else if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble <= 1e18) {
		snprintf(text, sizeof text, "%.0f", v->valuedouble);
		s = text;
	}
	return s == NULL ? -1 : dec_power_of_ten(s, strlen(s), FEED_MAX_NOMINAL_DIGITS);
}

/*
 * [{"Ccy": "IDR", "Nominal": "10", "Rate": "7.18", "Date": "01.04.2026", ...}]:
 * Rate is UZS per Nominal units. Nominal is a power of ten, folded into the
 * exponent (7.18 / 10 = 0.718 exactly); any other Nominal is refused rather
 * than rounded.
 */
static bool feed_cbu(rates_table *t, const cJSON *root, const char *origin, char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE], s[MSG_SHOWN_SIZE];
	memcpy(t->base, "UZS", 4);
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	size_t n = 1;
	for (const cJSON *e = root->child; e != NULL; e = e->next, n++) {
		char what[32], code[4], iso[FEED_DATE_MAX];
		snprintf(what, sizeof what, "entry %zu", n);
		const char *ccy = cJSON_IsObject(e) ? member_string(e, "Ccy") : NULL;
		if (!feed_code(code, ccy)) {
			msg_set(err, LOAD_ERR_MAX, _("%s: 'Ccy' '%s' is not a currency code"), what,
			        msg_shown_str(k, ccy != NULL ? ccy : ""));
			return feed_fail(&f);
		}
		const cJSON *nominal = cJSON_GetObjectItemCaseSensitive(e, "Nominal");
		int shift = power_of_ten(nominal);
		if (shift < 0) {
			msg_set(err, LOAD_ERR_MAX, _("%s '%s': 'Nominal' %s%s%s is not a power of ten"), what, code,
			        cJSON_IsString(nominal) ? "'" : "",
			        cJSON_IsString(nominal) ? msg_shown_str(s, nominal->valuestring) : "",
			        cJSON_IsString(nominal) ? "'" : "");
			return feed_fail(&f);
		}
		const char *date = member_string(e, "Date");
		if (date != NULL) {
			if (!dotted_date_to_iso(iso, date)) {
				msg_set(err, LOAD_ERR_MAX, _("%s '%s': 'Date' '%s' is not a date dd.mm.yyyy"), what, code,
				        msg_shown_str(s, date));
				return feed_fail(&f);
			}
			feed_date(&f, iso);
		}
		if (!feed_add(&f, code, cJSON_GetObjectItemCaseSensitive(e, "Rate"), shift, false, what,
		              code, err))
			return feed_fail(&f);
	}
	/* The central bank's rates, as it publishes them: exact by definition. */
	for (size_t q = 0; q < t->count; q++)
		t->quotes[q].exact = true;
	return feed_end(&f, FEED_CBU, origin, err);
}

/* [{"date": "2024-01-15", "base": "USD", "quote": "KZT", "rate": 478.9}, ...] */
static bool feed_frankfurter(rates_table *t, const cJSON *root, const char *origin,
                             char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE];
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	size_t n = 1;
	for (const cJSON *e = root->child; e != NULL; e = e->next, n++) {
		char what[32], base[4], code[4];
		snprintf(what, sizeof what, "entry %zu", n);
		const char *b = cJSON_IsObject(e) ? member_string(e, "base") : NULL;
		const char *q = cJSON_IsObject(e) ? member_string(e, "quote") : NULL;
		if (!feed_code(base, b) || !feed_code(code, q)) {
			msg_set(err, LOAD_ERR_MAX, _("%s: 'base' and 'quote' must be currency codes"), what);
			return feed_fail(&f);
		}
		if (t->base[0] == '\0')
			memcpy(t->base, base, 4);
		else if (strcmp(t->base, base) != 0) {
			msg_set(err, LOAD_ERR_MAX, _("%s '%s': base %s differs from the first entry's %s"), what, code, base,
			        t->base);
			return feed_fail(&f);
		}
		const char *date = member_string(e, "date");
		if (date != NULL) {
			if (!date_parse_iso_time(NULL, date)) {
				msg_set(err, LOAD_ERR_MAX, _("%s '%s': 'date' '%s' is not an ISO 8601 date"), what, code,
				        msg_shown_str(k, date));
				return feed_fail(&f);
			}
			feed_date(&f, date);
		}
		if (!feed_add(&f, code, cJSON_GetObjectItemCaseSensitive(e, "rate"), 0, true, what, code,
		              err))
			return feed_fail(&f);
	}
	return feed_end(&f, FEED_FRANKFURTER, origin, err);
}

/* The object member holding the currency-api's table: a code-like key with an object value. */
static const cJSON *fawaz_table(const cJSON *root)
{
	char code[4];
	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "date")))
		return NULL;
	for (const cJSON *m = root->child; m != NULL; m = m->next)
		if (cJSON_IsObject(m) && feed_code(code, m->string))
			return m;
	return NULL;
}

static bool floatrates_shape(const cJSON *root)
{
	const cJSON *e = root->child;
	return cJSON_IsObject(e) && cJSON_GetObjectItemCaseSensitive(e, "rate") != NULL &&
	       (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "code")) ||
	        cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "alphaCode")));
}

/* The shape of a parsed document -> the native reader or a feed's. */
static bool table_from_json(rates_table *t, const cJSON *root, const char *origin, const char *base,
                            char err[LOAD_ERR_MAX])
{
	if (cJSON_IsArray(root) && cJSON_IsObject(root->child)) {
		const cJSON *first = root->child;
		if (cJSON_GetObjectItemCaseSensitive(first, "Ccy") != NULL)
			return feed_cbu(t, root, origin, err);
		if (cJSON_GetObjectItemCaseSensitive(first, "quote") != NULL &&
		    cJSON_GetObjectItemCaseSensitive(first, "rate") != NULL)
			return feed_frankfurter(t, root, origin, err);
	}
	if (!cJSON_IsObject(root)) {
		msg_set(err, LOAD_ERR_MAX, _("the table is not a JSON object"));
		return false;
	}
	if (!keys_unique(root, err))
		return false;
	if (cJSON_GetObjectItemCaseSensitive(root, "quotes") == NULL) {
		char s[MSG_SHOWN_SIZE];
		const cJSON *rates = cJSON_GetObjectItemCaseSensitive(root, "rates");
		const char *result = member_string(root, "result");
		const cJSON *table;
		if (result != NULL && strcmp(result, "error") == 0) {
			const char *why = member_string(root, "error-type");
			msg_set(err, LOAD_ERR_MAX, _("the feed reports an error: '%s'"), msg_shown_str(s, why ? why : "?"));
			return false;
		}
		if (cJSON_IsObject(rates))
			return feed_rates_by_base(t, root, rates, origin, err);
		if ((table = fawaz_table(root)) != NULL)
			return feed_fawaz(t, root, table, origin, err);
		if (floatrates_shape(root))
			return feed_floatrates(t, root, origin, base, err);
	}
	return native_table(t, root, err);
}

/*
 * The root element's name of an XML document: past the declaration,
 * comments and processing instructions. false when there is none in the
 * first KiB.
 */
static bool xml_root(char name[32], const char *text, size_t len)
{
	size_t i = 0, lim = len < 1024 ? len : 1024;
	while (i < lim) {
		const char *lt = memchr(text + i, '<', lim - i);
		if (lt == NULL)
			return false;
		i = (size_t)(lt - text) + 1;
		if (i < lim && ((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= 'a' && text[i] <= 'z'))) {
			size_t n = 0;
			while (i + n < lim && n < 31 && text[i + n] != ' ' && text[i + n] != '>' &&
			       text[i + n] != '/' && text[i + n] != '\t' && text[i + n] != '\r' && text[i + n] != '\n')
				n++;
			memcpy(name, text + i, n);
			name[n] = '\0';
			return true;
		}
	}
	return false;
}

/* A bank's XML into out: 0, or -1 with err set; 1 when it is not a bank's (no such root). */
static int load_xml_feed(rates_table *out, const char *text, size_t len, const char *origin,
                         char err[LOAD_ERR_MAX])
{
	static const struct {
		const char *root;
		official_bank bank;
	} roots[] = { { "rates", OFFICIAL_NBK }, { "CurrencyRates", OFFICIAL_NBKR }, { "ValCurs", OFFICIAL_NBT } };
	char name[32], oerr[OFFICIAL_ERR_MAX];
	if (!xml_root(name, text, len))
		return 1;
	for (size_t k = 0; k < sizeof roots / sizeof roots[0]; k++) {
		if (strcmp(name, roots[k].root) != 0)
			continue;
		if (official_parse(out, roots[k].bank, text, len, oerr) != 0) {
			msg_set(err, LOAD_ERR_MAX, "%s", oerr);
			return -1;
		}
		if (!rates_set_string(&out->origin, origin)) {
			rates_destroy(out);
			msg_set(err, LOAD_ERR_MAX, _("out of memory"));
			return -1;
		}
		return 0;
	}
	return 1; /* not a bank's: read as JSON, which says where it goes wrong */
}

int load_table(rates_table *out, const char *text, size_t len, const char *origin,
               char err[LOAD_ERR_MAX])
{
	return load_table_base(out, text, len, origin, NULL, err);
}

int load_table_base(rates_table *out, const char *text, size_t len, const char *origin,
                    const char *base, char err[LOAD_ERR_MAX])
{
	rates_table t;
	rates_init(&t);
	rates_destroy(out);
	err[0] = '\0';

	if (len > LOAD_MAX_BYTES) {
		msg_set(err, LOAD_ERR_MAX, _("the table is larger than 1 MiB"));
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
		msg_set(err, LOAD_ERR_MAX, _("not valid JSON near byte %zu"), (size_t)(nul - text) + 1);
		return -1;
	}
	size_t first = 0;
	while (first < len && json_space(text[first]))
		first++;
	if (first == len) {
		msg_set(err, LOAD_ERR_MAX, _("the table is empty"));
		return -1;
	}

	/* A central bank's XML (the NBK's, the NBKR's, the NBT's), told by its root element. */
	int xml = text[first] == '<' || (len - first >= 4 && memcmp(text + first, "\xEF\xBB\xBF<", 4) == 0)
	          ? load_xml_feed(out, text, len, origin, err) : 1;
	if (xml <= 0)
		return xml;

	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (root == NULL) {
		size_t at = end != NULL && end >= text && end <= text + len ? (size_t)(end - text) : 0;
		msg_set(err, LOAD_ERR_MAX, _("not valid JSON near byte %zu"), at + 1);
		return -1;
	}
	size_t rest = (size_t)(end - text);
	while (rest < len && json_space(text[rest]))
		rest++;
	if (rest < len) {
		msg_set(err, LOAD_ERR_MAX, _("not valid JSON near byte %zu"), rest + 1);
		cJSON_Delete(root);
		return -1;
	}

	bool ok = table_from_json(&t, root, origin, base, err);
	cJSON_Delete(root);
	if (ok && !rates_set_string(&t.origin, origin)) {
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
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
		msg_set(err, LOAD_ERR_MAX, "%s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		msg_set(err, LOAD_ERR_MAX, "%s", strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		msg_set(err, LOAD_ERR_MAX, _("is a directory"));
		goto fail;
	}
	/*
	 * Read until end of file, whatever the file is (st_size means nothing
	 * for a pipe), but never more than one byte past the cap: that byte is
	 * enough to know the file is too large.
	 */
	for (;;) {
		if (n > LOAD_MAX_BYTES) {
			msg_set(err, LOAD_ERR_MAX, _("larger than 1 MiB"));
			goto fail;
		}
		if (n == cap) {
			size_t ncap = cap == 0 ? LOAD_FIRST_BUFFER : cap * 2;
			if (ncap > LOAD_MAX_BYTES + 1)
				ncap = LOAD_MAX_BYTES + 1;
			char *nbuf = realloc(buf, ncap + 1); /* + 1 for the NUL */
			if (nbuf == NULL) {
				msg_set(err, LOAD_ERR_MAX, _("out of memory"));
				goto fail;
			}
			buf = nbuf;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			msg_set(err, LOAD_ERR_MAX, "%s", strerror(errno));
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
