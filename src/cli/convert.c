/*
 * convert.c - sarraf AMOUNT FROM [to] TO...: one-shot conversions.
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

/* One conversion as a JSON, CSV or TSV record (--output). */
static void print_record(const cli_opts *o, const rates_table *t, const cli_pair *cp, const char *amount,
                         const char *from, const char *to, const char *result)
{
	conv_pair p;
	char rate[DEC_STRING_MAX];
	conv_pair_init(&p, &cp->a.vf, &cp->a.vt);
	if (conv_format_rate(rate, sizeof rate, &p, conv_significant_scale(&p, CONV_MAX_PRECISION, 0), 0,
	                     true, DEC_ROUND_HALF_EVEN) < 0)
		snprintf(rate, sizeof rate, "?");
	char unc[DEC_STRING_MAX], quotes[512];
	if (conv_uncertainty_text(unc, sizeof unc, cp->qf, cp->qt, 2) < 0)
		snprintf(unc, sizeof unc, "?");
	const char *bank, *answer;
	pair_record(cp, &bank, &answer, quotes, sizeof quotes);
	out_record rec = { NULL, 0, amount, strlen(amount), from, to, result, NULL, rate,
	                   precision_for(o, to), o->mode, t, unc, bank, answer,
	                   answer != NULL ? quotes : NULL };
	char buf[1024];
	size_t need = out_format_record(buf, sizeof buf, o->format, &rec);
	if (need < sizeof buf) {
		fputs(buf, stdout);
		return;
	}
	char *big = malloc(need + 1);
	if (big != NULL) {
		out_format_record(big, need + 1, o->format, &rec);
		fputs(big, stdout);
		free(big);
	}
}

int cmd_convert(const cli_opts *o, const rates_table *t)
{
	char **args = o->operands;
	int n = o->noperands;
	dec_t amount;
	char from[4];
	cli_pair *pairs = NULL;
	int rc;

	if ((rc = lookup(t, args[1], from)) != EXIT_OK)
		return rc;
	int first = 2;
	if (n > 2 && (strcmp(args[2], "to") == 0 || strcmp(args[2], "TO") == 0))
		first = 3;
	if (first >= n && first == 3)
		return usage_error(_("missing target currency after '%s'"), args[first - 1]);
	(void)parse_amount(args[0], &amount); /* already checked by cli_main */

	/* AMOUNT FROM alone: every other currency of the table, in the table's order. */
	bool every = first >= n;
	int ntargets = every ? (int)t->count : n - first;
	/* All or nothing: every target is computed before anything is printed. */
	dec_int *results = calloc((size_t)ntargets + 1, sizeof *results);
	char (*codes)[4] = calloc((size_t)ntargets + 1, sizeof *codes);
	bool *approx = calloc((size_t)ntargets + 1, sizeof *approx);
	pairs = calloc((size_t)ntargets + 1, sizeof *pairs);
	if (results == NULL || codes == NULL || approx == NULL || pairs == NULL) {
		free(pairs);
		free(results);
		free(codes);
		free(approx);
		errorf(_("out of memory"));
		return EXIT_DATA;
	}
	if (every) {
		ntargets = 0;
		for (size_t k = 0; k <= t->count; k++) {
			const char *c = k == 0 ? t->base : t->quotes[k - 1].code;
			if (strcmp(c, from) != 0)
				memcpy(codes[ntargets++], c, 4);
		}
	}
	bool any_approx = false;
	for (int k = 0, arg = first; k < ntargets && rc == EXIT_OK; k++, arg++) {
		if (!every && (rc = lookup(t, args[arg], codes[k])) != EXIT_OK)
			break;
		/* A target named twice (KZT and tenge) is answered once. */
		bool again = false;
		for (int j = 0; j < k && !again; j++)
			again = strcmp(codes[j], codes[k]) == 0;
		if (again) {
			k--;
			ntargets--;
			continue;
		}
		/* The quote the law names for an official pair (or the table's own): load.c's pair_of. */
		if (!pair_of(o, t, from, codes[k], &pairs[k])) {
			errorf(_("no rate of %s in %s in the table"), from, codes[k]);
			rc = EXIT_DATA;
			break;
		}
		conv_ctx ctx = { precision_for(o, codes[k]), o->mode };
		conv_pair p;
		conv_pair_init(&p, &pairs[k].a.vf, &pairs[k].a.vt);
		if (conv_apply(&results[k], &amount, &p, &ctx) != CONV_OK) {
			errorf(_("result of %s %s in %s is out of range (|result| < 10^%d)"), args[0], from,
			       codes[k], CONV_RESULT_DIGITS);
			rc = EXIT_DATA;
			break;
		}
		approx[k] = conv_uncertain(&amount, &p, pairs[k].qf, pairs[k].qt, ctx.precision);
		any_approx |= approx[k];
	}
	if (rc == EXIT_OK) {
		char a[DEC_STRING_MAX], r[DEC_STRING_MAX];
		const char *hdr = out_record_header(o->format);
		if (hdr != NULL)
			fputs(hdr, stdout);
		if (dec_to_string(a, sizeof a, &amount) < 0)
			snprintf(a, sizeof a, "%s", args[0]);
		shown_number(o, a);
		/* The human form: digits grouped, the targets' points in one column (output.h). */
		const char *sep = group_separator();
		char ga[DEC_STRING_MAX * 4], gr[DEC_STRING_MAX * 6];
		size_t iw = 0, fw = 0, ic, fc;
		for (int k = 0; k < ntargets; k++) {
			dec_format(r, sizeof r, results[k], precision_for(o, codes[k]));
			shown_number(o, r);
			out_columns(r, &ic, &fc);
			iw = ic > iw ? ic : iw;
			fw = fc > fw ? fc : fw;
		}
		for (int k = 0; k < ntargets; k++) {
			dec_format(r, sizeof r, results[k], precision_for(o, codes[k]));
			const char *eq = approx[k] ? approx_sign() : "=";
			if (o->format != OUT_TEXT) {
				print_record(o, t, &pairs[k], args[0], from, codes[k], r);
				continue;
			}
			shown_number(o, r);
			if (o->terse)
				printf("%s\n", r);
			else if (out_group(ga, sizeof ga, a, sep) >= 0 &&
			         out_align(gr, sizeof gr, r, sep, iw, fw) >= 0)
				printf("%s %s %s %s %s\n", ga, from, eq, gr, codes[k]);
			else
				printf("%s %s %s %s %s\n", a, from, eq, r, codes[k]);
		}
		if (o->format == OUT_TEXT && !o->terse) {
			for (int k = 0; k < ntargets; k++)
				zero_note(o, &pairs[k], &amount, codes[k], results[k]);
			official_note(o, pairs, from, (const char (*)[4])codes, ntargets);
			age_note(o, t, from, (const char (*)[4])codes, ntargets);
			if (any_approx)
				precision_note(o, t, from, (const char (*)[4])codes, ntargets);
		}
		if (o->explain)
			explain_all(o, t, pairs, &amount, from, (const char (*)[4])codes, ntargets, -1);
	}
	free(pairs);
	free(results);
	free(codes);
	free(approx);
	return rc;
}
