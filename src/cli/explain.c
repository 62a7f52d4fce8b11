/*
 * explain.c - --explain: the table, the quotes with their source and date,
 * the formula with the quotes as written, the exact value and its rounding.
 *
 *   table    embedded, base USD
 *   source   The Times of Central Asia currency ticker (...)
 *   date     (not given)
 *   UZS      UZS/USD 0.00008 (the table's source and date)
 *   KZT      KZT/USD 0.00192 (the table's source and date)
 *            (a table read from a file, a URL or a bank: the receipt of each body)
 *   -> KZT   1000000 * 0.00008 / 0.00192 = 41666.666666666666666666...
 *            rounded half-up to 2 digits after the point: 41666.67
 *
 * Everything here is computed with the conversion's own exact arithmetic
 * (convert.h); nothing is approximated for the sake of the explanation.
 */
#include "explain.h"

#include "cli.h"
#include "i18n.h"

#include <string.h>

#include "sarraf/decimal.h"

/* Digits after the point that the exact value is shown with. */
#define EXPLAIN_DIGITS CONV_MAX_PRECISION

/*
 * The label column of every line: 8 columns, or as wide as the table block's widest label in
 * the user's language (output.c's out_table_block puts its values after the same column).
 */
static int label_width(void)
{
	return out_table_column(2, false) - 3;
}

/* "  LABEL    " with LABEL padded to the label column, by display width. */
static void label(FILE *out, const char *text)
{
	fputs("  ", out);
	print_padded(out, text, label_width());
	putc(' ', out);
}

/*
 * A receipt, under a table (label "receipt") or a quote (label NULL): the
 * body's URL (or path) and days, then its digest, which anyone can check
 * against a copy of the body.
 *
 *   receipt  http://.../cbu/2026-04-03/ (asked 2026-04-05, published 2026-04-03, fetched ...Z)
 *            sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 */
static void explain_receipt(FILE *out, const rates_receipt *r, const char *title)
{
	const char *name[3] = { _("asked"), _("published"), _("fetched") };
	const char *value[3] = { r->asked, r->published, r->fetched };
	if (title != NULL) {
		label(out, title);
		fputs(r->url, out);
	} else {
		label(out, "");
		fprintf(out, "%s %s", _("receipt"), r->url);
	}
	for (int k = 0, n = 0; k < 3; k++)
		if (value[k][0] != '\0')
			fprintf(out, "%s%s %s", n++ ? ", " : " (", name[k], value[k]);
	if (r->asked[0] != '\0' || r->published[0] != '\0' || r->fetched[0] != '\0')
		fputs(")", out);
	fputs("\n", out);
	label(out, "");
	fprintf(out, "sha256 %s\n", r->sha256);
}

void explain_table(FILE *out, const rates_table *t, const char *name)
{
	char origin[512];
	snprintf(origin, sizeof origin, _("%s, base %s"), name, t->base);
	print_table_block(out, t, origin, 2, false);
	const rates_receipt *r = rates_receipt_of(t, NULL);
	if (r != NULL)
		explain_receipt(out, r, _("receipt"));
}

static void quote_number(char *buf, size_t cap, const rates_quote *q, bool comma)
{
	if (dec_to_string(buf, cap, &q->quote) < 0)
		snprintf(buf, cap, "?");
	else if (comma)
		out_comma_point(buf);
}

void explain_quote(FILE *out, const rates_table *t, const char *code, bool comma)
{
	const rates_quote *q = rates_find(t, code);
	label(out, code);
	if (q == NULL) {
		fprintf(out, "%s\n", _("the table's base"));
		return;
	}
	char text[DEC_STRING_MAX + 16], origin[512];
	rates_quote_text(text, sizeof text, t, q);
	if (shown_quote_origin(origin, sizeof origin, q) <= 0)
		snprintf(origin, sizeof origin, "%s", _("the table's source and date"));
	/* How far the quote may be from the true rate: exact, or half a unit of its last digit. */
	char unc[DEC_STRING_MAX];
	bool exact = out_uncertainty(unc, sizeof unc, q, NULL, utf8_terminal()) <= 0;
	if (comma) {
		out_comma_point(text);
		if (!exact)
			out_comma_point(unc);
	}
	if (exact)
		fprintf(out, "%s (%s; %s)\n", text, origin, _("exact"));
	else
		fprintf(out, "%s (%s; %s %s)\n", text, origin, _("relative uncertainty"), unc);
	/* A quote of a table built from several bodies (the official one): the receipt of its own. */
	const rates_receipt *r = rates_receipt_of(t, code);
	if (r != NULL)
		explain_receipt(out, r, NULL);
}

/*
 * amount * value(from) / value(to), each value written with its quote (the
 * ratio alone when amount is NULL):
 * value(X) is the quote of "X/BASE" and 1 / the quote of "BASE/X", so a
 * quote lands above or below the line by its direction.
 */
static void formula(FILE *out, const rates_table *t, const char *amount, const char *from,
                    const char *to, bool comma)
{
	const rates_quote *qf = rates_find(t, from), *qt = rates_find(t, to);
	const rates_quote *above[2], *below[2];
	int na = 0, nb = 0;
	if (qf != NULL) {
		if (qf->inverse)
			below[nb++] = qf;
		else
			above[na++] = qf;
	}
	if (qt != NULL) {
		if (qt->inverse)
			above[na++] = qt;
		else
			below[nb++] = qt;
	}
	char v[DEC_STRING_MAX];
	if (amount != NULL)
		fputs(amount, out);
	else if (na == 0)
		fputs("1", out);
	for (int k = 0; k < na; k++) {
		quote_number(v, sizeof v, above[k], comma);
		fprintf(out, amount == NULL && k == 0 ? "%s" : " * %s", v);
	}
	for (int k = 0; k < nb; k++) {
		quote_number(v, sizeof v, below[k], comma);
		fprintf(out, k == 0 && nb > 1 ? " / (%s" : k == 0 ? " / %s" : " * %s)", v);
	}
}

/*
 * amount * value(from) / value(to) at `scale` digits rounded toward zero and
 * away from it: the two agree exactly when the value ends within those digits.
 */
static bool bounds(dec_int *lo, dec_int *hi, const dec_t *amount, const rates_value *from,
                   const rates_value *to, int scale)
{
	conv_ctx down = { scale, DEC_ROUND_DOWN }, up = { scale, DEC_ROUND_UP };
	return conv_convert(lo, amount, from, to, &down) == CONV_OK &&
	       conv_convert(hi, amount, from, to, &up) == CONV_OK;
}

/* The digits of x (a coefficient of 10^-scale) without the zeros that end its fraction. */
static void trimmed(char *buf, size_t cap, dec_int x, int scale)
{
	dec_format(buf, cap, x, scale);
	if (strchr(buf, '.') == NULL)
		return;
	size_t n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
}

void explain_conversion(FILE *out, const rates_table *t, const dec_t *amount, const char *from,
                        const char *to, const conv_ctx *ctx, bool comma)
{
	static const dec_t one = { 1, 0 };
	const dec_t *a = amount != NULL ? amount : &one;
	char as[DEC_STRING_MAX], arrow[16];
	if (dec_to_string(as, sizeof as, a) < 0)
		snprintf(as, sizeof as, "?");
	else if (comma)
		out_comma_point(as);
	snprintf(arrow, sizeof arrow, "-> %s", to);

	rates_value vf, vt;
	if (!rates_value_of(t, from, &vf) || !rates_value_of(t, to, &vt))
		return;
	label(out, arrow);
	if (amount == NULL)
		fprintf(out, "1 %s = ", from);
	formula(out, t, amount != NULL ? as : NULL, from, to, comma);

	/* The exact value, to EXPLAIN_DIGITS decimals and "..." when it goes on. */
	dec_int lo, hi;
	char v[DEC_STRING_MAX];
	if (!bounds(&lo, &hi, a, &vf, &vt, EXPLAIN_DIGITS)) {
		fprintf(out, " %s\n", _("(too long to show to 18 decimals)"));
		return;
	}
	bool exact = lo == hi;
	if (exact)
		trimmed(v, sizeof v, lo, EXPLAIN_DIGITS);
	else
		dec_format(v, sizeof v, lo, EXPLAIN_DIGITS);
	if (comma)
		out_comma_point(v);
	fprintf(out, " = %s%s%s%s\n", v, exact ? "" : "...", amount == NULL ? " " : "",
	        amount == NULL ? to : "");

	/* The rounding: none when the exact value has no more digits than the answer shows. */
	dec_int rd, ru, r;
	if (!bounds(&rd, &ru, a, &vf, &vt, ctx->precision) || conv_convert(&r, a, &vf, &vt, ctx) != CONV_OK)
		return;
	dec_format(v, sizeof v, r, ctx->precision);
	if (comma)
		out_comma_point(v);
	if (rd == ru && amount == NULL)
		return; /* an exact rate: the line above says it all */
	label(out, "");
	if (rd == ru)
		fprintf(out, P_("exact at %d digit after the point: %s\n",
		                "exact at %d digits after the point: %s\n", ctx->precision),
		        ctx->precision, v);
	else
		fprintf(out, P_("rounded %s to %d digit after the point: %s\n",
		                "rounded %s to %d digits after the point: %s\n", ctx->precision),
		        dec_round_name(ctx->mode), ctx->precision, v);
}

/*
 * --explain, after the answers to `nto` targets (of a `rate` shown with
 * rate_scale digits, or of a conversion when that is -1): to stdout under
 * the human answer; to stderr when stdout is for scripts (--terse,
 * --output), so that it keeps the bare answer. pairs[k] is how target k was
 * answered (load.c's pair_of): an official pair is explained in the table of
 * the bank that answered it, with a line saying which quote that is.
 */
void explain_all(const cli_opts *o, const rates_table *t, const cli_pair *pairs, const dec_t *amount,
                 const char *from, const char (*to)[4], int nto, int rate_scale)
{
	FILE *out = o->terse || o->format != OUT_TEXT ? stderr : stdout;
	explain_table(out, t, shown_origin(o, t));
	bool official = false;
	for (int k = 0; k < nto; k++)
		official |= pairs[k].a.tf != t || pairs[k].a.tt != t;
	if (!official) {
		/* a table whose pairs all go through its base: each quote once, then each conversion */
		explain_quote(out, t, from, o->decimal_comma);
		for (int k = 0; k < nto; k++) {
			bool seen = strcmp(to[k], from) == 0;
			for (int j = 0; j < k && !seen; j++)
				seen = strcmp(to[j], to[k]) == 0;
			if (!seen)
				explain_quote(out, t, to[k], o->decimal_comma);
		}
		for (int k = 0; k < nto; k++) {
			conv_ctx ctx = { rate_scale >= 0 ? rate_scale : precision_for(o, to[k]), o->mode };
			explain_conversion(out, t, amount, from, to[k], &ctx, o->decimal_comma);
		}
		return;
	}
	const rates_table *shown = NULL;
	for (int k = 0; k < nto; k++) {
		const cli_pair *p = &pairs[k];
		char how[160];
		if (pair_answer_text(p, how, sizeof how) != NULL)
		{
			label(out, to[k]);
			fprintf(out, "%s\n", how);
		}
		if (p->a.tf == p->a.tt && p->a.tf != t && p->a.tf != shown) {
			explain_table(out, p->a.tf, p->a.tf->origin ? p->a.tf->origin : "?"); /* the bank's own */
			shown = p->a.tf;
		}
		explain_quote(out, p->a.tf, from, o->decimal_comma);
		if (strcmp(to[k], from) != 0)
			explain_quote(out, p->a.tt, to[k], o->decimal_comma);
		conv_ctx ctx = { rate_scale >= 0 ? rate_scale : precision_for(o, to[k]), o->mode };
		if (p->a.tf == p->a.tt)
			explain_conversion(out, p->a.tf, amount, from, to[k], &ctx, o->decimal_comma);
	}
}
