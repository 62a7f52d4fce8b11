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
