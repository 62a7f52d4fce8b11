/*
 * operands.c - the operands as typed: an amount ("100kzt", "1 000 000", "₸1500") and
 * currencies (codes, symbols, names) resolved against a table.
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

/*
 * A currency operand -> its upper-case code, known to t (or to one of its banks), or an error
 * line. Its value is the pair's business (load.c's pair_of).
 */
int lookup(const rates_table *t, const char *arg, char code[4])
{
	words_currency_t w; /* a code, a symbol or a name: words.c */
	switch (words_currency(&w, arg, strlen(arg), t)) {
	case WORDS_OK:
		memcpy(code, w.code, 4);
		if (t == NULL)
			return EXIT_OK; /* no table yet: a well-formed code or word is enough */
		/* an official table also knows what its banks' own tables quote (rates.h: parts) */
		if (rates_knows(t, code))
			return EXIT_OK;
		/* fall through */
	case WORDS_UNKNOWN:
		if (currency_normalize(code, arg) && strcmp(code, w.code) == 0)
			errorf(_("unknown currency '%s' (not in the rate table; 'sarraf list' shows it)"), arg);
		else
			errorf(_("unknown currency '%s' (%s is not in the rate table; 'sarraf list' shows it)"),
			       arg, w.code);
		return EXIT_DATA;
	case WORDS_AMBIGUOUS:
		if (w.ncandidates > 2)
			errorf(_("ambiguous currency '%s': %s, %s or %s (write the code)"), arg,
			       w.candidates[0], w.candidates[1], w.candidates[2]);
		else
			errorf(_("ambiguous currency '%s': %s or %s (write the code)"), arg, w.candidates[0],
			       w.candidates[1]);
		return EXIT_DATA;
	case WORDS_SYNTAX:
		break;
	}
	errorf(_("invalid currency code '%s' (a code such as KZT, a symbol or a name such as tenge)"), arg);
	return EXIT_DATA;
}

int parse_amount(const char *arg, dec_t *amount)
{
	switch (dec_parse_cstr(amount, arg)) {
	case DEC_OK:
		return EXIT_OK;
	case DEC_RANGE:
		errorf(_("amount '%s' is out of range"), arg);
		return EXIT_DATA;
	case DEC_SYNTAX:
		break;
	}
	errorf(_("invalid amount '%s'"), arg);
	return EXIT_DATA;
}

/*
 * The amount as people type it ("100kzt", "1 000 000" unquoted, "₸1500") ->
 * the operands rewritten as AMOUNT FROM [to] TO..., AMOUNT in strict form.
 * The strings live in *w. operands has room for one more (argc + 1 slots).
 */
int human_operands(cli_opts *o, words_operand_t *w)
{
	switch (words_operands(w, o->operands, o->noperands, o->decimal_comma ? WORDS_COMMA_DECIMAL : WORDS_COMMA_AUTO)) {
	case WORDS_OK:
		break;
	case WORDS_AMBIGUOUS: {
		/* The two readings: the comma a group separator (dropped, or the space of the other
		   groups: "1 000 000"), or a decimal point. */
		char dropped[WORDS_INPUT_MAX + 1], point[WORDS_INPUT_MAX + 1];
		size_t d = 0, k, comma = strcspn(w->text, ",");
		bool spaced = memchr(w->text, ' ', comma) != NULL;
		for (k = 0; w->text[k]; k++) {
			if (w->text[k] != ',')
				dropped[d++] = w->text[k];
			else if (spaced)
				dropped[d++] = ' ';
			point[k] = w->text[k] == ',' ? '.' : w->text[k];
		}
		dropped[d] = point[k] = '\0';
		errorf(_("ambiguous amount '%s': a thousands comma or a decimal comma? (write %s or %s)"),
		       w->text, dropped, point);
		return EXIT_DATA;
	}
	case WORDS_SYNTAX:
	case WORDS_UNKNOWN:
		if (o->decimal_comma && strchr(w->text, '.') != NULL)
			errorf(_("invalid amount '%s' (--decimal-comma reads a comma as the decimal point, and a "
			       "point is not one)"), w->text);
		else
			errorf(_("invalid amount '%s'"), w->text);
		return EXIT_DATA;
	}
	int glued = w->currency[0] != '\0', rest = o->noperands - w->used;
	memmove(o->operands + 1 + glued, o->operands + w->used, (size_t)rest * sizeof *o->operands);
	o->operands[0] = w->amount;
	if (glued)
		o->operands[1] = w->currency;
	o->noperands = 1 + glued + rest;
	o->operands[o->noperands] = NULL;
	return EXIT_OK;
}
