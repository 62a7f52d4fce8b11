/*
 * official.c - the central banks (see official.h): their facts, a bank's
 * feed read by its parser in src/feeds/, and the one USD table built from
 * each bank's own USD quote and the TMT peg.
 */
#include "sarraf/official.h"

#include "sarraf/feed.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/load.h"


static const official_bank_info banks_info[OFFICIAL_BANKS] = {
	{ "nbk", N_("NBK"), N_("National Bank of Kazakhstan"), "KZT" },
	{ "nbkr", N_("NBKR"), N_("National Bank of the Kyrgyz Republic"), "KGS" },
	{ "nbt", N_("NBT"), N_("National Bank of Tajikistan"), "TJS" },
	{ "cbu", N_("CBU"), N_("Central Bank of Uzbekistan"), "UZS" },
};

const official_bank_info *official_info(official_bank b)
{
	return &banks_info[b];
}

bool official_from_id(official_bank *b, const char *id)
{
	for (size_t k = 0; k < OFFICIAL_BANKS; k++)
		if (strcmp(banks_info[k].id, id) == 0) {
			*b = (official_bank)k;
			return true;
		}
	return false;
}

int official_parse(rates_table *t, official_bank b, const char *body, size_t len, const char *libxml2,
                   char err[OFFICIAL_ERR_MAX])
{
	char ferr[FEED_ERR_MAX];
	int rc = feed_bank_parse(t, (int)b, body, len, libxml2, ferr);
	if (rc != 0)
		msg_set(err, OFFICIAL_ERR_MAX, "%s", ferr);
	return rc;
}

bool official_merge(rates_table *dst, const rates_table *src)
{
	for (size_t k = 0; k < src->count; k++) {
		const rates_quote *q = &src->quotes[k];
		if (strcmp(q->code, dst->base) == 0 || rates_find(dst, q->code) != NULL)
			continue;
		/* the weekly list's quotes keep the weekly list's day */
		const char *date = q->date != NULL ? q->date : src->date;
		if (!rates_add(dst, q->code, &q->quote, q->inverse) ||
		    !rates_set_quote_origin(dst, dst->count - 1, q->source,
		                            date != NULL && (dst->date == NULL || strcmp(date, dst->date) != 0)
		                                ? date : NULL))
			return false;
		dst->quotes[dst->count - 1].exact = q->exact;
		dst->quotes[dst->count - 1].nominal_digits = q->nominal_digits;
	}
	return true;
}

/* ---- the USD table -------------------------------------------------------- */


/*
 * The value of code in t's base, as a double: for the sanity check's
 * percentage only, never for a converted amount or a quote in a table.
 */
static double approx(const rates_table *t, const char *code)
{
	rates_value v;
	if (!rates_value_of(t, code, &v))
		return 0;
	double x = (double)v.num / (double)v.den;
	for (int32_t e = v.exp; e > 0; e--)
		x *= 10;
	for (int32_t e = v.exp; e < 0; e++)
		x /= 10;
	return x;
}

int official_usd_table(rates_table *out, const rates_table *const banks[OFFICIAL_BANKS],
                       const dec_t *peg, const char *peg_source, const msg_sink *warn,
                       char err[OFFICIAL_ERR_MAX])
{
	char dates[OFFICIAL_BANKS * 24] = "", latest[11] = "";
	bool mixed = false;
	memcpy(out->base, "USD", 4);
	for (size_t b = 0; b < OFFICIAL_BANKS; b++) {
		const official_bank_info *i = &banks_info[b];
		const rates_table *t = banks[b];
		if (t == NULL)
			continue;
		const rates_quote *usd = rates_find(t, "USD");
		if (usd == NULL || usd->inverse || strcmp(t->base, i->currency) != 0) {
			msg_emit(warn, _("warning: %s quotes no USD: %s is missing from the table"),
			              _(i->abbrev), i->currency);
			continue;
		}
		/* 1 USD = v base: the quote "USD/KZT" v, the other way round in a USD table. */
		if (!rates_add(out, i->currency, &usd->quote, true) ||
		    !rates_set_quote_origin(out, out->count - 1, i->name, t->date))
			goto oom;
		out->quotes[out->count - 1].exact = usd->exact;
		if (t->date != NULL) {
			if (latest[0] != '\0' && strcmp(latest, t->date) != 0)
				mixed = true;
			if (strcmp(t->date, latest) > 0)
				snprintf(latest, sizeof latest, "%.10s", t->date);
			size_t n = strlen(dates);
			snprintf(dates + n, sizeof dates - n, "%s%s %s", n ? ", " : "", i->abbrev, t->date);
		}
	}
	if (out->count == 0) {
		msg_set(err, OFFICIAL_ERR_MAX, _("no bank gave a USD rate"));
		rates_destroy(out);
		return -1;
	}
	if (!rates_add(out, "TMT", peg, true) || !rates_set_quote_origin(out, out->count - 1, peg_source, NULL))
		goto oom;
	out->quotes[out->count - 1].exact = true; /* a peg is exact by definition */
	if (mixed)
		msg_emit(warn, _("warning: the official table mixes dates: %s"), dates);

	/* Each bank's cross rates against the table's: 1 USD in C via the bank, and in the table. */
	for (size_t b = 0; b < OFFICIAL_BANKS; b++) {
		const rates_table *t = banks[b];
		if (t == NULL || rates_find(t, "USD") == NULL)
			continue;
		for (size_t k = 0; k < out->count; k++) {
			const char *c = out->quotes[k].code;
			if (strcmp(c, t->base) == 0 || rates_find(t, c) == NULL)
				continue;
			double via = approx(t, "USD") / approx(t, c), table = 1 / approx(out, c);
			double off = (via - table) / table * 100;
			if (off > OFFICIAL_TOLERANCE_PERCENT || off < -OFFICIAL_TOLERANCE_PERCENT)
				msg_emit(warn,
				              _("warning: %s's rates give %.4f %s per USD, %+.1f%% from the "
				              "table's %.4f (%s; tolerance %d%%)"),
				              _(banks_info[b].abbrev), via, c, off, table,
				              out->quotes[k].source ? out->quotes[k].source : "?",
				              OFFICIAL_TOLERANCE_PERCENT);
		}
	}

	char source[256];
	snprintf(source, sizeof source, "official rates: each quote from its central bank (%s)",
	         dates[0] ? dates : "undated");
	if (!rates_set_string(&out->source, source) ||
	    !rates_set_string(&out->date, latest[0] ? latest : NULL))
		goto oom;
	return 0;
oom:
	msg_set(err, OFFICIAL_ERR_MAX, _("out of memory"));
	rates_destroy(out);
	return -1;
}

/* ---- which quote answers a pair ------------------------------------------------ */

int official_bank_of(const char *code)
{
	for (int b = 0; b < OFFICIAL_BANKS; b++)
		if (strcmp(banks_info[b].currency, code) == 0)
			return b;
	return -1;
}

/* The order in which the banks are asked for a currency that is local to none of a pair. */
static const official_bank order[] = { OFFICIAL_NBK, OFFICIAL_CBU, OFFICIAL_NBKR, OFFICIAL_NBT };

/* v = a / b, exactly, when it fits (both from quotes of up to 19 digits, it does). */
static bool value_ratio(rates_value *v, const rates_value *a, const rates_value *b)
{
	dec_uint max = ~(dec_uint)0;
	if (a->num != 0 && b->den > max / a->num)
		return false;
	if (a->den != 0 && b->num > max / a->den)
		return false;
	v->num = a->num * b->den;
	v->den = a->den * b->num;
	v->exp = a->exp - b->exp;
	return v->num != 0 && v->den != 0;
}

/* code's value in USD through the first bank (NBK, CBU, NBKR, NBT) that quotes it and USD. */
static bool through_usd(rates_value *v, const rates_table *t, const char *code, const rates_table **via)
{
	if (rates_value_of(t, code, v)) {
		*via = t;
		return true;
	}
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		const rates_table *b = t->parts[order[k]];
		rates_value vc, vu;
		if (b != NULL && rates_value_of(b, code, &vc) && rates_value_of(b, "USD", &vu) &&
		    value_ratio(v, &vc, &vu)) {
			*via = b;
			return true;
		}
	}
	return false;
}

/* Both from and to in bank b's own table: a's values there. */
static bool in_bank(official_answer *a, const rates_table *t, int b, const char *from, const char *to)
{
	const rates_table *bt = b >= 0 ? t->parts[b] : NULL;
	if (bt == NULL || !rates_value_of(bt, from, &a->vf) || !rates_value_of(bt, to, &a->vt))
		return false;
	a->bank = b;
	a->tf = a->tt = bt;
	/* one quote of one in the other: the bank's currency is one side of the pair */
	a->direct = strcmp(from, bt->base) == 0 || strcmp(to, bt->base) == 0;
	return true;
}

bool official_answer_pair(official_answer *a, const rates_table *t, const char *from, const char *to,
                          int prefer)
{
	int lf = official_bank_of(from), lt = official_bank_of(to);
	bool parts = rates_has_parts(t);
	memset(a, 0, sizeof *a);
	a->bank = -1;
	if (parts && strcmp(from, to) != 0) {
		bool tmt = strcmp(from, "TMT") == 0 || strcmp(to, "TMT") == 0;
		if (prefer >= 0 && prefer < OFFICIAL_BANKS && in_bank(a, t, prefer, from, to))
			return true;
		if (lt >= 0 && in_bank(a, t, lt, from, to))
			return true; /* the target's bank: the currency the amount is booked in */
		if (lf >= 0 && lt < 0 && in_bank(a, t, lf, from, to))
			return true; /* one local currency: its bank's own quote of the other */
		if (lf < 0 && lt < 0 && !tmt)
			for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
				if (in_bank(a, t, (int)order[k], from, to))
					return true; /* neither local: one bank's cross */
	}
	/* Through USD: each currency by its own bank's USD quote (the peg for TMT). */
	memset(a, 0, sizeof *a);
	a->bank = -1;
	return through_usd(&a->vf, t, from, &a->tf) && through_usd(&a->vt, t, to, &a->tt);
}

