/*
 * rate.c - sarraf rate FROM TO: one unit of FROM in TO.
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
#include "explain.h"

/*
 * One FROM in TO as `rate` shows it: --precision digits, else 10 significant
 * digits (at least the target's minor units), trailing zeros dropped.
 * *scale gets the digits used. false when it is out of range.
 */
bool format_rate(const cli_opts *o, const rates_value *vf, const rates_value *vt,
                        const char *to, char r[DEC_STRING_MAX], int *scale)
{
	conv_pair p;
	conv_pair_init(&p, vf, vt);
	int min_scale = currency_minor_units(to);
	*scale = o->precision >= 0 ? o->precision : conv_significant_scale(&p, RATE_SIGNIFICANT, min_scale);
	return conv_format_rate(r, DEC_STRING_MAX, &p, *scale, min_scale, o->precision < 0, o->mode) >= 0;
}

bool rate_is_zero(const char *r)
{
	return strspn(r, "0.") == strlen(r);
}

int cmd_rate(const cli_opts *o, const rates_table *t)
{
	char from[4], to[4];
	int rc, scale;
	if ((rc = lookup(t, o->operands[1], from)) != EXIT_OK ||
	    (rc = lookup(t, o->operands[2], to)) != EXIT_OK)
		return rc;
	/* The quote the law names for an official pair, else the table's own (load.c). */
	cli_pair cp;
	if (!pair_of(o, t, from, to, &cp)) {
		errorf(_("no rate of %s in %s in the table"), from, to);
		return EXIT_DATA;
	}
	char r[DEC_STRING_MAX];
	if (!format_rate(o, &cp.a.vf, &cp.a.vt, to, r, &scale)) {
		errorf(_("rate of %s in %s is out of range (|result| < 10^%d)"), from, to,
		       CONV_RESULT_DIGITS);
		return EXIT_DATA;
	}
	char gr[DEC_STRING_MAX * 4];
	conv_pair p;
	conv_pair_init(&p, &cp.a.vf, &cp.a.vt);
	dec_t one = { 1, 0 };
	bool approx = conv_uncertain(&one, &p, cp.qf, cp.qt, scale);
	if (o->format != OUT_TEXT) {
		/*
		 * One record: {"from","to","rate","uncertainty","table","source","date"}, and for an
		 * official answer {"bank","answer","quotes"} (load.c's pair_record).
		 */
		static const char *const names[] = { "from", "to", "rate", "uncertainty", "table", "source",
			                                 "date", "bank", "answer", "quotes" };
		char unc[DEC_STRING_MAX], quotes[512];
		const char *bank, *answer;
		if (conv_uncertainty_text(unc, sizeof unc, cp.qf, cp.qt, 2) < 0)
			snprintf(unc, sizeof unc, "?");
		pair_record(&cp, &bank, &answer, quotes, sizeof quotes);
		const char *values[] = { from, to, r, unc, t->origin, t->source, t->date, bank, answer, quotes };
		size_t n = answer != NULL ? 10 : 7;
		print_fields(o, names, values, n, true);
		print_fields(o, names, values, n, false);
		if (o->explain)
			explain_all(o, t, &cp, NULL, from, (const char (*)[4])&to, 1, scale);
		return EXIT_OK;
	}
	/* --decimal-comma: the rate shown with a comma (records above keep the point). */
	char shown[DEC_STRING_MAX];
	snprintf(shown, sizeof shown, "%s", r);
	shown_number(o, shown);
	if (o->terse)
		printf("%s\n", shown);
	else
		printf("1 %s %s %s %s\n", from, approx ? approx_sign() : "=",
		       out_group(gr, sizeof gr, shown, group_separator()) < 0 ? shown : gr, to);
	if (!o->terse && o->format == OUT_TEXT) {
		zero_note(o, &cp, &one, to, rate_is_zero(r) ? 0 : 1);
		official_note(o, &cp, from, (const char (*)[4])&to, 1);
		age_note(o, t, from, (const char (*)[4])&to, 1);
		if (approx)
			precision_note(o, t, from, (const char (*)[4])&to, 1);
	}
	if (o->explain)
		explain_all(o, t, &cp, NULL, from, (const char (*)[4])&to, 1, scale);
	return EXIT_OK;
}
