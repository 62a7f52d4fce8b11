/*
 * tables_int.h - what the modules behind tables.h share and nobody else
 * sees: the one cache policy (tables_through_cache), asking a server
 * politely (tables_ask), and the days of a dated request. tables.c holds
 * them; tables_official.c builds the official table with them.
 */
#ifndef SARRAF_TABLES_INT_H
#define SARRAF_TABLES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "sarraf/archive.h"
#include "sarraf/cache.h"
#include "sarraf/date.h"
#include "sarraf/rates.h"
#include "sarraf/tables.h"

/* Room for why a source failed: as much as the archive's. */
#define REASON_MAX ARCHIVE_WHY_MAX
#define URL_MAX 2048
/* Room for a cache key: a prefix, a day and the URLs of five feeds. */
#define KEY_MAX 4096

typedef struct cached_source cached_source;

/*
 * Something that the cache holds under one key. produce() gets a new body
 * (fresh is initialised; copy is the cached entry or NULL): 0 with the body
 * in fresh, or 0 with *not_modified (the copy is current), or -1 with why.
 * It may clear *keep so that what it made is used but not stored. accept()
 * turns a body into the table (0), or says why not (-1).
 */
struct cached_source {
	const char *key;
	const char *name;       /* in messages: "'http://...'", "NBT at 'http://...'" */
	const char *verb;       /* "cached" or "built" */
	bool rates_of;          /* the date note reads " (rates of D)", not " (table date D)" */
	long long max_age;
	bool force;             /* ask the source whatever the cache holds; no fall-back */
	const tables_opts *o;
	const char *dir;        /* the cache directory, or NULL */
	const char *dir_err;    /* why there is none */
	int (*produce)(const cached_source *s, const cache_entry *copy, cache_entry *fresh,
	               bool *not_modified, bool *keep, char why[REASON_MAX]);
	int (*accept)(const cached_source *s, rates_table *t, const char *body, size_t len,
	              char why[REASON_MAX]);
	void *ctx;
};

/* How tables_through_cache() came by the table. */
typedef struct {
	bool from_copy;     /* the cached copy (fresh enough, or a fall-back) */
	bool fell_back;     /* the source failed and the copy stood in */
	long long age;      /* of the copy, in seconds */
} cache_outcome;

/*
 * The one cache policy. Returns 0 with the table in t, or -1 with why (the
 * reason alone: the caller names the source).
 */
int tables_through_cache(rates_table *t, const cached_source *s, tables_report *rep,
                         cache_outcome *out, char why[REASON_MAX]);

/* The cache directory into dir and returned, or NULL with why in err. */
const char *tables_cache_dir(const tables_opts *o, char dir[CACHE_PATH_MAX], char err[CACHE_ERR_MAX]);

/* The cache directory into dir, or s->dir NULL with why in err. */
void tables_find_cache_dir(cached_source *s, char dir[CACHE_PATH_MAX], char err[CACHE_ERR_MAX]);

/* The one line of a source that could not be had; a dated one names the day it lacks. */
void tables_load_failed(char err[TABLES_MSG_MAX], const tables_opts *o, const char *name,
                        bool dated, date_t day, const char *why);

/* The caller's settings; NULL: every default. */
const sarraf_settings *tables_settings_of(const tables_opts *o);

/* The day asked for: --date, else today. */
date_t tables_day_asked(const tables_opts *o);

/* The day of a table's date ("2026-04-01" or with a time); false when it has none. */
bool tables_table_day(const rates_table *t, date_t *d);

/* What one request gave. */
typedef enum { ASK_BODY, ASK_NOT_MODIFIED, ASK_NOTHING, ASK_FAILED } ask_status;

/*
 * GET url. ASK_NOTHING when the server has nothing for it: HTTP 404 or an
 * empty body. The body is moved into fresh on ASK_BODY.
 */
ask_status tables_ask(const tables_opts *o, const char *url, const cache_entry *copy,
                      cache_entry *fresh, char why[REASON_MAX]);

/*
 * The current rates at one URL (no --date), as a cached source: produce()
 * asks (with the copy's validators when conditional) and stores the
 * body's receipt beside it; accept() is parse().
 */
typedef struct {
	const tables_opts *o;
	const char *url;
	bool conditional;
	int (*parse)(void *ctx, rates_table *t, const char *body, size_t len, char why[REASON_MAX]);
	void *ctx;
} url_asker;

int tables_url_produce(const cached_source *s, const cache_entry *copy, cache_entry *fresh,
                       bool *not_modified, bool *keep, char why[REASON_MAX]);
int tables_url_accept(const cached_source *s, rates_table *t, const char *body, size_t len,
                      char why[REASON_MAX]);

/* GET url for day d, as an archive_source's ask(): the body, its receipt line in fresh->meta. */
archive_status tables_ask_day(const tables_opts *o, const char *url, date_t d, cache_entry *fresh,
                              char why[REASON_MAX]);

/* The archive's options from ours: dir (NULL: none), now, today, max-age, offline, force. */
void tables_archive_opts(archive_opts *ao, const tables_opts *o, const char *dir);

/*
 * What a dated answer says besides its table: a warning when a stored
 * answer stood in for a failure (why) or is older than --max-age offline,
 * and the note when its rates are of another day than asked.
 */
void tables_dated_notes(const tables_opts *o, const char *label, date_t day, const archive_outcome *out,
                        const char *why);

/* The answer is dated another day than asked: say so. */
void tables_answered_note(const tables_opts *o, const char *who, const rates_table *t, date_t asked);

/* The official table (tables_official.c): "official" or "official:nbk" ... */
int tables_load_official(rates_table *t, const char *which, const tables_opts *o,
                         tables_report *rep, char err[TABLES_MSG_MAX]);

#endif
