/*
 * official_source.h - the official table (official.h) through the cache:
 * the CLI layer's policy for `-r official`, `--official=BANK` and
 * `sarraf fetch --official`. Prints nothing; warnings come back as lines
 * without the "sarraf: " prefix.
 *
 * Two kinds of cache entries (cache.h), under keys that are not URLs:
 *   "official:nbk:URL"        a bank's raw feed, as last fetched and parsed
 *   "official:usd:URLS..."    the table built from them, in the native JSON
 *                             form, so that a conversion never parses XML
 * A built table younger than --max-age is used as it is; an older one is
 * rebuilt from fresh feeds. A bank that cannot be fetched is taken from its
 * own cached feed, with a warning naming the bank and the copy's age.
 */
#ifndef SARRAF_OFFICIAL_SOURCE_H
#define SARRAF_OFFICIAL_SOURCE_H

#include <stdbool.h>

#include "sarraf/official.h"
#include "source.h"

typedef struct {
	official_notes warnings; /* "warning: ..." lines */
	official_notes feeds;    /* one line per feed: what was used (for `fetch`) */
	bool rebuilt;            /* the table was built from the feeds just now */
} official_report;

/*
 * which is "official" (the USD table) or "official:nbk" ... "official:cbu"
 * (one bank's own table). true when s names one of them.
 */
bool official_source_is(const char *s);

/*
 * The table named by which into t (initialised). force rebuilds it from the
 * feeds whatever the age of the cached one (`fetch`). Returns 0, or -1 with
 * err set (exit 3).
 */
int official_source_load(rates_table *t, const char *which, const source_opts *o, bool force,
                         official_report *rep, char err[SOURCE_MSG_MAX]);

#endif
