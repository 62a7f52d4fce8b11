/*
 * feed.h - the rate feeds that sarraf reads, one registry for all of them.
 *
 * Each feed lives in one file under src/feeds/ with its shape test, its
 * parser, its default URL and how that URL asks for a day; the registry
 * (src/feeds/registry.c) lists them, so adding a feed is one new file and
 * one line. load_table() recognises a feed's body by its shape alone
 * through this registry; the official table (official.h, tables.h) fetches
 * the banks' feeds by their entries.
 *
 * A parser accepts a body whole or refuses it whole (the table is left
 * empty) with one line naming the entry at fault; dates go through date.h.
 */
#ifndef SARRAF_FEED_H
#define SARRAF_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "sarraf/context.h"
#include "sarraf/date.h"
#include "sarraf/rates.h"

#define FEED_ERR_MAX 256

typedef struct {
	const char *id;    /* "nbk", "nbkr", "nbkr-weekly", "nbt", "cbu", "erapi", ... */
	const char *label; /* in messages: "NBK", "NBKR weekly" */
	const char *kind;  /* what `list` calls a table of this shape */
	const char *env;   /* the variable of the command line that overrides url, or NULL */
	const char *url;   /* the default URL, a template ({YYYY} {MM} {DD}) when it takes a
	                      day; NULL for a feed that is only recognised, never fetched */
	const char *dated_url; /* the URL of a past day when url has none (the CBU's archive), or NULL */
	int bank;          /* the official_bank that publishes it, or -1 */
} feed_info;

size_t feed_count(void);
const feed_info *feed_at(size_t i);

/* The entry of that id, or NULL. */
const feed_info *feed_by_id(const char *id);

/*
 * The URL that asks f for day d (NULL: today): the override of s for f's
 * id when there is one and it is not empty (s may be NULL), else
 * f->dated_url for a day when there is one, else f->url, with {YYYY} {MM}
 * {DD} filled in (today's parts without d). *overridden tells whether the
 * override was used. Returns 0, or -1 when there is no URL or it does not
 * fit in cap.
 */
int feed_url(char *out, size_t cap, const feed_info *f, const sarraf_settings *s, const date_t *d,
             bool *overridden);

/*
 * body[0..len) read as f's shape into t (initialised with rates_init),
 * origin copied into t->origin (may be NULL). libxml2: the library for a
 * bank's XML (sarraf_settings.libxml2; NULL: OFFICIAL_LIBXML2). Returns 0,
 * or -1 with err set and t empty.
 */
int feed_parse(rates_table *t, const feed_info *f, const char *body, size_t len,
               const char *origin, const char *libxml2, char err[FEED_ERR_MAX]);

/* A bank's main feed (bank: an official_bank) read into t: 0, or -1 with err set. */
int feed_bank_parse(rates_table *t, int bank, const char *body, size_t len, const char *libxml2,
                    char err[FEED_ERR_MAX]);

#endif
