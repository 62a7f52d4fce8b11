/*
 * history.c - sarraf history FROM TO --since D [--until D]: the rate of each day the
 * source published, of a range of any length.
 *
 * It keeps going: a day whose table lacks a currency is named and skipped
 * (exit 1 at the end); a day that cannot be had is named (exit 3 at the end),
 * and a host that cannot be reached is named once and not asked again in the
 * run (the core's context remembers it), its days given at the end as ranges.
 * On a terminal a progress line on stderr is redrawn in place and cleared at
 * the end. Each day's table is stored as it comes (tables.h), so an interrupted
 * run loses nothing and the next one asks only for what is missing.
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

/* The day a quote was published: its own date (the official table), else the table's. */
static bool quote_day(const rates_table *t, const char *code, date_t *d)
{
	const rates_quote *q = rates_find(t, code);
	if (q != NULL && q->date != NULL && date_parse_iso_time(d, q->date))
		return true;
	if (q == NULL && strcmp(code, t->base) != 0)
		return false;
	return t->date != NULL && date_parse_iso_time(d, t->date);
}

/*
 * The official table for a pair: a bank's own table when the pair is USD
 * and that bank's currency (one feed to ask a day, its quote as published),
 * else the USD table of every bank.
 */
static const char *history_source(const char *src, const char *a, const char *b)
{
	static const char *const own[][2] = { { "KZT", "official:nbk" }, { "KGS", "official:nbkr" },
		                                  { "TJS", "official:nbt" }, { "UZS", "official:cbu" } };
	if (strcmp(src, "official") != 0 || (strcmp(a, "USD") != 0 && strcmp(b, "USD") != 0))
		return src;
	const char *other = strcmp(a, "USD") == 0 ? b : a;
	for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
		if (strcmp(other, own[k][0]) == 0)
			return own[k][1];
	return src;
}

/* sarraf history FROM TO --since D [--until D]: one line per day the source published. */
int cmd_history(const cli_opts *o)
{
	const char *src = rates_source(o);
	date_t until = o->has_until ? o->until : date_today();
	char iso[DATE_ISO_SIZE], a[DATE_ISO_SIZE], from[4] = "", to[4] = "";
	int rc = EXIT_OK;
	if (!o->has_since)
		return usage_error(_("'history' needs --since DATE"));
	if (date_cmp(o->since, until) > 0) {
		date_format_iso(a, o->since);
		date_format_iso(iso, until);
		return usage_error(_("--since %s is after --until %s"), a, iso);
	}
	/* The currencies as codes, without a table yet: resolved again against each day's. */
	words_currency_t w;
	for (int k = 1; k <= 2; k++) {
		const char *arg = o->operands[k];
		words_status ws = words_currency(&w, arg, strlen(arg), NULL);
		if (ws != WORDS_OK) {
			errorf(_("invalid currency code '%s' (a code such as KZT, a symbol or a name such as tenge)"),
			       arg);
			return EXIT_DATA;
		}
		memcpy(k == 1 ? from : to, w.code, 4);
	}
	src = history_source(src, from, to);
	const char *hdr = out_price_header(o->format);
	if (hdr != NULL)
		fputs(hdr, stdout);
	day_walk walk;
	walk_start(&walk, "history", o->since, until);
	bool skipped = false;
	date_t last = { 0, 0, 0 };
	for (date_t d = o->since; date_cmp(d, until) <= 0; d = date_add(d, 1)) {
		rates_table t;
		rates_value vf, vt;
		rates_init(&t);
		date_format_iso(iso, d);
		if (walk_load(&walk, &o->net, src, d, &t) != 0) {
			rates_destroy(&t);
			continue;
		}
		date_t df, dt, pub = d;
		bool hf = quote_day(&t, from, &df), ht = quote_day(&t, to, &dt);
		if (hf)
			pub = df;
		if (ht && (!hf || date_cmp(dt, df) > 0))
			pub = dt;
		if (!rates_value_of(&t, from, &vf) || !rates_value_of(&t, to, &vt)) {
			walk_clear(&walk);
			errorf(_("%s: no %s in the table of that day; the day is skipped"), iso,
			       rates_value_of(&t, from, &vf) ? to : from);
			skipped = true;
			rates_destroy(&t);
			continue;
		}
		if (date_cmp(pub, o->since) < 0 || date_cmp(pub, until) > 0 ||
		    (last.year != 0 && date_cmp(pub, last) <= 0)) {
			rates_destroy(&t);
			continue; /* a day stepped back to, already shown or before the range */
		}
		last = pub;
		date_format_iso(iso, pub);
		char r[DEC_STRING_MAX];
		int scale;
		if (!format_rate(o, &vf, &vt, to, r, &scale)) {
			walk_clear(&walk);
			errorf(_("rate of %s in %s on %s is out of range"), from, to, iso);
			rc = EXIT_DATA;
		} else if (rate_is_zero(r)) {
			/* A price of 0 would load into a ledger without a word: never written. */
			cli_opts more = *o;
			char shown[DEC_STRING_MAX];
			int p = scale, s2;
			do
				more.precision = ++p;
			while (p < CONV_MAX_PRECISION && format_rate(&more, &vf, &vt, to, shown, &s2) && rate_is_zero(shown));
			walk_clear(&walk);
			errorf(_("rate of %s in %s on %s rounds to 0 at -p %d (-p %d shows it); the day is skipped"),
			       from, to, iso, scale, p);
			rc = EXIT_DATA;
		} else {
			char rec[1024];
			/* --decimal-comma: the text form's price with a comma; ledger, beancount and the
			   records keep the point their readers need. */
			if (o->format == OUT_TEXT)
				shown_number(o, r);
			if (o->format == OUT_TEXT && o->terse)
				printf("%s %s\n", iso, r);
			else if (out_format_price(rec, sizeof rec, o->format, iso, from, to, r, &t) < sizeof rec)
				fputs(rec, stdout);
		}
		rates_destroy(&t);
	}
	walk_end(&walk);
	return walk.failed > 0 ? EXIT_TABLE : skipped ? EXIT_DATA : rc;
}
