/*
 * load.c - JSON text -> rate table (its bytes from a file: load_file.c; a table
 * back to JSON: save.c).
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
#include "feeds/feeds.h"


/* A quote key is "XXX/YYY": two codes around a slash. */
#define LOAD_KEY_LEN 7

/* 26^3: one flag per possible upper-case code, to find a currency quoted twice. */
#define FEED_CODES (26 * 26 * 26)


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
	unsigned char *seen = calloc(FEED_CODES / 8 + 1, 1);
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
		size_t i = feed_code_index(code);
		if (seen[i / 8] & (1u << (i % 8))) {
			msg_set(err, LOAD_ERR_MAX, _("quote '%s': %s is quoted twice"), msg_shown_str(k, q->string), code);
			goto out;
		}
		seen[i / 8] |= (unsigned char)(1u << (i % 8));
		dec_t value;
		if (!feed_quote_value(&value, q, _("quote"), q->string, err))
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
 * source and date, as in a table built from several banks (official.h); and
 * "nominal": 100 for a bank's quote of 100 units (a power of ten, 1 to 10^9).
 */
static int nominal_digits(const cJSON *n)
{
	if (!cJSON_IsNumber(n))
		return -1;
	double v = n->valuedouble, p = 1;
	for (int d = 0; d <= 9; d++, p *= 10)
		if (v == p)
			return d;
	return -1;
}

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
		const cJSON *nominal = cJSON_GetObjectItemCaseSensitive(m, "nominal");
		if (nominal != NULL && nominal_digits(nominal) < 0) {
			msg_set(err, LOAD_ERR_MAX, _("quote_sources '%s': nominal is not 1, 10, 100 ... 10^9"),
			        msg_shown_str(shown_buf, code));
			return false;
		}
		if (nominal != NULL)
			t->quotes[k].nominal_digits = nominal_digits(nominal);
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
static bool native_table(rates_table *t, const cJSON *root, char err[LOAD_ERR_MAX]);

/* The id of a table's part k, in rates.h's order (official.h's banks): "nbk" ... "cbu". */
static const char *part_id(size_t k)
{
	return official_info((official_bank)k)->id;
}

/*
 * "parts": {"nbk": TABLE, ...}: the official table's banks, each a native
 * table of its own (no parts of its own), as rates.h's parts.
 */
static bool table_parts(rates_table *t, const cJSON *parts, char err[LOAD_ERR_MAX])
{
	char shown_buf[MSG_SHOWN_SIZE];
	if (!cJSON_IsObject(parts)) {
		msg_set(err, LOAD_ERR_MAX, _("'parts' must be an object"));
		return false;
	}
	for (const cJSON *m = parts->child; m != NULL; m = m->next) {
		size_t k;
		for (k = 0; k < RATES_PARTS && (m->string == NULL || strcmp(m->string, part_id(k)) != 0); k++)
			;
		if (k == RATES_PARTS || t->parts[k] != NULL || !cJSON_IsObject(m) ||
		    cJSON_GetObjectItemCaseSensitive(m, "parts") != NULL) {
			msg_set(err, LOAD_ERR_MAX, _("parts '%s': not one of nbk, nbkr, nbt, cbu with a table"),
			        msg_shown_str(shown_buf, m->string != NULL ? m->string : ""));
			return false;
		}
		t->parts[k] = malloc(sizeof *t->parts[k]);
		if (t->parts[k] == NULL) {
			msg_set(err, LOAD_ERR_MAX, _("out of memory"));
			return false;
		}
		rates_init(t->parts[k]);
		char perr[LOAD_ERR_MAX], origin[24];
		snprintf(origin, sizeof origin, "official:%s", part_id(k));
		if (!rates_set_string(&t->parts[k]->origin, origin)) {
			msg_set(err, LOAD_ERR_MAX, _("out of memory"));
			return false;
		}
		if (!native_table(t->parts[k], m, perr)) {
			msg_set(err, LOAD_ERR_MAX, _("parts '%s': %s"), part_id(k), perr);
			return false;
		}
	}
	return true;
}

static bool native_table(rates_table *t, const cJSON *root, char err[LOAD_ERR_MAX])
{
	const cJSON *base = NULL, *source = NULL, *date = NULL, *quotes = NULL, *qsources = NULL;
	const cJSON *exact = NULL, *parts = NULL;
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
		else if (strcmp(m->string, "parts") == 0)
			parts = m;
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
	if (parts != NULL && !table_parts(t, parts, err))
		return false;

	if (!rates_set_string(&t->source, source_s) || !rates_set_string(&t->date, date_s)) {
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
		return false;
	}
	return true;
}




















/* The shape of a parsed document -> the native reader or a feed's. */
static bool table_from_json(rates_table *t, const cJSON *root, const char *origin, const char *base,
                            char err[LOAD_ERR_MAX])
{
	const feed_json *f = cJSON_IsArray(root) ? feed_json_find(root) : NULL;
	if (f != NULL)
		return f->parse(t, root, origin, base, err);
	if (!cJSON_IsObject(root)) {
		msg_set(err, LOAD_ERR_MAX, _("the table is not a JSON object"));
		return false;
	}
	if (!keys_unique(root, err))
		return false;
	if (cJSON_GetObjectItemCaseSensitive(root, "quotes") == NULL && (f = feed_json_find(root)) != NULL)
		return f->parse(t, root, origin, base, err);
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
                         const char *libxml2, char err[LOAD_ERR_MAX])
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
		if (official_parse(out, roots[k].bank, text, len, libxml2, oerr) != 0) {
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
	return load_table_base(out, text, len, origin, NULL, NULL, err);
}

int load_table_base(rates_table *out, const char *text, size_t len, const char *origin,
                    const char *base, const char *libxml2, char err[LOAD_ERR_MAX])
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
	          ? load_xml_feed(out, text, len, origin, libxml2, err) : 1;
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
