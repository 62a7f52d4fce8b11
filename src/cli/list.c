/*
 * list.c - sarraf list: the table's currencies, quotes and their precision.
 */
#include "cli.h"

#include "i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sarraf/convert.h"
#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/decimal.h"
#include "sarraf/load.h"
#include "sarraf/output.h"
#include "sarraf/rates.h"
#include "sarraf/tables.h"
#include "sarraf/words.h"

/* "3 digits, ±0.26%", or "exact": list's precision column. */
static void quote_uncertainty(char *buf, size_t cap, const rates_quote *rq)
{
	char unc[DEC_STRING_MAX];
	if (out_uncertainty(unc, sizeof unc, rq, NULL, utf8_terminal()) <= 0) {
		snprintf(buf, cap, "%s", _("exact"));
		return;
	}
	int d = dec_digits(&rq->quote);
	snprintf(buf, cap, P_("%d digit, %s", "%d digits, %s", d), d, unc);
}

/* "s" padded with spaces to `width` columns of the terminal (UTF-8 text counts its characters). */
static void print_padded(const char *s, int width)
{
	fputs(s, stdout);
	for (int k = (int)out_width(s); k < width; k++)
		putchar(' ');
}

/* A row of list's table: four columns, the last unpadded. */
static void print_row(const char *code, int wcode, const char *name, int wname, const char *quote,
                      int wquote, const char *prec)
{
	print_padded(code, wcode);
	putchar(' ');
	print_padded(name, wname);
	fputs("  ", stdout);
	print_padded(quote, wquote);
	printf("  %s\n", prec);
}

/*
 * list --output: one record a currency, the base first:
 * {"code","name","quote","value","source","date","uncertainty","table"}; the
 * base has no quote, its value is 1; source and date are the quote's own, else
 * the table's.
 */
static int list_records(const cli_opts *o, const rates_table *t)
{
	static const char *const names[] = { "code", "name", "quote", "value", "source", "date",
		                                 "uncertainty", "table" };
	const char *values[8] = { t->base, currency_name(t->base), NULL, "1", t->source, t->date, "0",
		                      t->origin };
	print_fields(o, names, values, 8, true);
	print_fields(o, names, values, 8, false);
	for (size_t k = 0; k < t->count; k++) {
		const rates_quote *q = &t->quotes[k];
		char key[8], value[DEC_STRING_MAX], unc[DEC_STRING_MAX];
		snprintf(key, sizeof key, "%s/%s", q->inverse ? t->base : q->code, q->inverse ? q->code : t->base);
		if (dec_to_string(value, sizeof value, &q->quote) < 0)
			snprintf(value, sizeof value, "?");
		if (conv_uncertainty_text(unc, sizeof unc, q, NULL, 2) < 0)
			snprintf(unc, sizeof unc, "?");
		const char *row[8] = { q->code, currency_name(q->code), key, value,
			                   q->source ? q->source : t->source, q->date ? q->date : t->date, unc,
			                   t->origin };
		print_fields(o, names, row, 8, false);
	}
	return EXIT_OK;
}

int cmd_list(const cli_opts *o, const rates_table *t)
{
	if (o->format != OUT_TEXT)
		return list_records(o, t);
	if (o->terse) {
		printf("%s\n", t->base);
		for (size_t k = 0; k < t->count; k++)
			printf("%s\n", t->quotes[k].code);
		return EXIT_OK;
	}
	print_table_block(stdout, t, t->origin ? t->origin : "?", 0, true);
	printf("\n");
	/* Columns as wide as their widest entry. */
	const char *bname = currency_name(t->base);
	char quote[DEC_STRING_MAX + 16], prec[DEC_STRING_MAX + 32];
	int wname = (int)out_width(_("NAME")), wquote = (int)out_width(_("(base)"));
	if ((int)out_width(_("QUOTE")) > wquote)
		wquote = (int)out_width(_("QUOTE"));
	if (bname != NULL && (int)strlen(bname) > wname)
		wname = (int)strlen(bname);
	for (size_t k = 0; k < t->count; k++) {
		const char *name = currency_name(t->quotes[k].code);
		if (name != NULL && (int)strlen(name) > wname)
			wname = (int)strlen(name);
		rates_quote_text(quote, sizeof quote, t, &t->quotes[k]);
		if ((int)strlen(quote) > wquote)
			wquote = (int)strlen(quote);
	}
	print_row(_("CODE"), 4, _("NAME"), wname, _("QUOTE"), wquote, _("PRECISION OF THE QUOTE"));
	print_row(t->base, 4, bname ? bname : "", wname, _("(base)"), wquote, _("exact"));
	for (size_t k = 0; k < t->count; k++) {
		const rates_quote *q = &t->quotes[k];
		rates_quote_text(quote, sizeof quote, t, q);
		quote_uncertainty(prec, sizeof prec, q);
		const char *name = currency_name(q->code);
		print_row(q->code, 4, name ? name : "", wname, quote, wquote, prec);
	}
	/* A table built from several feeds (the official one) names each quote's source and date. */
	bool header = false;
	for (size_t k = 0; k < t->count; k++) {
		char origin[512];
		if (rates_quote_origin(origin, sizeof origin, &t->quotes[k]) <= 0)
			continue;
		if (!header)
			printf("\n%s\n", _("CODE SOURCE OF THE QUOTE"));
		header = true;
		printf("%-4s %s\n", t->quotes[k].code, origin);
	}
	return EXIT_OK;
}
