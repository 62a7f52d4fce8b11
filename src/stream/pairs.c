/*
 * pairs.c - the stream's pair cache: the pairs from one currency of one
 * table to every target, made when first needed and kept in a hash of
 * (table, source currency), so that a line pays for a lookup, not for
 * preparing its pairs. The records' rate and uncertainty texts are made
 * the first time a record needs them.
 */
#include "stream_int.h"

#include "sarraf/official.h"

#include <stdlib.h>
#include <string.h>

/* Pairs kept for this many (table, source currency) keys: per-line currencies, and with
   --date-field each day's table. Full, the cache starts again empty. */
#define PAIR_KEYS 512
#define PAIR_SLOTS (2 * PAIR_KEYS) /* open addressing, at most half full */

pair_set *pairs_new(void)
{
	return calloc(PAIR_SLOTS, sizeof(pair_set));
}

void pairs_free(pair_set *cache, int nto)
{
	if (cache == NULL)
		return;
	for (int c = 0; c < PAIR_SLOTS; c++) {
		for (int t = 0; cache[c].to != NULL && t < nto; t++)
			out_json_template_destroy(&cache[c].to[t].json);
		free(cache[c].to);
	}
	free(cache);
}

pair_set *pairs_slot(run_state *st, const char code[4])
{
	uint64_t k = (uint64_t)(uintptr_t)st->table ^ ((uint64_t)(unsigned char)code[0] << 40 |
	                                               (uint64_t)(unsigned char)code[1] << 48 |
	                                               (uint64_t)(unsigned char)code[2] << 56);
	size_t h = (size_t)((k * 0x9E3779B97F4A7C15u) >> 40) % PAIR_SLOTS;
	for (;; h = (h + 1) % PAIR_SLOTS) {
		pair_set *ps = &st->cache[h];
		if (ps->table == NULL || (ps->table == st->table && memcmp(ps->code, code, 4) == 0))
			return ps;
	}
}

pair_set *pairs_for(run_state *st, const char code[4])
{
	pair_set *ps = pairs_slot(st, code);
	if (ps->table != NULL)
		return ps;
	/* a currency of the table, or of one of its banks (the official table: rates.h's parts) */
	if (!rates_knows(st->table, code))
		return NULL;
	if (st->nkeys == PAIR_KEYS) {
		/* Full (a long dated stream): start again, keeping what was allocated. */
		for (int i = 0; i < PAIR_SLOTS; i++) {
			st->cache[i].table = NULL;
			for (int t = 0; st->cache[i].to != NULL && t < st->o->nto; t++) {
				out_json_template_destroy(&st->cache[i].to[t].json);
				st->cache[i].to[t].json_file = NULL;
			}
		}
		st->nkeys = 0;
		st->pairs_gen++;
		ps = pairs_slot(st, code);
	}
	if (ps->to == NULL && (ps->to = calloc((size_t)st->o->nto, sizeof *ps->to)) == NULL)
		return NULL;
	memcpy(ps->code, code, 4);
	ps->table = st->table;
	st->nkeys++;
	for (int t = 0; t < st->o->nto; t++) {
		pair_target *pt = &ps->to[t];
		/*
		 * The quote that answers the pair: in an official table the one the law names, else
		 * the table's own (official.h); the target is checked by the CLI, or stream_day_table().
		 */
		official_answer a;
		if (!official_answer_pair(&a, st->table, code, st->o->to[t], st->o->bank)) {
			ps->table = NULL;
			st->nkeys--;
			return NULL;
		}
		conv_pair_init(&pt->pair, &a.vf, &a.vt);
		pt->qf = rates_find(a.tf, code);
		pt->qt = rates_find(a.tt, st->o->to[t]);
		pt->rate[0] = '\0';
		pt->unc[0] = '\0';
		out_json_template_destroy(&pt->json);
		pt->json_file = NULL;
		pt->lanes_made = 0;
	}
	return ps;
}

const char *pairs_uncertainty_text(const run_state *st, pair_set *ps, int t)
{
	(void)st;
	pair_target *pt = &ps->to[t];
	if (pt->unc[0] == '\0' &&
	    conv_uncertainty_text(pt->unc, sizeof pt->unc, pt->qf, pt->qt, 2) < 0)
		strcpy(pt->unc, "?");
	return pt->unc;
}

const char *pairs_rate_text(pair_set *ps, int t)
{
	pair_target *pt = &ps->to[t];
	if (pt->rate[0] == '\0') {
		int scale = conv_significant_scale(&pt->pair, CONV_MAX_PRECISION, 0);
		if (conv_format_rate(pt->rate, sizeof pt->rate, &pt->pair, scale, 0, true, DEC_ROUND_HALF_EVEN) < 0)
			strcpy(pt->rate, "?");
	}
	return pt->rate;
}
