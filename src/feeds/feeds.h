/*
 * feeds.h - what the feeds' parsers share (private to the core): the JSON
 * feed builder, and each JSON feed's shape test and parser, which the
 * registry (registry.c) lists in the order load_table() tries them.
 *
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
#ifndef SARRAF_FEEDS_H
#define SARRAF_FEEDS_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "sarraf/decimal.h"
#include "sarraf/feed.h"
#include "sarraf/load.h"
#include "sarraf/rates.h"

#define FEED_ER_API "exchange-rate API JSON (base_code, rates)"
#define FEED_FAWAZ "fawazahmed0 currency-api JSON"
#define FEED_FLOATRATES "FloatRates JSON"
#define FEED_CBU "Central Bank of Uzbekistan JSON"
#define FEED_FRANKFURTER "Frankfurter JSON"

/* Room for a date; a longer one is dropped. */
#define FEED_DATE_MAX 80

/* The largest Nominal of the CBU feed: 10^FEED_MAX_NOMINAL_DIGITS. */
#define FEED_MAX_NOMINAL_DIGITS 18

/* 26^3: one flag per possible upper-case code, to find a currency quoted twice. */
#define FEED_CODES (26 * 26 * 26)

typedef struct {
	rates_table *t;         /* base set before the first feed_add */
	unsigned char *seen;    /* one bit per possible code: a currency quoted twice */
	char date[FEED_DATE_MAX]; /* the latest date seen, ISO 8601; "" for none */
} feed;

bool feed_begin(feed *f, rates_table *t, char err[LOAD_ERR_MAX]);

/*
 * One currency of a feed: code (upper case) = v / 10^shift in the base, or
 * 1 base = v code when inverse. Messages begin "<what> '<key>': ". The base
 * itself may be listed at 1 (er-api and fawazahmed0 do): it adds nothing.
 */
bool feed_add(feed *f, const char code[4], const cJSON *v, int shift, bool inverse, const char *what,
              const char *key, char err[LOAD_ERR_MAX]);

/* Keep the latest of the dates seen (ISO dates compare as strings). */
void feed_date(feed *f, const char *iso);

/* The feed's date, and a source naming the feed and where it was read from. */
bool feed_end(feed *f, const char *kind, const char *origin, char err[LOAD_ERR_MAX]);
bool feed_fail(feed *f);

/* A member's string value, or NULL when it is missing or not a string. */
const char *feed_member_string(const cJSON *obj, const char *name);

/* True when s is exactly three ASCII letters and so a code; out is upper case. */
bool feed_code(char out[4], const char *s);

/* "dd.mm.yyyy" -> "yyyy-mm-dd"; false when it is not a real date. */
bool feed_dotted_date_to_iso(char out[FEED_DATE_MAX], const char *s);

/* "1", "10", "100" ... -> 0, 1, 2 ...; -1 for anything that is not a power of ten. */
int feed_power_of_ten(const cJSON *v);

/*
 * A quote's value: a string through dec_parse, a number read back as the
 * shortest decimal that round-trips. Messages begin "<what> '<key>': ".
 */
bool feed_quote_value(dec_t *out, const cJSON *v, const char *what, const char *key,
                      char err[LOAD_ERR_MAX]);

/* The index of an upper-case code among the FEED_CODES possible ones. */
size_t feed_code_index(const char code[4]);

/* A JSON feed: its shape, and its parser (base: --base, or NULL). */
typedef struct {
	const char *id;
	bool (*shape)(const cJSON *root);
	bool (*parse)(rates_table *t, const cJSON *root, const char *origin, const char *base,
	              char err[LOAD_ERR_MAX]);
} feed_json;

/* The JSON feed whose shape root has, in the registry's order; NULL for none. */
const feed_json *feed_json_find(const cJSON *root);

#define FEED_JSON(name)                                                                          \
	bool feed_##name##_shape(const cJSON *root);                                                 \
	bool feed_##name##_parse(rates_table *t, const cJSON *root, const char *origin,              \
	                         const char *base, char err[LOAD_ERR_MAX]);
FEED_JSON(erapi)
FEED_JSON(fawazahmed0)
FEED_JSON(floatrates)
FEED_JSON(cbu)
FEED_JSON(frankfurter)

/* The shape of a bank's XML feed: root, date, entries and their fields. */
typedef struct {
	int bank;               /* official_bank */
	const char *root;
	const char *date_attr;  /* the root's attribute holding the date, or NULL */
	const char *date_elem;  /* the root's child element holding it, or NULL */
	const char *entry;
	const char *code_attr;  /* the entry's attribute holding the code, or NULL */
	const char *code_elem;  /* its child element holding it, or NULL */
	const char *value_elem;
	const char *nominal_elem;
} feed_xml_shape;

/*
 * A bank's XML by its shape into t (initialised): 0, or -1 with err set and
 * t empty. libxml2: the library to load if no parse of the process has
 * loaded it yet (NULL: OFFICIAL_LIBXML2).
 */
int feed_xml_parse(rates_table *t, const feed_xml_shape *s, const char *body, size_t len,
                   const char *libxml2, char err[FEED_ERR_MAX]);

/* Each bank's feed body into t, base the bank's currency, source its name, exact rates. */
#define FEED_BANK(name)                                                                          \
	int feed_##name##_bank_parse(rates_table *t, const char *body, size_t len, const char *libxml2, \
	                             char err[FEED_ERR_MAX]);
FEED_BANK(nbk)
FEED_BANK(nbkr)
FEED_BANK(nbt)
FEED_BANK(cbu)

#endif
