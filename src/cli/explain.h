/*
 * explain.h - how an answer was reached (--explain): the table, each
 * quote used with its own source and date, the exact formula, the value
 * before rounding and the rounding applied.
 */
#ifndef SARRAF_EXPLAIN_H
#define SARRAF_EXPLAIN_H

#include <stdio.h>

#include "sarraf/convert.h"
#include "sarraf/decimal.h"
#include "sarraf/rates.h"

/* The table, once: where it was read from (name: as the user reads it), its source, date and base. */
void explain_table(FILE *out, const rates_table *t, const char *name);

/*
 * The quote behind one currency of t (code upper case, known to t), once per
 * currency: "UZS/USD 0.00008 (source, date)", or that it is the base. With
 * comma (--decimal-comma), its numbers written with a comma for the point.
 */
void explain_quote(FILE *out, const rates_table *t, const char *code, bool comma);

/*
 * One conversion: amount * value(from) / value(to) written with the quotes
 * as the table gives them, the exact result (or its first 18 decimals and
 * "..." when it does not end there), and the rounding to ctx. With amount
 * NULL, the rate of one unit instead. With comma, the numbers' points commas.
 */
void explain_conversion(FILE *out, const rates_table *t, const dec_t *amount, const char *from,
                        const char *to, const conv_ctx *ctx, bool comma);

#endif
