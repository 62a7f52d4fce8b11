/*
 * tables.h - where a rate table comes from: one module for every source and
 * one cache policy for all of them.
 *
 *   source                      kind              takes --date
 *   (none)                      embedded          no
 *   FILE, "-"                   file              no
 *   http(s)://...               URL               no
 *   http(s)://...{YYYY}...      URL template      yes ({YYYY} {MM} {DD})
 *   official, official:BANK     the banks' feeds  yes (their archives)
 *
 * The cache policy for today's rates (one function, tables.c's through_cache):
 * a cached copy younger than --max-age is used as it is (--offline: whatever
 * its age); else the source is asked (conditionally when there is a copy),
 * and a body is stored only once it has loaded as a table. When the source
 * fails, the copy is used with a warning naming its age; with no copy the
 * load fails.
 *
 * A dated source asked for day D (--date, or today for a template) gives
 * the rates in effect on D: its latest rates dated on or before D, through
 * the archive of published days (archive.h): a table stored under the day
 * it carries, what D resolved to stored apart. A day it has nothing for
 * (HTTP 404, an empty answer, an answer dated after D) steps back a day, at
 * most TABLES_STEP_BACK days; a failure never does. An answer of another
 * day than D is said in one note (the note sink), from the network and the
 * cache alike. "Today" is the region's (date.h, UTC+6); D may be up to
 * TABLES_DAYS_AHEAD days after it.
 *
 * Every table loaded carries the receipts of the bodies it was read from
 * (rates.h): a URL's, a template's or a bank's as stored beside the body,
 * a file's path and digest; the official table one per quote.
 *
 * Nothing here prints: warnings go to the caller's sink, one line each,
 * errors come back in err (one line, without the "sarraf: " prefix).
 */
#ifndef SARRAF_TABLES_H
#define SARRAF_TABLES_H

#include <stdbool.h>

#include "sarraf/archive.h"
#include "sarraf/cache.h"
#include "sarraf/context.h"
#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "sarraf/rates.h"

#define TABLES_MSG_MAX 1024
/* The default --max-age: 12 hours (central banks publish once a day). */
#define TABLES_DEFAULT_MAX_AGE (12LL * 3600)
/* Days a dated source steps back at most for a day it has nothing for. */
#define TABLES_STEP_BACK ARCHIVE_STEP_BACK
/* Days after today that may be asked for: the banks publish tomorrow's rates the afternoon before. */
#define TABLES_DAYS_AHEAD 1
/*
 * The pause between two requests to one host through one context
 * (tables_opts.ctx), in milliseconds: be polite to the banks (none for a
 * mirror on this machine, 127.0.0.1 or localhost).
 */
#define TABLES_PAUSE_MS 250

typedef enum {
	TABLES_EMBEDDED,
	TABLES_FILE,
	TABLES_URL,
	TABLES_TEMPLATE,
	TABLES_OFFICIAL,
} tables_kind;

/* What kind of source s is (NULL: the embedded table). */
tables_kind tables_kind_of(const char *s);

/* true when the kind gives the rates of a chosen day. */
bool tables_kind_dated(tables_kind k);

/* true when s names the official table: "official" or "official:nbk" ... "official:cbu". */
bool tables_is_official(const char *s);

typedef struct {
	bool offline;          /* never touch the network */
	long long max_age;     /* seconds: a younger cached copy is used as it is */
	long timeout_ms;       /* connect and total, per request */
	const char *user_agent;
	bool force;            /* `fetch`: ask the source whatever the cache holds */
	bool dated;            /* --date given: the rates in effect on `date` */
	date_t date;
	bool quiet_earlier;    /* no warning for an answer dated before the day (history) */
	const char *base;      /* --base: the base of a feed that names none (FloatRates), or NULL */
	msg_sink warn;         /* "warning: ..." lines */
	msg_sink note;         /* notes: "NBK: rates of 2026-04-03 (none published for 2026-04-05)" */
	msg_sink info;         /* `fetch`: one line per feed used */
	const sarraf_settings *settings; /* the cache folder, libraries, URLs, peg; NULL: defaults */
	sarraf_ctx *ctx;       /* the caller's state (the pause per host); NULL: no pause */
} tables_opts;

/* Room for a host name in a report. */
#define TABLES_HOST_MAX 256

typedef struct {
	bool not_modified;               /* the server answered 304 */
	long requests;                   /* HTTP requests made for this load */
	char unreachable[TABLES_HOST_MAX]; /* on failure: the host that could not be reached, else "" */
	bool fetched;                    /* the network was asked and answered */
	char cache_path[CACHE_PATH_MAX]; /* a URL's copy; "" when it could not be stored */
	char cache_err[TABLES_MSG_MAX];  /* why it could not be stored */
} tables_report;

/*
 * The table of source into t (initialised with rates_init). Returns 0, or
 * -1 with err set (the table could not be had: exit 3 for the CLI).
 */
int tables_load(rates_table *t, const char *source, const tables_opts *o, tables_report *rep,
                char err[TABLES_MSG_MAX]);

/* "90", "90s", "30m", "6h", "1d" -> seconds (at most 100 years). false for anything else. */
bool tables_parse_duration(const char *s, long long *seconds);

/* "10", "2.5", "0.25" seconds -> milliseconds, 0.001 to 600 s. false for anything else. */
bool tables_parse_timeout(const char *s, long *ms);

/* "45 s", "12 min", "3 h 20 min", "2 d 5 h": an age for messages. */
void tables_age_text(char *buf, size_t cap, long long seconds);

#endif
