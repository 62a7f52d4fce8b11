/*
 * load.c - the table a command uses: -r, $SARRAF_RATES or the configuration file's,
 * loaded through tables.h with its warnings on stderr.
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

/* -r, else $SARRAF_RATES, else the configuration file's, else NULL (the embedded table). */
const char *rates_source(const cli_opts *o)
{
	const char *env = getenv("SARRAF_RATES");
	return o->rates != NULL ? o->rates : env != NULL && *env != '\0' ? env : o->config_rates;
}

/* The name of the table a command loaded, for a person: "embedded" in their language. */
const char *shown_origin(const cli_opts *o, const rates_table *t)
{
	if (t->origin == NULL)
		return "?";
	if (rates_source(o) == NULL && strcmp(t->origin, "embedded") == 0)
		return C_("table", "embedded");
	return t->origin;
}

/* The core's warnings, one line each, to stderr, the sources they name as the user reads them. */
void print_warning(void *ctx, const char *line)
{
	char shown[2048]; /* a line of the core is at most 1023 bytes; the names may grow */
	(void)ctx;
	errorf("%s", shown_line(shown, sizeof shown, line));
}

/* The core's notes (an answer of another day than asked), one line each, to stderr. */
void print_note(void *ctx, const char *line)
{
	(void)ctx;
	errorf(_("note: %s"), line);
}

void keep_line(void *ctx, const char *line)
{
	kept_lines *k = ctx;
	if (k->count < sizeof k->line / sizeof k->line[0])
		snprintf(k->line[k->count++], sizeof k->line[0], "%s", line);
}

/* The table of src (tables.h), its warnings to stderr. */
int load_from(const cli_opts *o, const char *src, rates_table *t, tables_opts *to,
                     tables_report *rep)
{
	char err[TABLES_MSG_MAX];
	to->warn = (msg_sink){ print_warning, NULL };
	to->note = (msg_sink){ print_note, NULL };
	if (tables_load(t, src, to, rep, err) != 0) {
		errorf("%s", err);
		return EXIT_TABLE;
	}
	(void)o;
	return EXIT_OK;
}

/* Load the table named by -r, else $SARRAF_RATES, else the embedded one. */
int load_rates(const cli_opts *o, rates_table *t)
{
	tables_report rep;
	tables_opts to = o->net;
	return load_from(o, rates_source(o), t, &to, &rep);
}

bool pair_of(const cli_opts *o, const rates_table *t, const char *from, const char *to, cli_pair *p)
{
	if (!official_answer_pair(&p->a, t, from, to, o->bank))
		return false;
	p->qf = rates_find(p->a.tf, from);
	p->qt = rates_find(p->a.tt, to);
	return true;
}

const char *pair_answer_text(const cli_pair *p, char *buf, size_t cap)
{
	if (p->a.bank >= 0) {
		/* the bank's abbreviation in the user's language (official.c marks them N_) */
		const char *bank = _(official_info((official_bank)p->a.bank)->abbrev);
		if (p->a.direct)
			snprintf(buf, cap, _("%s's official quote"), bank);
		else
			snprintf(buf, cap, _("a cross of two %s quotes"), bank);
		return buf;
	}
	if (p->a.tf != p->a.tt || rates_has_parts(p->a.tf)) {
		snprintf(buf, cap, "%s", _("a cross through USD, each currency by its own bank"));
		return buf;
	}
	return NULL;
}

size_t quote_published(char *buf, size_t cap, const rates_table *t, const rates_quote *q)
{
	char figure[DEC_STRING_MAX];
	dec_t f = q->quote;
	f.exp += q->nominal_digits;
	if (dec_to_string(figure, sizeof figure, &f) < 0)
		snprintf(figure, sizeof figure, "?");
	const char *date = q->date != NULL ? q->date : t->date;
	/* "per 1" and as many zeros as the nominal has */
	return (size_t)snprintf(buf, cap, "%s/%s %s per 1%.*s%s%.10s%s", q->inverse ? t->base : q->code,
	                        q->inverse ? q->code : t->base, figure, q->nominal_digits, "000000000",
	                        date ? " (" : "", date ? date : "", date ? ")" : "");
}

void pair_record(const cli_pair *p, const char **bank, const char **answer, char *quotes, size_t cap)
{
	char how[160];
	*bank = p->a.bank >= 0 ? official_info((official_bank)p->a.bank)->abbrev : NULL;
	*answer = pair_answer_text(p, how, sizeof how) == NULL ? NULL
	          : p->a.bank < 0 ? "usd" : p->a.direct ? "quote" : "cross";
	quotes[0] = '\0';
	const rates_quote *q[2] = { p->qf, p->qt };
	const rates_table *t[2] = { p->a.tf, p->a.tt };
	for (int k = 0; k < 2; k++) {
		size_t n = strlen(quotes);
		if (q[k] == NULL || n + 2 >= cap || (k == 1 && q[1] == q[0]))
			continue;
		if (n > 0)
			n += (size_t)snprintf(quotes + n, cap - n, ", ");
		quote_published(quotes + n, cap - n, t[k], q[k]);
	}
}

