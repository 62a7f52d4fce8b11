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
#include "sarraf/official.h"

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

/* A row of list's table: four columns, padded by display width, the last unpadded. */
static void print_row(const char *code, int wcode, const char *name, int wname, const char *quote,
                      int wquote, const char *prec)
{
	print_padded(stdout, code, wcode);
	putchar(' ');
	print_padded(stdout, name, wname);
	fputs("  ", stdout);
	print_padded(stdout, quote, wquote);
	printf("  %s\n", prec);
}

/* The wider of w and the columns of s. */
static int wider(int w, const char *s)
{
	return s != NULL && (int)out_width(s) > w ? (int)out_width(s) : w;
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
	/* The official table's banks: each quote of each bank, the table named by the bank. */
	for (size_t b = 0; b < RATES_PARTS; b++) {
		const rates_table *p = t->parts[b];
		for (size_t k = 0; p != NULL && k < p->count; k++) {
			const rates_quote *q = &p->quotes[k];
			char key[8], value[DEC_STRING_MAX];
			snprintf(key, sizeof key, "%s/%s", q->code, p->base);
			if (dec_to_string(value, sizeof value, &q->quote) < 0)
				snprintf(value, sizeof value, "?");
			const char *row[8] = { q->code, currency_name(q->code), key, value, p->source,
				                   q->date ? q->date : p->date, "0", p->origin };
			print_fields(o, names, row, 8, false);
		}
	}
	return EXIT_OK;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The codes the official table's banks quote, each once, in the banks' order; those of skip left out. */
#define PART_CODES_MAX 512
static size_t part_codes(const rates_table *t, char codes[PART_CODES_MAX][4], const rates_table *skip)
{
	size_t n = 0;
	for (size_t b = 0; b < RATES_PARTS; b++)
		for (size_t k = 0; t->parts[b] != NULL && k < t->parts[b]->count; k++) {
			const char *c = t->parts[b]->quotes[k].code;
			size_t j;
			for (j = 0; j < n && strcmp(codes[j], c) != 0; j++)
				;
			if (j == n && n < PART_CODES_MAX && (skip == NULL || !rates_has(skip, c)))
				memcpy(codes[n++], c, 4);
		}
	return n;
}

/*
 * The official table's banks: every currency any of them publishes, each with
 * the banks that quote it, the figure as published per its nominal, and the
 * day ("EUR  NBK EUR/KZT 550.00 per 1 (2026-04-01); NBKR EUR/KGS 101.5076 per 1 ...").
 */
static void list_banks(const cli_opts *o, const rates_table *t)
{
	char codes[PART_CODES_MAX][4];
	size_t n = part_codes(t, codes, NULL);
	if (n == 0)
		return;
	qsort(codes, n, sizeof codes[0], by_code);
	printf("\n%s\n", _("CODE OFFICIAL QUOTES (BANK, FIGURE AS PUBLISHED, DAY)"));
	for (size_t j = 0; j < n; j++) {
		printf("%-4s", codes[j]);
		const char *sep = " ";
		for (size_t b = 0; b < RATES_PARTS; b++) {
			const rates_table *p = t->parts[b];
			const rates_quote *q = p != NULL ? rates_find(p, codes[j]) : NULL;
			if (q == NULL)
				continue;
			char text[DEC_STRING_MAX + 64];
			quote_published(text, sizeof text, p, q);
			shown_number(o, text);
			printf("%s%s %s", sep, _(official_info((official_bank)b)->abbrev), text);
			sep = "; ";
		}
		printf("\n");
	}
}

int cmd_list(const cli_opts *o, const rates_table *t)
{
	if (o->format != OUT_TEXT)
		return list_records(o, t);
	if (o->terse) {
		printf("%s\n", t->base);
		for (size_t k = 0; k < t->count; k++)
			printf("%s\n", t->quotes[k].code);
		/* and what only the official table's banks quote */
		char codes[PART_CODES_MAX][4];
		for (size_t j = 0, n = part_codes(t, codes, t); j < n; j++)
			printf("%s\n", codes[j]);
		return EXIT_OK;
	}
	print_table_block(stdout, t, shown_origin(o, t), 0, true);
	printf("\n");
	/* Columns as wide as their widest entry, in the user's language (the names translated). */
	const char *bname = shown_currency_name(t->base);
	char quote[DEC_STRING_MAX + 16], prec[DEC_STRING_MAX + 32];
	int wcode = wider(4, _("CODE"));
	int wname = wider(wider(0, _("NAME")), bname);
	int wquote = wider(wider(0, _("(base)")), _("QUOTE"));
	for (size_t k = 0; k < t->count; k++) {
		wname = wider(wname, shown_currency_name(t->quotes[k].code));
		rates_quote_text(quote, sizeof quote, t, &t->quotes[k]);
		wquote = wider(wquote, shown_number(o, quote));
	}
	print_row(_("CODE"), wcode, _("NAME"), wname, _("QUOTE"), wquote, _("PRECISION OF THE QUOTE"));
	print_row(t->base, wcode, bname ? bname : "", wname, _("(base)"), wquote, _("exact"));
	for (size_t k = 0; k < t->count; k++) {
		const rates_quote *q = &t->quotes[k];
		rates_quote_text(quote, sizeof quote, t, q);
		shown_number(o, quote);
		quote_uncertainty(prec, sizeof prec, q);
		shown_number(o, prec);
		const char *name = shown_currency_name(q->code);
		print_row(q->code, wcode, name ? name : "", wname, quote, wquote, prec);
	}
	/* A table built from several feeds (the official one) names each quote's source and date. */
	bool header = false;
	for (size_t k = 0; k < t->count; k++) {
		char origin[512];
		if (shown_quote_origin(origin, sizeof origin, &t->quotes[k]) <= 0)
			continue;
		if (!header) {
			putchar('\n');
			print_padded(stdout, _("CODE"), wcode);
			printf(" %s\n", _("SOURCE OF THE QUOTE"));
		}
		header = true;
		print_padded(stdout, t->quotes[k].code, wcode);
		printf(" %s\n", origin);
	}
	list_banks(o, t);
	return EXIT_OK;
}
