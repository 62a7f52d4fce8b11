/*
 * fetch.c - sarraf fetch [SOURCE]: ask the source now and store what it says.
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

/* "codes:   6: USD KGS ...", after fetch. */
static void print_codes(const rates_table *t)
{
	printf(_("codes:   %zu: %s"), t->count + 1, t->base);
	for (size_t k = 0; k < t->count; k++)
		printf(" %s", t->quotes[k].code);
	printf("\n");
}

/*
 * sarraf fetch --since D1 [--until D2]: the archive of a dated source filled
 * day by day for later offline work. What is stored already is not asked
 * again (a day stepped back from, not yet final, is); one summary line.
 */
static int fetch_range(const cli_opts *o, const char *src)
{
	date_t until = o->has_until ? o->until : date_today();
	char a[DATE_ISO_SIZE], b[DATE_ISO_SIZE];
	if (!tables_kind_dated(tables_kind_of(src)))
		return usage_error(_("'fetch --since' needs a dated source: -r official, -r official:BANK or a URL "
		                   "template with {YYYY}, {MM} and {DD}"));
	if (date_cmp(o->since, until) > 0) {
		date_format_iso(a, o->since);
		date_format_iso(b, until);
		return usage_error(_("--since %s is after --until %s"), a, b);
	}
	day_walk w;
	tables_opts base = o->net;
	long stored = 0;
	base.offline = false; /* fetch asks the network whatever the configuration file says */
	walk_start(&w, "fetch", o->since, until);
	for (date_t d = o->since; date_cmp(d, until) <= 0; d = date_add(d, 1)) {
		rates_table t;
		rates_init(&t);
		stored += walk_load(&w, &base, src, d, &t) == 0;
		rates_destroy(&t);
	}
	walk_end(&w);
	date_format_iso(a, o->since);
	date_format_iso(b, until);
	printf(P_("%s: %s..%s: %ld day stored", "%s: %s..%s: %ld days stored", stored), src, a, b, stored);
	printf(P_(", %ld request", ", %ld requests", w.pr.requests), w.pr.requests);
	if (w.failed > 0)
		printf(P_(", %ld day failed", ", %ld days failed", w.failed), w.failed);
	printf("\n");
	return w.failed > 0 ? EXIT_TABLE : EXIT_OK;
}

/* sarraf fetch [SOURCE]: ask the source now, store what it says, and say what came. */
int cmd_fetch(const cli_opts *o, const char *src)
{
	tables_report rep;
	tables_opts to = o->net;
	kept_lines feeds = { 0 };
	rates_table t;
	if (src == NULL && (src = rates_source(o)) == NULL)
		return usage_error(_("'fetch' needs a URL (as its operand, -r URL or $SARRAF_RATES)"));
	tables_kind kind = tables_kind_of(src);
	if (kind == TABLES_FILE)
		return usage_error(_("'fetch' needs an http:// or https:// URL, not '%s'"), src);
	/* offline = true in the configuration file is a default: `fetch` asks the network all the same. */
	if (o->net.offline && o->offline_given)
		return usage_error(_("'fetch' and --offline do not go together"));
	if (o->has_since)
		return fetch_range(o, src);
	if (o->has_until)
		return usage_error(_("--until needs --since"));
	to.offline = false;
	to.force = true;
	to.info = (msg_sink){ keep_line, &feeds };
	rates_init(&t);
	int rc = load_from(o, src, &t, &to, &rep);
	/* `fetch` exists to fill the cache: when nothing could be stored, it failed. */
	if (rc == EXIT_OK && kind != TABLES_OFFICIAL && rep.cache_path[0] == '\0') {
		errorf(_("cannot fetch '%s': the table could not be stored in the cache: %s"), src,
		       rep.cache_err[0] != '\0' ? rep.cache_err : _("unknown reason"));
		rc = EXIT_TABLE;
	}
	if (rc == EXIT_OK) {
		printf(_("table:   %s\n"), src);
		if (kind == TABLES_OFFICIAL) {
			for (size_t k = 0; k < feeds.count; k++)
				printf(_("feed:    %s\n"), feeds.line[k]);
		} else {
			printf(_("status:  %s\n"), rep.not_modified ? _("not modified (HTTP 304): the cached copy is "
			                                             "current") : _("fetched"));
			printf(_("cached:  %s\n"), rep.cache_path[0] != '\0' ? rep.cache_path : _("(not cached)"));
		}
		print_table_block(stdout, &t, NULL, 0, true);
		print_codes(&t);
	}
	rates_destroy(&t);
	return rc;
}
