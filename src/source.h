/*
 * source.h - a rate table from a URL, through the cache: the policy that
 * joins fetch.h, cache.h and load.h for the CLI (max age, offline, the
 * fall-back to a stale copy). Part of the CLI layer: it reads the
 * environment for the cache directory, but it prints nothing; warnings and
 * errors come back as one line each, without the "sarraf: " prefix.
 */
#ifndef SARRAF_SOURCE_H
#define SARRAF_SOURCE_H

#include <stdbool.h>

#include "sarraf/cache.h"
#include "sarraf/rates.h"

/* The default --max-age: 12 hours (central banks publish once a day). */
#define SOURCE_DEFAULT_MAX_AGE (12L * 3600)
/* Room for a message: the URL and a reason. */
#define SOURCE_MSG_MAX 1024

typedef struct {
	bool offline;            /* never touch the network */
	long long max_age;       /* seconds: a younger cached copy is used as it is */
	long timeout_ms;         /* connect and total, per fetch */
	const char *user_agent;
} source_opts;

/* What `sarraf fetch` reports. */
typedef struct {
	bool not_modified;               /* the server answered 304 */
	char cache_path[CACHE_PATH_MAX]; /* where the copy is; "" when it could not be stored */
	char warning[SOURCE_MSG_MAX];    /* "" or why it could not be stored */
} source_report;

/*
 * "90", "90s", "30m", "6h", "1d" -> seconds (at most 100 years). false for
 * anything else.
 */
bool source_parse_duration(const char *s, long long *seconds);

/* "10", "2.5", "0.25" seconds -> milliseconds, 0.001 to 600 s. false for anything else. */
bool source_parse_timeout(const char *s, long *ms);

/*
 * The table of url into t (initialised with rates_init): the cached copy
 * when it is younger than max_age (or offline), else a fetch (conditional
 * when there is a copy), stored in the cache. When the fetch fails and a
 * copy exists, that copy is used and `warning` says so with its age.
 * Returns 0 (warning may be set, else "") or -1 with err set.
 */
int source_load_url(rates_table *t, const char *url, const source_opts *o,
                    char warning[SOURCE_MSG_MAX], char err[SOURCE_MSG_MAX]);

/*
 * `sarraf fetch`: always asks the server (conditionally when there is a
 * copy), checks that the answer is a valid table, stores it, and loads it
 * into t. Returns 0 or -1 with err set (the cached copy is then unchanged).
 */
int source_fetch_url(rates_table *t, const char *url, const source_opts *o, source_report *rep,
                     char err[SOURCE_MSG_MAX]);

/* "45 s", "12 min", "3 h 20 min", "2 d 5 h": an age for messages. */
void source_age_text(char *buf, size_t cap, long long seconds);

#endif
