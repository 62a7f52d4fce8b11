/*
 * feed_xml.c - the central banks' XML feeds (the NBK's, the NBKR's, the
 * NBT's), read by one parser driven by each feed's shape (nbk.c, nbkr.c,
 * nbt.c).
 *
 * libxml2 is not linked: it is dlopen()ed on the first parse of the
 * process, once for all threads, so that a conversion, which reads the
 * official table from the cache in the native JSON form, never loads it. The parser never touches the network
 * (XML_PARSE_NONET), never substitutes entities and loads no DTD; a
 * document with a DOCTYPE is refused outright (no internal entities, so no
 * "billion laughs"), and a body over OFFICIAL_MAX_BYTES is refused before
 * parsing. The declared encoding (windows-1251 for the NBKR, UTF-8 for the
 * others) is honoured. libxml2 prints nothing of its own.
 *
 * A Nominal / quant must be a power of ten and is folded into the
 * exponent, so 0,3402 per 100 is 0.003402 exactly; a decimal comma is
 * read as the point, with dec_parse's strict syntax otherwise. A feed is
 * accepted whole or refused whole, with one line naming the entry at fault.
 */
#include "feeds.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "sarraf/official.h"
#include "../dl.h"
#include "../i18n.h"

/* The longest text of one XML field looked at. */
#define OFFICIAL_TEXT_MAX 64
/* The largest Nominal: 10^OFFICIAL_MAX_NOMINAL_DIGITS. */
#define OFFICIAL_MAX_NOMINAL_DIGITS 18

/* ---- libxml2, loaded on first use ------------------------------------------ */

typedef struct {
	bool ok;
	char err[OFFICIAL_ERR_MAX];
	void (*init_parser)(void);
	xmlDocPtr (*read_memory)(const char *buf, int size, const char *url, const char *enc, int opts);
	void (*free_doc)(xmlDocPtr doc);
	xmlNodePtr (*root)(const xmlDoc *doc);
	const xmlError *(*last_error)(void);
	void (*set_generic)(void *ctx, xmlGenericErrorFunc handler);
	void (*set_structured)(void *ctx, xmlStructuredErrorFunc handler);
} xml_api;

/*
 * One per process, as fetch.c's libcurl: the first parse loads it under
 * xml_once from the path it was given (xml_file, set by the calling thread
 * around the call), and every later parse, in any thread, uses that
 * library (or its failure), whatever path it names.
 */
static xml_api xml;
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static _Thread_local const char *xml_file;

#define LOOKUP(lib, field, name)                                                              \
	do {                                                                                      \
		if (!dl_sym(lib, name, &xml.field, sizeof xml.field, "libxml2", file, xml.err, OFFICIAL_ERR_MAX))  \
			return;                                                                           \
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

static void load_xml(void)
{
	const char *file = xml_file;
	void *lib = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		const char *why = dlerror();
		msg_set(xml.err, OFFICIAL_ERR_MAX, _("cannot load libxml2 (%s): %s"), file, why != NULL ? why : _("not found"));
		return;
	}
	LOOKUP(lib, init_parser, "xmlInitParser");
	LOOKUP(lib, read_memory, "xmlReadMemory");
	LOOKUP(lib, free_doc, "xmlFreeDoc");
	LOOKUP(lib, root, "xmlDocGetRootElement");
	LOOKUP(lib, last_error, "xmlGetLastError");
	LOOKUP(lib, set_generic, "xmlSetGenericErrorFunc");
	LOOKUP(lib, set_structured, "xmlSetStructuredErrorFunc");
	xml.init_parser();
	xml.ok = true;
}

/* libxml2, loaded from file by the first call of the process: true when it is there. */
static bool xml_ready(const char *file)
{
	xml_file = file != NULL && *file != '\0' ? file : OFFICIAL_LIBXML2;
	pthread_once(&xml_once, load_xml);
	xml_file = NULL;
	return xml.ok;
}

/*
 * Parse body as XML, safely: a DOCTYPE is refused before and after parsing
 * (no entities of any kind, internal or external), no network, no entity
 * substitution, no DTD loading, libxml2's own messages silenced.
 */
static xmlDocPtr parse_xml(const char *body, size_t len, const char *libxml2, char err[OFFICIAL_ERR_MAX])
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
	if (!xml_ready(libxml2)) {
		msg_set(err, OFFICIAL_ERR_MAX, "%s", xml.err);
		return NULL;
	}
	/*
	 * libxml2 prints nothing of its own: its errors reach the user in
	 * sarraf's one line. Its handlers belong to each thread, so they are set
	 * in the thread that parses.
	 */
	xml.set_generic(NULL, quiet_generic);
	xml.set_structured(NULL, quiet_structured);
	xmlDocPtr doc = xml.read_memory(body, (int)len, NULL, NULL,
	                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		const xmlError *e = xml.last_error();
		char msg[160];
		snprintf(msg, sizeof msg, "%s", _("not well-formed"));
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
	if (rates_add(t, c, &v, false)) {
		t->quotes[t->count - 1].exact = true; /* an official rate, as the bank publishes it */
		t->quotes[t->count - 1].nominal_digits = shift;
	} else {
		msg_set(err, OFFICIAL_ERR_MAX, _("out of memory"));
		return false;
	}
	return true;
}

/* ---- the feeds ------------------------------------------------------------ */

int feed_xml_parse(rates_table *t, const feed_xml_shape *s, const char *body, size_t len,
                   const char *libxml2, char err[FEED_ERR_MAX])
{
	const official_bank_info *bank = official_info((official_bank)s->bank);
	const char *abbrev = _(bank->abbrev);
	char e[OFFICIAL_ERR_MAX], code[OFFICIAL_TEXT_MAX], value[OFFICIAL_TEXT_MAX],
	     nominal[OFFICIAL_TEXT_MAX], date[OFFICIAL_TEXT_MAX], iso[11], what[160];
	xmlDocPtr doc = parse_xml(body, len, libxml2, e);
	if (doc == NULL) {
		msg_set(err, OFFICIAL_ERR_MAX, _("%s feed: %s"), abbrev, e);
		return -1;
	}
	int rc = -1;
	size_t entries = 0;
	const xmlNode *root = xml.root(doc);
	memcpy(t->base, bank->currency, 4);
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
		msg_set(err, OFFICIAL_ERR_MAX, shaped ? _("%s feed: the date '%s' is not a real day")
		                                      : _("%s feed: the date '%s' is not dd.mm.yyyy or yyyy-mm-dd"),
		        abbrev, msg_shown_str(shown, d));
		goto done;
	}
	date_format_iso(iso, day);
	for (const xmlNode *n = root->children; n != NULL; n = n->next) {
		if (!named(n, s->entry))
			continue;
		entries++;
		snprintf(what, sizeof what, _("%s feed: entry %zu"), abbrev, entries);
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
	if (!rates_set_string(&t->source, bank->name) || !rates_set_string(&t->date, iso)) {
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

