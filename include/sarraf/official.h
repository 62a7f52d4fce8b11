/*
 * official.h - the central banks' own feeds -> rate tables, and one USD
 * table built from them.
 *
 *   NBK   National Bank of Kazakhstan        XML  <rates><date>dd.mm.yyyy</date>
 *                                                 <item><title>X</title><description>v</description>
 *                                                 <quant>n</quant></item>...       v/n KZT
 *   NBKR  National Bank of the Kyrgyz Rep.   XML  <CurrencyRates Date="dd.mm.yyyy">
 *         (daily.xml and weekly.xml)              <Currency ISOCode="X"><Nominal>n</Nominal>
 *                                                 <Value>v,vvvv</Value>...         v/n KGS
 *   NBT   National Bank of Tajikistan        XML  <ValCurs Date="yyyy-mm-dd"><Valute>
 *                                                 <CharCode>X</CharCode><Nominal>n</Nominal>
 *                                                 <Value>v</Value>...              v/n TJS
 *   CBU   Central Bank of Uzbekistan         JSON (load.h reads it)                v/n UZS
 *
 * XML is parsed by libxml2, which is not linked: it is dlopen()ed on the
 * first parse (as fetch.c does with libcurl), so that a conversion, which
 * reads the official table from the cache in the native JSON form, never
 * loads it. The parser never touches the network (XML_PARSE_NONET), never
 * substitutes entities and loads no DTD; a document with a DOCTYPE is
 * refused outright (no internal entities, so no "billion laughs"), and a
 * body over OFFICIAL_MAX_BYTES is refused before parsing. The declared
 * encoding (windows-1251 for the NBKR, UTF-8 for the others) is honoured.
 *
 * A Nominal / quant must be a power of ten and is folded into the
 * exponent, so 0,3402 per 100 is 0.003402 exactly; a decimal comma is
 * read as the point, with dec_parse's strict syntax otherwise.
 *
 * Nothing here prints; errors are one line in err.
 */
#ifndef SARRAF_OFFICIAL_H
#define SARRAF_OFFICIAL_H

#include <stdbool.h>
#include <stddef.h>

#include "sarraf/decimal.h"
#include "sarraf/msg.h"
#include "sarraf/rates.h"

#define OFFICIAL_ERR_MAX 256
/* The largest feed body parsed. */
#define OFFICIAL_MAX_BYTES (1024u * 1024u)
/* The library loaded on the first XML parse. */
#define OFFICIAL_LIBXML2 "libxml2.so.2"
/* The Turkmen manat's official peg, TMT per USD (Turkmenistan publishes no feed). */
#define OFFICIAL_TMT_PEG "3.50"
/* A cross rate further than this from the table's (in percent) is warned about. */
#define OFFICIAL_TOLERANCE_PERCENT 5

typedef enum {
	OFFICIAL_NBK,
	OFFICIAL_NBKR,
	OFFICIAL_NBT,
	OFFICIAL_CBU,
	OFFICIAL_BANKS
} official_bank;

typedef struct {
	const char *id;       /* "nbk" */
	const char *abbrev;   /* "NBK" */
	const char *name;     /* "National Bank of Kazakhstan" */
	const char *currency; /* "KZT": the bank's base */
} official_bank_info;

/* The bank's facts, for b < OFFICIAL_BANKS. */
const official_bank_info *official_info(official_bank b);

/* "nbk" ... "cbu" -> the bank; false for anything else. */
bool official_from_id(official_bank *b, const char *id);

/*
 * A feed's body -> t (initialised with rates_init): base the bank's
 * currency, quotes "X/BASE" = value / nominal, source the bank's name,
 * date ISO 8601. Accepted whole or refused whole (t left empty).
 * Returns 0 or -1 with err set.
 */
int official_parse(rates_table *t, official_bank b, const char *body, size_t len,
                   char err[OFFICIAL_ERR_MAX]);

/* Add src's quotes that dst lacks (the NBKR's weekly list to its daily one). */
bool official_merge(rates_table *dst, const rates_table *src);


/*
 * One table against USD from each bank's own USD quote: USD/KZT from the
 * NBK, USD/KGS from the NBKR, USD/TJS from the NBT, USD/UZS from the CBU,
 * and USD/TMT = peg. banks[b] may be NULL (that bank's currency is then
 * missing). Every quote keeps its bank and date. Warnings go to warn: a
 * table that mixes dates, a bank whose cross rates differ from the table's
 * by more than OFFICIAL_TOLERANCE_PERCENT (the CBU's TMT against the peg).
 * Returns 0, or -1 with err set when no bank gives a quote.
 */
int official_usd_table(rates_table *out, const rates_table *const banks[OFFICIAL_BANKS],
                       const dec_t *peg, const char *peg_source, const msg_sink *warn,
                       char err[OFFICIAL_ERR_MAX]);

#endif
