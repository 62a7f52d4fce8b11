/*
 * history.c - sarraf history FROM TO --since D [--until D]: the rate of each day the
 * source published.
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

/* The most days one `history` covers. */
#define HISTORY_MAX_DAYS 366

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
	date_t today = date_today(), until = o->has_until ? o->until : today;
	char iso[DATE_ISO_SIZE], a[DATE_ISO_SIZE], from[4] = "", to[4] = "";
	int rc = EXIT_OK, failed = 0;
	if (!o->has_since)
		return usage_error(_("'history' needs --since DATE"));
	if (date_cmp(until, today) > 0) {
		date_format_iso(a, until);
		date_format_iso(iso, today);
		return usage_error(_("date %s is in the future (today is %s)"), a, iso);
	}
	if (date_cmp(o->since, until) > 0) {
		date_format_iso(a, o->since);
		date_format_iso(iso, until);
		return usage_error(_("--since %s is after --until %s"), a, iso);
	}
	if (date_to_days(until) - date_to_days(o->since) >= HISTORY_MAX_DAYS)
		return usage_error(_("'history' covers at most %d days at a time"), HISTORY_MAX_DAYS);
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
	const char *hdr = o->format == OUT_CSV ? "date,from,to,rate\n" : o->format == OUT_TSV ?
	                  "date\tfrom\tto\trate\n" : NULL;
	if (hdr != NULL)
		fputs(hdr, stdout);
	date_t last = { 0, 0, 0 };
	for (date_t d = o->since; date_cmp(d, until) <= 0; d = date_add(d, 1)) {
		tables_opts topt = o->net;
		tables_report rep;
		rates_table t;
		rates_value vf, vt;
		topt.dated = true;
		topt.date = d;
		topt.quiet_earlier = true;
		rates_init(&t);
		if (load_from(o, src, &t, &topt, &rep) != EXIT_OK) {
			failed++;
			rates_destroy(&t);
			continue;
		}
		date_t df, dt, pub = d;
		bool hf = quote_day(&t, from, &df), ht = quote_day(&t, to, &dt);
		if (hf)
			pub = df;
		if (ht && (!hf || date_cmp(dt, df) > 0))
			pub = dt;
		char r[DEC_STRING_MAX];
		int scale;
		if (!rates_value_of(&t, from, &vf) || !rates_value_of(&t, to, &vt)) {
			date_format_iso(iso, d);
			errorf(_("unknown currency '%s' in the table of %s"), rates_value_of(&t, from, &vf) ? to : from,
			       iso);
			rates_destroy(&t);
			return EXIT_DATA;
		}
		if (date_cmp(pub, o->since) < 0 || date_cmp(pub, until) > 0 ||
		    (last.year != 0 && date_cmp(pub, last) <= 0)) {
			rates_destroy(&t);
			continue; /* a day stepped back to, already shown or before the range */
		}
		last = pub;
		date_format_iso(iso, pub);
		if (!format_rate(o, &vf, &vt, to, r, &scale)) {
			errorf(_("rate of %s in %s on %s is out of range"), from, to, iso);
			rc = EXIT_DATA;
		} else if (o->format == OUT_LEDGER) {
			printf("P %s %s %s %s\n", iso, from, r, to);
		} else if (o->format == OUT_BEANCOUNT) {
			printf("%s price %s %s %s\n", iso, from, r, to);
		} else if (o->format == OUT_CSV || o->format == OUT_TSV) {
			char sep = o->format == OUT_CSV ? ',' : '\t';
			printf("%s%c%s%c%s%c%s\n", iso, sep, from, sep, to, sep, r);
		} else if (o->format == OUT_JSON) {
			char rec[1024];
			out_format_price(rec, sizeof rec, iso, from, to, r, &t);
			fputs(rec, stdout);
		} else if (o->terse) {
			printf("%s %s\n", iso, r);
		} else {
			printf("%s  1 %s = %s %s\n", iso, from, r, to);
		}
		rates_destroy(&t);
	}
	return failed > 0 ? EXIT_TABLE : rc;
}
