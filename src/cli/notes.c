/*
 * notes.c - the notes under a human answer, on stderr: an undated or old table,
 * a quote too short for the digits shown, an answer that rounds to zero.
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

void quote_percent(char *buf, size_t cap, const dec_t *q);

/* Days after which a table (or a quote it used) is old for the day asked. */
#define AGE_NOTE_DAYS 7

/*
 * A human answer from an undated table, or one whose date (or the date of a
 * quote it used) is more than AGE_NOTE_DAYS before the day asked for: one
 * line on stderr naming it, and how to get current rates.
 */
void age_note(const cli_opts *o, const rates_table *t, const char *from,
                     const char (*to)[4], int nto)
{
	date_t asked = o->net.dated ? o->net.date : date_today(), oldest = asked, d;
	const char *oldest_text = NULL;
	bool undated = t->date == NULL;
	for (int k = -1; k < nto; k++) {
		const rates_quote *q = rates_find(t, k < 0 ? from : to[k]);
		if (q != NULL && q->date != NULL) {
			undated = false;
			if (date_parse_iso_time(&d, q->date) && date_cmp(d, oldest) < 0) {
				oldest = d;
				oldest_text = q->date;
			}
		}
	}
	if (t->date != NULL && date_parse_iso_time(&d, t->date) && date_cmp(d, oldest) < 0 &&
	    oldest_text == NULL) {
		oldest = d;
		oldest_text = t->date;
	}
	const char *name = t->origin ? t->origin : "?";
	const char *how = _("current rates: -r official, or -r URL and 'sarraf fetch'");
	if (undated) {
		char src[512];
		const char *source = t->source ? shown_source(src, sizeof src, t->source) : _("no source given");
		if (rates_source(o) == NULL) /* the embedded table, named by the whole sentence */
			errorf(_("note: the rates of 'embedded' are undated (%s); %s"), source, how);
		else
			errorf(_("note: the rates of '%s' are undated (%s); %s"), name, source, how);
	} else if (oldest_text != NULL && date_to_days(asked) - date_to_days(oldest) > AGE_NOTE_DAYS) {
		char a[DATE_ISO_SIZE];
		long days = date_to_days(asked) - date_to_days(oldest);
		date_format_iso(a, asked);
		errorf(P_("note: the rates of '%s' are of %.10s, %ld day before %s; %s",
		          "note: the rates of '%s' are of %.10s, %ld days before %s; %s", days),
		       name, oldest_text, days, a, how);
	}
}

/* "UZS/USD 0.00008 has 1 significant digit, ±6.3%": the least precise quote of those used
   (its figures with a comma under --decimal-comma). */
void precision_note(const cli_opts *o, const rates_table *t, const char *from, const char (*to)[4], int nto)
{
	const rates_quote *worst = NULL;
	for (int k = -1; k < nto; k++) {
		const rates_quote *q = rates_find(t, k < 0 ? from : to[k]);
		conv_pair u;
		if (q == NULL || !conv_uncertainty(&u, q, NULL))
			continue;
		if (worst == NULL || dec_digits(&q->quote) < dec_digits(&worst->quote))
			worst = q;
	}
	if (worst == NULL)
		return;
	char text[DEC_STRING_MAX + 16], unc[DEC_STRING_MAX];
	rates_quote_text(text, sizeof text, t, worst);
	out_uncertainty(unc, sizeof unc, worst, NULL, utf8_terminal());
	shown_number(o, text);
	shown_number(o, unc);
	int d = dec_digits(&worst->quote);
	errorf(P_("note: %s has %d significant digit, %s: the answer cannot carry all the digits shown",
	          "note: %s has %d significant digits, %s: the answer cannot carry all the digits shown",
	          d), text, d, unc);
}

/*
 * A non-zero amount whose answer rounds to zero: say so, and the precision
 * that shows it ("-p 5: 0.00008").
 */
void zero_note(const cli_opts *o, const cli_pair *cp, const dec_t *amount, const char *to, dec_int result)
{
	rates_value vf = cp->a.vf, vt = cp->a.vt;
	if (result != 0 || dec_sign(amount) == 0)
		return;
	/* The first significant digit (truncating), and one more. */
	for (int p = precision_for(o, to) + 1; p <= CONV_MAX_PRECISION; p++) {
		conv_ctx down = { p, DEC_ROUND_DOWN };
		dec_int r;
		char v[DEC_STRING_MAX];
		if (conv_convert(&r, amount, &vf, &vt, &down) != CONV_OK || r == 0)
			continue;
		conv_ctx ctx = { p < CONV_MAX_PRECISION ? p + 1 : p, o->mode };
		if (conv_convert(&r, amount, &vf, &vt, &ctx) != CONV_OK)
			return;
		p = ctx.precision;
		dec_format(v, sizeof v, r, p);
		shown_number(o, v);
		errorf(_("note: the answer in %s rounds to zero; -p %d: %s"), to, p, v);
		return;
	}
	errorf(_("note: the answer in %s rounds to zero even at %d digits after the point"), to,
	       CONV_MAX_PRECISION);
}

int precision_for(const cli_opts *o, const char *code)
{
	return o->precision >= 0 ? o->precision : currency_minor_units(code);
}


/*
 * An official answer that is not one bank's own quote of one currency in the
 * other: one line naming how it was reached, once per kind ("EUR in RUB: a
 * cross of two NBK quotes: EUR/KZT 550.00, RUB/KZT 6.50 per 1"; its figures with a
 * comma under --decimal-comma).
 */
void official_note(const cli_opts *o, const cli_pair *pairs, const char *from, const char (*to)[4], int nto)
{
	for (int k = 0; k < nto; k++) {
		const cli_pair *p = &pairs[k];
		char how[160], quotes[512];
		if (p->a.direct || pair_answer_text(p, how, sizeof how) == NULL || strcmp(from, to[k]) == 0)
			continue;
		const char *bank, *answer;
		pair_record(p, &bank, &answer, quotes, sizeof quotes);
		shown_number(o, quotes);
		errorf(_("note: %s in %s is %s: %s"), from, to[k], how, quotes);
	}
}

