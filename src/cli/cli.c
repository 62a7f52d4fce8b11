/*
 * cli.c - the command line's dispatch: options, then the command the operands
 * name (convert, rate, list, history, fetch, or a stream).
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
#include "sarraf/fetch.h"
#include "env.h"

static bool stream_mode(const cli_opts *o)
{
	return o->from != NULL || o->nto > 0;
}

static int run(cli_opts *o)
{
	char **args = o->operands;
	int n = o->noperands;
	enum { CONVERT, LIST, RATE, STREAM, HISTORY, FETCH } cmd = CONVERT;
	words_operand_t wo; /* the amount operands as typed, once rewritten */

	if (stream_mode(o)) {
		if (o->nto == 0)
			return usage_error(_("--from needs at least one --to"));
		if (o->from != NULL && o->from_field != 0)
			return usage_error(_("--from and --from-field do not go together"));
		if (o->from == NULL && o->from_field == 0 && o->nfields != 0)
			return usage_error(_("--field needs --from or --from-field"));
		if (o->terse)
			return usage_error(_("--terse is for one-shot conversions (streams print numbers only)"));
		if (o->explain)
			return usage_error(_("--explain is for one-shot conversions and 'rate' (streams: --output json "
			                   "names the table)"));
		cmd = STREAM;
		if (o->date_field != 0 && o->net.dated)
			return usage_error(_("--date and --date-field do not go together"));
		if (o->date_field != 0 && o->from == NULL && o->from_field == 0)
			return usage_error(_("--date-field needs --from or --from-field"));
	} else if (o->nfields || o->from_field || o->delim || o->header || o->append || o->zero ||
	           o->invalid != INVALID_ABORT || o->date_field || o->grouped) {
		return usage_error(_("stream options need --to (and --from, or lines that name their currency)"));
	} else if (n == 0)
		return usage_error(_("missing operand: AMOUNT FROM TO, 'list' or 'rate FROM TO'"));
	if (cmd == STREAM) {
		/* the operands are files */
	} else if (o->explain && (strcmp(args[0], "fetch") == 0 || strcmp(args[0], "list") == 0)) {
		return usage_error(_("--explain is for one-shot conversions and 'rate', not '%s'"), args[0]);
	} else if (strcmp(args[0], "fetch") == 0) {
		if (n > 2)
			return usage_error(_("'fetch' takes at most one URL, got '%s'"), args[2]);
		cmd = FETCH;
	} else if (strcmp(args[0], "list") == 0) {
		if (n != 1)
			return usage_error(_("'list' takes no operands, got '%s'"), args[1]);
		cmd = LIST;
	} else if (strcmp(args[0], "rate") == 0) {
		if (n != 3)
			return usage_error(_("'rate' takes two currencies: rate FROM TO"));
		cmd = RATE;
	} else if (strcmp(args[0], "history") == 0) {
		if (n != 3)
			return usage_error(_("'history' takes two currencies: history FROM TO --since DATE"));
		if (o->net.dated)
			return usage_error(_("'history' takes --since and --until, not --date"));
		if (o->explain)
			return usage_error(_("--explain is for one-shot conversions and 'rate', not 'history'"));
		cmd = HISTORY;
	} else {
		dec_t amount;
		int wrc = human_operands(o, &wo);
		if (wrc != EXIT_OK)
			return wrc;
		args = o->operands, n = o->noperands;
		if (n < 2)
			return usage_error(_("missing currencies after '%s': AMOUNT FROM TO"), args[n - 1]);
		int rc = parse_amount(args[0], &amount);
		if (rc != EXIT_OK)
			return rc;
	}

	const char *src = cmd == FETCH && n == 2 ? args[1] : rates_source(o);
	if (src != NULL && strncmp(src, "official:", 9) == 0 && !tables_is_official(src))
		return usage_error(_("unknown bank '%s' in '%s' (nbk, nbkr, nbt, cbu)"), src + 9, src);
	if (cmd != HISTORY && cmd != FETCH && (o->has_since || o->has_until))
		return usage_error(_("--since and --until are for 'history' and 'fetch'"));
	if (cmd != HISTORY && (o->format == OUT_LEDGER || o->format == OUT_BEANCOUNT))
		return usage_error(_("--output %s is for 'history'"), o->format == OUT_LEDGER ? "ledger"
		                                                                          : "beancount");
	if (cmd != FETCH && (o->net.dated || o->date_field != 0 || cmd == HISTORY)) {
		const char *what = cmd == HISTORY ? "'history'" : o->date_field ? "--date-field" : "--date";
		if (!tables_kind_dated(tables_kind_of(src)) && src == NULL)
			return usage_error(_("%s needs a dated source: -r official, -r official:BANK or a URL "
			                   "template with {YYYY}, {MM} and {DD} (the embedded table has no dates)"),
			                   what);
		if (!tables_kind_dated(tables_kind_of(src)))
			return usage_error(_("%s needs a dated source: -r official, -r official:BANK or a URL "
			                   "template with {YYYY}, {MM} and {DD} (the table of '%s' has no dates)"),
			                   what, src);
	}
	/* Tomorrow is asked for: the banks publish the next day's rates the afternoon before. */
	const date_t *asked[] = { o->net.dated ? &o->net.date : NULL, o->has_since ? &o->since : NULL,
		                      o->has_until ? &o->until : NULL };
	for (size_t k = 0; k < sizeof asked / sizeof asked[0]; k++)
		if (asked[k] != NULL && date_cmp(*asked[k], date_add(date_today(), 1)) > 0) {
			char d[DATE_ISO_SIZE], today[DATE_ISO_SIZE];
			date_format_iso(d, *asked[k]);
			date_format_iso(today, date_today());
			return usage_error(_("date %s is in the future (today is %s; rates are published at most a "
			                   "day ahead)"), d, today);
		}
	if (cmd == HISTORY)
		return cmd_history(o);
	if (cmd == FETCH)
		return cmd_fetch(o, n == 2 ? args[1] : NULL);

	rates_table t;
	rates_init(&t);
	/* A dated stream loads each line's day as it comes (cmd_stream), not today's table. */
	int rc = cmd == STREAM && o->date_field != 0 ? EXIT_OK : load_rates(o, &t);
	if (rc == EXIT_OK) {
		switch (cmd) {
		case CONVERT:
			rc = cmd_convert(o, &t);
			break;
		case LIST:
			rc = cmd_list(o, &t);
			break;
		case RATE:
			rc = cmd_rate(o, &t);
			break;
		case STREAM:
			rc = cmd_stream(o, &t);
			break;
		case HISTORY:
		case FETCH:
			break;
		}
	}
	rates_destroy(&t);
	return rc;
}

int cli_main(int argc, char **argv)
{
	cli_opts o = { .precision = -1, .mode = DEC_ROUND_HALF_UP, .bank = -1 };
	o.net = (tables_opts){ .max_age = TABLES_DEFAULT_MAX_AGE, .timeout_ms = FETCH_DEFAULT_TIMEOUT_MS,
		                   .user_agent = "sarraf/" SARRAF_VERSION };
	cli_env env;
	cli_env_read(&env, &o.net);
	int rc = read_config(&o);
	if (rc == EXIT_OK)
		rc = parse_args(&o, argc, argv);
	if (rc == -1)
		rc = EXIT_OK; /* --help or --version */
	else if (rc == EXIT_OK)
		rc = run(&o);
	free(o.operands);
	free(o.config_rates);
	cli_env_free(&env);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		errorf(_("write error: %s"), strerror(errno));
		if (rc == EXIT_OK)
			rc = EXIT_DATA;
	}
	return rc;
}
