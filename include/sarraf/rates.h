/*
 * rates.h - a rate table: a base currency, one quote per other currency,
 * the table's source and date; and the exact value of one unit of a
 * currency in the base.
 *
 * A quote is kept as written. Key "X/BASE" = v means 1 X = v BASE, so
 * value(X) = v. Key "BASE/X" = v means 1 BASE = v X, so value(X) = 1/v:
 * the reciprocal is kept as a ratio and never expanded into a decimal.
 */
#ifndef SARRAF_RATES_H
#define SARRAF_RATES_H

#include <stdbool.h>
#include <stddef.h>

#include "sarraf/decimal.h"

typedef struct {
	char code[4];  /* the quoted currency, upper case */
	dec_t quote;   /* the number as written in the table, > 0 */
	bool inverse;  /* key was BASE/code: 1 BASE = quote code */
	char *source;  /* owned; NULL unless this quote has its own (an official table's bank) */
	char *date;    /* owned; NULL unless this quote has its own, ISO 8601 */
	bool exact;    /* exact by definition (an official rate as published, a peg): no
	                  uncertainty; else good to half a unit of its last written digit */
	int nominal_digits; /* a bank's nominal, 10^nominal_digits units (RUB per 100: 2) folded
	                       into quote; the figure as published is quote * 10^nominal_digits */
} rates_quote;

/* The most parts a table has: the official table's four banks (official.h). */
#define RATES_PARTS 4

/* Room for a receipt's day ("2026-04-05"), time ("2026-04-05T08:00:00Z") and digest. */
#define RATES_DAY_SIZE 11
#define RATES_TIME_SIZE 21
#define RATES_SHA256_SIZE 65

/*
 * A receipt: which body a table, or some of its quotes, was read from, as
 * stored beside the body, so that anyone can check the answer afterwards
 * (fetch the URL again, or hash a kept copy, and compare).
 */
typedef struct {
	char *url;                        /* owned: the URL asked, a file's path, or "-" */
	char *codes;                      /* owned: the quotes it stands behind ("USD,EUR"); NULL:
	                                     the whole table */
	char asked[RATES_DAY_SIZE];       /* the day asked for; "" when none was */
	char published[RATES_DAY_SIZE];   /* the day the body carries; "" when undated */
	char fetched[RATES_TIME_SIZE];    /* when it was received, UTC; "" for a file */
	char sha256[RATES_SHA256_SIZE];   /* of the body as received, lower-case hex */
} rates_receipt;

typedef struct rates_table {
	char base[4];          /* upper case */
	char *source;          /* owned; NULL when the table has none */
	char *date;            /* owned; NULL when the table has none */
	char *origin;          /* owned; where the table was read from ("embedded", a path, a URL) */
	size_t count;          /* quotes, not counting the base */
	rates_quote *quotes;   /* owned */
	/*
	 * owned, each NULL or a table of its own: the official table's banks, each with every
	 * currency it publishes in its own currency (official.h: official_bank order). A pair
	 * is answered by the quote the law names (official_answer_pair), not always through base.
	 */
	struct rates_table *parts[RATES_PARTS];
	size_t nreceipts;
	rates_receipt *receipts; /* owned: the bodies the table was read from */
} rates_table;

/* value = num / den * 10^exp, with num, den > 0. */
typedef struct {
	dec_uint num;
	dec_uint den;
	int32_t exp;
} rates_value;

void rates_init(rates_table *t);
/* Frees what the table owns and leaves it as after rates_init. */
void rates_destroy(rates_table *t);

/*
 * Append a quote (the code must be upper case and not yet in the table, the
 * quote > 0). Returns false when out of memory.
 */
bool rates_add(rates_table *t, const char code[4], const dec_t *quote, bool inverse);

/*
 * Give quote k its own source and date (copies; NULL clears), as a table
 * built from several feeds does. Returns false when out of memory.
 */
bool rates_set_quote_origin(rates_table *t, size_t k, const char *source, const char *date);

/* Replace a string field (source, date, origin) with a copy of s (NULL clears). */
bool rates_set_string(char **field, const char *s);

/* "KZT/USD 0.00192": quote q of t as the table writes it. Returns the length (as snprintf). */
int rates_quote_text(char *buf, size_t cap, const rates_table *t, const rates_quote *q);

/*
 * "National Bank of Kazakhstan, 2026-04-01": q's own source and date, or ""
 * when it has neither. Returns the length (as snprintf).
 */
int rates_quote_origin(char *buf, size_t cap, const rates_quote *q);

/*
 * Add a copy of r (its url and codes copied) to t's receipts. Returns false
 * when out of memory.
 */
bool rates_add_receipt(rates_table *t, const rates_receipt *r);

/*
 * The receipt behind code's quote (a receipt whose codes list it), or with
 * code NULL the whole table's receipt (codes NULL); NULL when there is none.
 */
const rates_receipt *rates_receipt_of(const rates_table *t, const char *code);

/* Frees what the receipt owns and clears it. */
void rates_receipt_destroy(rates_receipt *r);

/* true when code (upper case) is the base or has a quote. */
bool rates_has(const rates_table *t, const char *code);

/* true when t has parts (the official table's banks). */
bool rates_has_parts(const rates_table *t);

/* true when t or one of its parts has code. */
bool rates_knows(const rates_table *t, const char *code);

/* The quote of code (upper case), or NULL (also for the base). */
const rates_quote *rates_find(const rates_table *t, const char *code);

/*
 * The exact value of one unit of code in the base (the base itself is
 * 1/1). Returns false when the table does not know code.
 */
bool rates_value_of(const rates_table *t, const char *code, rates_value *out);

#endif
