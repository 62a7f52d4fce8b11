/*
 * official.c - the central banks' feeds -> rate tables (see official.h).
 *
 * libxml2 is dlopen()ed on the first XML parse and never unloaded; its
 * header gives types and constants only. Linking it costs every start of
 * sarraf about 1 ms (2.1x a C hello-world, measured), while only a fetch of
 * the official feeds parses XML: conversions read the official table from
 * the cache, already turned into the native JSON form.
 */
#include "sarraf/official.h"

#include "i18n.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "dl.h"
#include "sarraf/load.h"

/* The longest text of an element or attribute that is read (a value, a code, a date). */
#define OFFICIAL_TEXT_MAX 64
/* The largest Nominal: 10^18. */
#define OFFICIAL_MAX_NOMINAL_DIGITS 18

static const official_bank_info banks_info[OFFICIAL_BANKS] = {
	{ "nbk", "NBK", "National Bank of Kazakhstan", "KZT" },
	{ "nbkr", "NBKR", "National Bank of the Kyrgyz Republic", "KGS" },
	{ "nbt", "NBT", "National Bank of Tajikistan", "TJS" },
	{ "cbu", "CBU", "Central Bank of Uzbekistan", "UZS" },
};

const official_bank_info *official_info(official_bank b)
{
	return &banks_info[b];
}

bool official_from_id(official_bank *b, const char *id)
{
	for (size_t k = 0; k < OFFICIAL_BANKS; k++)
		if (strcmp(banks_info[k].id, id) == 0) {
			*b = (official_bank)k;
			return true;
		}
	return false;
}

/* ---- libxml2, loaded on first use ------------------------------------------ */

typedef struct {
	bool tried, ok;
	char err[OFFICIAL_ERR_MAX];
	void (*init_parser)(void);
	xmlDocPtr (*read_memory)(const char *buf, int size, const char *url, const char *enc, int opts);
	void (*free_doc)(xmlDocPtr doc);
	xmlNodePtr (*root)(const xmlDoc *doc);
	const xmlError *(*last_error)(void);
	void (*set_generic)(void *ctx, xmlGenericErrorFunc handler);
	void (*set_structured)(void *ctx, xmlStructuredErrorFunc handler);
} xml_api;

static xml_api xml;

#define LOOKUP(lib, field, name)                                                              \
	do {                                                                                      \
		if (!dl_sym(lib, name, &xml.field, sizeof xml.field, "libxml2", file, xml.err, OFFICIAL_ERR_MAX))  \
			return false;                                                                     \
	} while (0)

/* libxml2's handlers: its messages are read back with xmlGetLastError(), never printed. */
static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static bool load_xml(void)
{
	if (xml.tried)
		return xml.ok;
	xml.tried = true;
	const char *file = getenv("SARRAF_LIBXML2");
	if (file == NULL || *file == '\0')
		file = OFFICIAL_LIBXML2;
	void *lib = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		const char *why = dlerror();
		msg_set(xml.err, OFFICIAL_ERR_MAX, _("cannot load libxml2 (%s): %s"), file, why != NULL ? why : "not found");
		return false;
	}
	LOOKUP(lib, init_parser, "xmlInitParser");
	LOOKUP(lib, read_memory, "xmlReadMemory");
	LOOKUP(lib, free_doc, "xmlFreeDoc");
	LOOKUP(lib, root, "xmlDocGetRootElement");
	LOOKUP(lib, last_error, "xmlGetLastError");
	LOOKUP(lib, set_generic, "xmlSetGenericErrorFunc");
	LOOKUP(lib, set_structured, "xmlSetStructuredErrorFunc");
	xml.init_parser();
	/* libxml2 prints nothing of its own: its errors reach the user in sarraf's one line. */
	xml.set_generic(NULL, quiet_generic);
	xml.set_structured(NULL, quiet_structured);
	xml.ok = true;
	return true;
}

/*
 * Parse body as XML, safely: a DOCTYPE is refused before and after parsing
 * (no entities of any kind, internal or external), no network, no entity
 * substitution, no DTD loading, libxml2's own messages silenced.
 */
static xmlDocPtr parse_xml(const char *body, size_t len, char err[OFFICIAL_ERR_MAX])
{
	if (len > OFFICIAL_MAX_BYTES) {
		msg_set(err, OFFICIAL_ERR_MAX, _("larger than 1 MiB"));
		return NULL;
	}
	for (size_t k = 0; k + 9 <= len; k++)
		if (body[k] == '<' && body[k + 1] == '!' && memcmp(body + k, "<!DOCTYPE", 9) == 0) {
			msg_set(err, OFFICIAL_ERR_MAX, _("a DOCTYPE is not accepted (no DTDs, no entities)"));
			return NULL;
		}
	if (!load_xml()) {
		msg_set(err, OFFICIAL_ERR_MAX, "%s", xml.err);
		return NULL;
	}
	xmlDocPtr doc = xml.read_memory(body, (int)len, NULL, NULL,
	                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		const xmlError *e = xml.last_error();
		char msg[160] = "not well-formed";
		if (e != NULL && e->message != NULL) {
			snprintf(msg, sizeof msg, "%s", e->message);
			size_t n = strlen(msg);
			while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
		}
		msg_set(err, OFFICIAL_ERR_MAX, _("malformed XML: line %d: %s"), e != NULL ? e->line : 0, msg);
		return NULL;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		xml.free_doc(doc);
		msg_set(err, OFFICIAL_ERR_MAX, _("a DOCTYPE is not accepted (no DTDs, no entities)"));
		return NULL;
	}
	return doc;
}

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/*
 * Text nodes of a list of children, with blanks at both ends trimmed. Text
 * too long for out is cut and ends in "...", which no value, code or date
 * accepts, so that the message can show what it was.
 */
static bool text_of(char out[OFFICIAL_TEXT_MAX], const xmlNode *child)
{
	size_t n = 0;
	for (; child != NULL; child = child->next) {
		if (child->type != XML_TEXT_NODE && child->type != XML_CDATA_SECTION_NODE)
			continue;
		const char *s = (const char *)child->content;
		size_t m = s != NULL ? strlen(s) : 0;
		if (n + m >= OFFICIAL_TEXT_MAX) {
			size_t room = OFFICIAL_TEXT_MAX - 4 > n ? OFFICIAL_TEXT_MAX - 4 - n : 0;
			memcpy(out + n, s, room);
			memcpy(out + n + room, "...", 4);
			return true;
		}
		memcpy(out + n, s, m);
		n += m;
	}
	out[n] = '\0';
	size_t a = 0;
	while (out[a] == ' ' || out[a] == '\t' || out[a] == '\n' || out[a] == '\r')
		a++;
	while (n > a && (out[n - 1] == ' ' || out[n - 1] == '\t' || out[n - 1] == '\n' ||
	                 out[n - 1] == '\r'))
		n--;
	memmove(out, out + a, n - a);
	out[n - a] = '\0';
	return true;
}

/* The text of n's first child element called name; NULL when there is none. */
static const char *child_text(char out[OFFICIAL_TEXT_MAX], const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if (named(c, name))
			return text_of(out, c->children) ? out : NULL;
	return NULL;
}

/* The value of n's attribute name; NULL when there is none. */
static const char *attr_text(char out[OFFICIAL_TEXT_MAX], const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return text_of(out, a->children) ? out : NULL;
	return NULL;
}

/* ---- values --------------------------------------------------------------- */

/* "87,4500" or "87.4500" -> a decimal > 0, exactly (one decimal comma read as the point). */
static bool parse_value(dec_t *out, const char *s)
{
	char buf[OFFICIAL_TEXT_MAX];
	size_t n = strlen(s), commas = 0;
	if (n >= sizeof buf)
		return false;
	for (size_t k = 0; k <= n; k++) {
		buf[k] = s[k];
		if (s[k] == ',') {
			buf[k] = '.';
			commas++;
		}
	}
	if (commas > 1 || (commas == 1 && strchr(s, '.') != NULL))
		return false;
	/* Digits and a point only: no sign, no exponent in a bank's rate. */
	for (size_t k = 0; k < n; k++)
		if ((buf[k] < '0' || buf[k] > '9') && buf[k] != '.')
			return false;
	return dec_parse(out, buf, n) == DEC_OK && dec_sign(out) > 0;
}

/* One quote of a bank: code = value / nominal in the base. what names the entry in messages. */
static bool add_quote(rates_table *t, const char *code, const char *value, const char *nominal,
                      const char *what, char err[OFFICIAL_ERR_MAX])
{
	char c[4];
	dec_t v;
	if (code == NULL || !currency_normalize(c, code)) {
		msg_set(err, OFFICIAL_ERR_MAX, _("%s: no currency code"), what);
		return false;
	}
	if (value == NULL || !parse_value(&v, value)) {
		char shown[MSG_SHOWN_SIZE];
		msg_set(err, OFFICIAL_ERR_MAX, _("%s '%s': rate '%s' is not a decimal > 0"), what, c,
		        msg_shown_str(shown, value ? value : ""));
		return false;
	}
	int shift = dec_power_of_ten(nominal, nominal != NULL ? strlen(nominal) : 0, OFFICIAL_MAX_NOMINAL_DIGITS);
	if (shift < 0) {
		msg_set(err, OFFICIAL_ERR_MAX, _("%s '%s': nominal '%s' is not a power of ten"), what, c,
		        nominal ? nominal : "");
		return false;
	}
	if (strcmp(c, t->base) == 0 || rates_find(t, c) != NULL) {
		msg_set(err, OFFICIAL_ERR_MAX, _("%s '%s': quoted twice"), what, c);
		return false;
	}
	v.exp -= shift;
	if (rates_add(t, c, &v, false))
		t->quotes[t->count - 1].exact = true; /* an official rate, as the bank publishes it */
	else {
		msg_set(err, OFFICIAL_ERR_MAX, _("out of memory"));
		return false;
	}
	return true;
}

/* ---- the feeds ------------------------------------------------------------ */

/* The shape of each XML feed: root, date, entries and their fields. */
typedef struct {
	const char *root;
	const char *date_attr;  /* the root's attribute holding the date, or NULL */
	const char *date_elem;  /* the root's child element holding it, or NULL */
	const char *entry;
	const char *code_attr;  /* the entry's attribute holding the code, or NULL */
	const char *code_elem;  /* its child element holding it, or NULL */
	const char *value_elem;
	const char *nominal_elem;
} xml_shape;

static const xml_shape shapes[OFFICIAL_BANKS] = {
	[OFFICIAL_NBK] = { "rates", NULL, "date", "item", NULL, "title", "description", "quant" },
	[OFFICIAL_NBKR] = { "CurrencyRates", "Date", NULL, "Currency", "ISOCode", NULL, "Value",
	                    "Nominal" },
	[OFFICIAL_NBT] = { "ValCurs", "Date", NULL, "Valute", NULL, "CharCode", "Value", "Nominal" },
};

static int parse_xml_feed(rates_table *t, official_bank b, const char *body, size_t len,
                          char err[OFFICIAL_ERR_MAX])
{
	const xml_shape *s = &shapes[b];
	const char *abbrev = banks_info[b].abbrev;
	char e[OFFICIAL_ERR_MAX], code[OFFICIAL_TEXT_MAX], value[OFFICIAL_TEXT_MAX],
	     nominal[OFFICIAL_TEXT_MAX], date[OFFICIAL_TEXT_MAX], iso[11], what[48];
	xmlDocPtr doc = parse_xml(body, len, e);
	if (doc == NULL) {
		msg_set(err, OFFICIAL_ERR_MAX, _("%s feed: %s"), abbrev, e);
		return -1;
	}
	int rc = -1;
	size_t entries = 0;
	const xmlNode *root = xml.root(doc);
	memcpy(t->base, banks_info[b].currency, 4);
	if (root == NULL || !named(root, s->root)) {
		msg_set(err, OFFICIAL_ERR_MAX, _("%s feed: the root element is '%s', not '%s'"), abbrev,
		        root != NULL ? (const char *)root->name : "", s->root);
		goto done;
	}
	const char *d = s->date_attr ? attr_text(date, root, s->date_attr)
	                             : child_text(date, root, s->date_elem);
	date_t day;
	char shown[MSG_SHOWN_SIZE];
	if (d == NULL) {
		msg_set(err, OFFICIAL_ERR_MAX, _("%s feed: no date"), abbrev);
		goto done;
	}
	if (!date_parse(&day, d, strlen(d))) {
		bool shaped = strlen(d) == 10 && ((d[2] == '.' && d[5] == '.') || (d[4] == '-' && d[7] == '-'));
		msg_set(err, OFFICIAL_ERR_MAX, shaped ? "%s feed: the date '%s' is not a real day"
		                                      : "%s feed: the date '%s' is not dd.mm.yyyy or yyyy-mm-dd",
		        abbrev, msg_shown_str(shown, d));
		goto done;
	}
	date_format_iso(iso, day);
	for (const xmlNode *n = root->children; n != NULL; n = n->next) {
		if (!named(n, s->entry))
			continue;
		entries++;
		snprintf(what, sizeof what, "%s feed: entry %zu", abbrev, entries);
		const char *c = s->code_attr ? attr_text(code, n, s->code_attr)
		                             : child_text(code, n, s->code_elem);
		if (!add_quote(t, c, child_text(value, n, s->value_elem),
		               child_text(nominal, n, s->nominal_elem), what, err))
			goto done;
	}
	if (t->count == 0) {
		msg_set(err, OFFICIAL_ERR_MAX, _("%s feed: no rates in it"), abbrev);
		goto done;
	}
	if (!rates_set_string(&t->source, banks_info[b].name) || !rates_set_string(&t->date, iso)) {
		msg_set(err, OFFICIAL_ERR_MAX, _("out of memory"));
		goto done;
	}
	rc = 0;
done:
	xml.free_doc(doc);
	if (rc != 0)
		rates_destroy(t);
	return rc;
}

int official_parse(rates_table *t, official_bank b, const char *body, size_t len,
                   char err[OFFICIAL_ERR_MAX])
{
	if (b != OFFICIAL_CBU)
		return parse_xml_feed(t, b, body, len, err);
	char lerr[LOAD_ERR_MAX];
	if (load_table(t, body, len, NULL, lerr) != 0) {
		msg_set(err, OFFICIAL_ERR_MAX, _("CBU feed: %s"), lerr);
		return -1;
	}
	if (strcmp(t->base, "UZS") != 0 || t->date == NULL) {
		rates_destroy(t);
		msg_set(err, OFFICIAL_ERR_MAX, _("CBU feed: not the CBU's JSON list of rates in UZS"));
		return -1;
	}
	if (!rates_set_string(&t->source, banks_info[b].name)) {
		rates_destroy(t);
		msg_set(err, OFFICIAL_ERR_MAX, _("out of memory"));
		return -1;
	}
	return 0;
}

bool official_merge(rates_table *dst, const rates_table *src)
{
	for (size_t k = 0; k < src->count; k++)
		if (strcmp(src->quotes[k].code, dst->base) != 0 && rates_find(dst, src->quotes[k].code) == NULL &&
		    !rates_add(dst, src->quotes[k].code, &src->quotes[k].quote, src->quotes[k].inverse))
			return false;
	return true;
}

/* ---- the USD table -------------------------------------------------------- */


/*
 * The value of code in t's base, as a double: for the sanity check's
 * percentage only, never for a converted amount or a quote in a table.
 */
static double approx(const rates_table *t, const char *code)
{
	rates_value v;
	if (!rates_value_of(t, code, &v))
		return 0;
	double x = (double)v.num / (double)v.den;
	for (int32_t e = v.exp; e > 0; e--)
		x *= 10;
	for (int32_t e = v.exp; e < 0; e++)
		x /= 10;
	return x;
}

int official_usd_table(rates_table *out, const rates_table *const banks[OFFICIAL_BANKS],
                       const dec_t *peg, const char *peg_source, const msg_sink *warn,
                       char err[OFFICIAL_ERR_MAX])
{
	char dates[OFFICIAL_BANKS * 24] = "", latest[11] = "";
	bool mixed = false;
	memcpy(out->base, "USD", 4);
	for (size_t b = 0; b < OFFICIAL_BANKS; b++) {
		const official_bank_info *i = &banks_info[b];
		const rates_table *t = banks[b];
		if (t == NULL)
			continue;
		const rates_quote *usd = rates_find(t, "USD");
		if (usd == NULL || usd->inverse || strcmp(t->base, i->currency) != 0) {
			msg_emit(warn, _("warning: %s quotes no USD: %s is missing from the table"),
			              i->abbrev, i->currency);
			continue;
		}
		/* 1 USD = v base: the quote "USD/KZT" v, the other way round in a USD table. */
		if (!rates_add(out, i->currency, &usd->quote, true) ||
		    !rates_set_quote_origin(out, out->count - 1, i->name, t->date))
			goto oom;
		out->quotes[out->count - 1].exact = usd->exact;
		if (t->date != NULL) {
			if (latest[0] != '\0' && strcmp(latest, t->date) != 0)
				mixed = true;
			if (strcmp(t->date, latest) > 0)
				snprintf(latest, sizeof latest, "%.10s", t->date);
			size_t n = strlen(dates);
			snprintf(dates + n, sizeof dates - n, "%s%s %s", n ? ", " : "", i->abbrev, t->date);
		}
	}
	if (out->count == 0) {
		msg_set(err, OFFICIAL_ERR_MAX, _("no bank gave a USD rate"));
		rates_destroy(out);
		return -1;
	}
	if (!rates_add(out, "TMT", peg, true) || !rates_set_quote_origin(out, out->count - 1, peg_source, NULL))
		goto oom;
	out->quotes[out->count - 1].exact = true; /* a peg is exact by definition */
	if (mixed)
		msg_emit(warn, _("warning: the official table mixes dates: %s"), dates);

	/* Each bank's cross rates against the table's: 1 USD in C via the bank, and in the table. */
	for (size_t b = 0; b < OFFICIAL_BANKS; b++) {
		const rates_table *t = banks[b];
		if (t == NULL || rates_find(t, "USD") == NULL)
			continue;
		for (size_t k = 0; k < out->count; k++) {
			const char *c = out->quotes[k].code;
			if (strcmp(c, t->base) == 0 || rates_find(t, c) == NULL)
				continue;
			double via = approx(t, "USD") / approx(t, c), table = 1 / approx(out, c);
			double off = (via - table) / table * 100;
			if (off > OFFICIAL_TOLERANCE_PERCENT || off < -OFFICIAL_TOLERANCE_PERCENT)
				msg_emit(warn,
				              _("warning: %s's rates give %.4f %s per USD, %+.1f%% from the "
				              "table's %.4f (%s; tolerance %d%%)"),
				              banks_info[b].abbrev, via, c, off, table,
				              out->quotes[k].source ? out->quotes[k].source : "?",
				              OFFICIAL_TOLERANCE_PERCENT);
		}
	}

	char source[256];
	snprintf(source, sizeof source, "official rates: each quote from its central bank (%s)",
	         dates[0] ? dates : "undated");
	if (!rates_set_string(&out->source, source) ||
	    !rates_set_string(&out->date, latest[0] ? latest : NULL))
		goto oom;
	return 0;
oom:
	msg_set(err, OFFICIAL_ERR_MAX, _("out of memory"));
	rates_destroy(out);
	return -1;
}

char *load_to_json(const rates_table *t)
{
	char key[8], v[DEC_STRING_MAX];
	char *text = NULL;
	bool all_exact = t->count > 0;
	for (size_t k = 0; k < t->count; k++)
		all_exact &= t->quotes[k].exact;
	cJSON *root = cJSON_CreateObject(), *quotes = NULL, *qs = NULL;
	if (root == NULL || cJSON_AddStringToObject(root, "base", t->base) == NULL ||
	    (t->source && cJSON_AddStringToObject(root, "source", t->source) == NULL) ||
	    (t->date && cJSON_AddStringToObject(root, "date", t->date) == NULL) ||
	    (all_exact && cJSON_AddBoolToObject(root, "exact", true) == NULL) ||
	    (quotes = cJSON_AddObjectToObject(root, "quotes")) == NULL ||
	    (qs = cJSON_AddObjectToObject(root, "quote_sources")) == NULL)
		goto done;
	for (size_t k = 0; k < t->count; k++) {
		const rates_quote *q = &t->quotes[k];
		snprintf(key, sizeof key, "%s/%s", q->inverse ? t->base : q->code,
		         q->inverse ? q->code : t->base);
		if (dec_to_string(v, sizeof v, &q->quote) < 0 ||
		    cJSON_AddStringToObject(quotes, key, v) == NULL)
			goto done;
		if (q->source == NULL && q->date == NULL && q->exact == all_exact)
			continue;
		cJSON *o = cJSON_AddObjectToObject(qs, q->code);
		if (o == NULL || (q->source && cJSON_AddStringToObject(o, "source", q->source) == NULL) ||
		    (q->date && cJSON_AddStringToObject(o, "date", q->date) == NULL) ||
		    (q->exact != all_exact && cJSON_AddBoolToObject(o, "exact", q->exact) == NULL))
			goto done;
	}
	text = cJSON_Print(root);
done:
	cJSON_Delete(root);
	return text;
}
