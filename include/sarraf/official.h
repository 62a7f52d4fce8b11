/*
 * official.h - the central banks: their facts, their own tables (each
 * bank's feed, read by its parser in src/feeds/: feed.h), and one USD table
 * built from their USD quotes.
 *
 *   NBK   National Bank of Kazakhstan        XML   v/n KZT
 *   NBKR  National Bank of the Kyrgyz Rep.   XML   v/n KGS (daily.xml and weekly.xml)
 *   NBT   National Bank of Tajikistan        XML   v/n TJS
 *   CBU   Central Bank of Uzbekistan         JSON  v/n UZS
 *
 * A bank's rates as published are exact by definition (rates_quote.exact).
 * Nothing here prints; errors are one line in err, warnings go to a sink.
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
 * libxml2: the library to load for XML if no parse of the process has
 * loaded one yet (context.h; NULL: OFFICIAL_LIBXML2).
 * Returns 0 or -1 with err set.
 */
int official_parse(rates_table *t, official_bank b, const char *body, size_t len, const char *libxml2,
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

/* The bank whose currency code is (KZT: OFFICIAL_NBK, ...), or -1 (USD, EUR, TMT...). */
int official_bank_of(const char *code);

/* The quote or quotes that answer a pair of the official table. */
typedef struct {
	int bank;                /* the bank whose table answers, or -1: through USD, each currency by
	                            its own bank's USD quote (or the table's own quotes) */
	bool direct;             /* one official quote of one currency in the other, as published */
	const rates_table *tf;   /* the table from's value is taken in (a bank's, or the USD table) */
	const rates_table *tt;   /* the same for to (tf == tt unless bank is -1) */
	rates_value vf, vt;      /* one unit of from and of to, in one unit */
} official_answer;

/*
 * Which quote answers from -> to in t (the official table: the banks' own
 * tables in t->parts), as the law names it (SPEC, "Official rates: which
 * quote answers a pair"):
 *   - prefer (--bank, or -1): that bank's table, when it quotes both;
 *   - the target local (KGS, KZT, TJS, UZS): its bank, when it quotes the source;
 *   - the source local and the target not: its bank, when it quotes the target;
 *   - neither local (and neither TMT): the first of NBK, CBU, NBKR, NBT quoting both;
 *   - else through USD: each currency by the first bank that quotes it and USD (the
 *     local currencies and TMT by the table's own quotes: each bank's USD, the peg).
 * A table without parts answers every pair through its own quotes (bank -1).
 * false when a currency is in no table, or a ratio does not fit.
 */
bool official_answer_pair(official_answer *a, const rates_table *t, const char *from, const char *to,
                          int prefer);

#endif
