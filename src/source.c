/*
 * source.c - a rate table from a URL, through the cache.
 *
 *   cached copy younger than --max-age (or --offline)  -> use it, no network
 *   else fetch (If-None-Match / If-Modified-Since when there is a copy)
 *     200 + a valid table  -> store it (atomically), use it
 *     304                  -> the copy's fetch time is renewed, use it
 *     failure              -> the copy, with a warning naming its age; no copy: error
 *
 * A body is stored only once it has loaded as a table, so the cache never
 * holds what cannot be used.
 */
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sarraf/fetch.h"
#include "sarraf/load.h"

/* The largest --max-age: 100 years, so that seconds never overflow. */
#define SOURCE_MAX_AGE_LIMIT (100LL * 366 * 24 * 3600)
/* Room for why a fetch failed (a fetch reason or a table's fault). */
#define SOURCE_REASON_MAX 512
/* The largest --timeout: 10 minutes. */
#define SOURCE_TIMEOUT_LIMIT_MS 600000L

bool source_parse_duration(const char *s, long long *seconds)
{
	long long v = 0;
	size_t n = 0;
	for (; s[n] >= '0' && s[n] <= '9'; n++) {
		if (n >= 12)
			return false;
		v = v * 10 + (s[n] - '0');
	}
	if (n == 0)
		return false;
	static const struct {
		char unit;
		long long seconds;
	} units[] = { { 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 } };
	long long mult = 1;
	if (s[n] != '\0') {
		size_t k;
		for (k = 0; k < sizeof units / sizeof units[0]; k++)
			if (s[n] == units[k].unit)
				break;
		if (k == sizeof units / sizeof units[0] || s[n + 1] != '\0')
			return false;
		mult = units[k].seconds;
	}
	if (v > SOURCE_MAX_AGE_LIMIT / mult)
		return false;
	*seconds = v * mult;
	return true;
}

bool source_parse_timeout(const char *s, long *ms)
{
	long v = 0;
	size_t n = 0, frac = 0;
	for (; s[n] >= '0' && s[n] <= '9'; n++) {
		if (n >= 4)
			return false;
		v = v * 10 + (s[n] - '0');
	}
	size_t whole = n;
	v *= 1000;
	if (s[n] == '.') {
		long scale = 100;
		for (n++; s[n] >= '0' && s[n] <= '9'; n++, frac++) {
			if (frac >= 3)
				return false;
			v += (s[n] - '0') * scale;
			scale /= 10;
		}
	}
	if ((whole == 0 && frac == 0) || s[n] != '\0' || v < 1 || v > SOURCE_TIMEOUT_LIMIT_MS)
		return false;
	*ms = v;
	return true;
}

void source_age_text(char *buf, size_t cap, long long s)
{
	if (s < 60)
		snprintf(buf, cap, "%lld s", s);
	else if (s < 3600)
		snprintf(buf, cap, "%lld min", s / 60);
	else if (s < 86400)
		snprintf(buf, cap, "%lld h %lld min", s / 3600, s % 3600 / 60);
	else
		snprintf(buf, cap, "%lld d %lld h", s / 86400, s % 86400 / 3600);
}

/* The cache directory from the environment; false (err set) when there is none. */
static bool find_cache_dir(char dir[CACHE_PATH_MAX], char err[CACHE_ERR_MAX])
{
	return cache_dir(dir, CACHE_PATH_MAX, getenv("XDG_CACHE_HOME"), getenv("HOME"), err) == 0;
}

/* " (table date 2026-01-02)" or "". */
static void date_note(char *buf, size_t cap, const rates_table *t)
{
	if (t->date != NULL)
		snprintf(buf, cap, " (table date %s)", t->date);
	else
		buf[0] = '\0';
}

static long long age_of(const cache_entry *e, time_t now)
{
	long long age = (long long)now - e->fetched;
	return age < 0 ? 0 : age;
}

/*
 * One request: the body, checked as a table, stored in the cache. On a 304
 * the copy in *e (read before) gets a new fetch time. Returns 0 with the
 * table in t, or -1 with the reason in err (t empty, the cache unchanged).
 */
static int refresh(rates_table *t, const char *url, const source_opts *o, const char *dir,
                   cache_entry *e, bool have_copy, bool *not_modified, char warning[SOURCE_MSG_MAX],
                   char err[SOURCE_REASON_MAX])
{
	fetch_result r;
	char lerr[LOAD_ERR_MAX], cerr[CACHE_ERR_MAX];
	fetch_opts fo = { o->timeout_ms, o->user_agent, have_copy ? e->etag : NULL,
		              have_copy ? e->last_modified : NULL, getenv("SARRAF_LIBCURL") };
	fetch_result_init(&r);
	fetch_status st = fetch_url(&r, url, &fo);
	time_t now = time(NULL);
	int rc = -1;

	*not_modified = st == FETCH_NOT_MODIFIED;
	if (st == FETCH_ERROR) {
		snprintf(err, SOURCE_REASON_MAX, "%s", r.err);
	} else if (st == FETCH_NOT_MODIFIED) {
		if (load_table(t, e->body, e->len, url, lerr) != 0) {
			snprintf(err, SOURCE_REASON_MAX, "not modified, but the cached copy is invalid: %s",
			         lerr);
		} else {
			e->fetched = (long long)now;
			rc = 0;
		}
	} else if (load_table(t, r.body, r.len, url, lerr) != 0) {
		snprintf(err, SOURCE_REASON_MAX, "not a valid rate table: %s", lerr);
	} else {
		cache_entry_destroy(e);
		e->url = (char *)url; /* borrowed while the entry is written, given back below */
		e->fetched = (long long)now;
		e->etag = r.etag;
		e->last_modified = r.last_modified;
		e->body = r.body;
		e->len = r.len;
		rc = 0;
	}
	if (rc == 0 && dir != NULL && cache_write(dir, e, cerr) != 0)
		snprintf(warning, SOURCE_MSG_MAX, "warning: the table of '%s' is not cached: %s", url, cerr);
	if (rc == 0 && st == FETCH_OK)
		cache_entry_init(e); /* its strings belong to r (and url to the caller) */
	fetch_result_destroy(&r);
	return rc;
}

int source_load_url(rates_table *t, const char *url, const source_opts *o,
                    char warning[SOURCE_MSG_MAX], char err[SOURCE_MSG_MAX])
{
	char dir[CACHE_PATH_MAX], cerr[CACHE_ERR_MAX], lerr[LOAD_ERR_MAX], why[SOURCE_REASON_MAX];
	char age[64], dnote[160];
	cache_entry e;
	bool have_dir = find_cache_dir(dir, cerr), have_copy = false, not_modified;
	time_t now = time(NULL);
	int rc = -1;

	warning[0] = err[0] = '\0';
	cache_entry_init(&e);
	if (have_dir && cache_read(&e, dir, url, cerr) == 0)
		have_copy = load_table(t, e.body, e.len, url, lerr) == 0;
	if (have_copy) {
		long long a = age_of(&e, now);
		/* Strictly younger, so that --max-age 0 always asks the server. */
		if (a < o->max_age || o->offline) {
			if (a >= o->max_age) {
				source_age_text(age, sizeof age, a);
				date_note(dnote, sizeof dnote, t);
				snprintf(warning, SOURCE_MSG_MAX,
				         "warning: using the copy of '%s' cached %s ago%s, older than --max-age "
				         "(--offline)", url, age, dnote);
			}
			cache_entry_destroy(&e);
			return 0;
		}
	}
	if (o->offline) {
		snprintf(err, SOURCE_MSG_MAX, "cannot load rate table '%s': no cached copy, and --offline "
		         "forbids fetching it", url);
		cache_entry_destroy(&e);
		return -1;
	}

	rates_table fresh;
	rates_init(&fresh);
	if (refresh(&fresh, url, o, have_dir ? dir : NULL, &e, have_copy, &not_modified, warning,
	            why) == 0) {
		rates_destroy(t);
		*t = fresh;
		rc = 0;
	} else if (have_copy) {
		source_age_text(age, sizeof age, age_of(&e, now));
		date_note(dnote, sizeof dnote, t);
		snprintf(warning, SOURCE_MSG_MAX,
		         "warning: cannot refresh '%s' (%s); using the copy cached %s ago%s", url, why, age,
		         dnote);
		rc = 0;
	} else {
		snprintf(err, SOURCE_MSG_MAX, "cannot load rate table '%s': %s", url, why);
	}
	cache_entry_destroy(&e);
	return rc;
}

int source_fetch_url(rates_table *t, const char *url, const source_opts *o, source_report *rep,
                     char err[SOURCE_MSG_MAX])
{
	char dir[CACHE_PATH_MAX], cerr[CACHE_ERR_MAX], why[SOURCE_REASON_MAX];
	cache_entry e;
	bool have_dir = find_cache_dir(dir, cerr), have_copy = false;

	rep->not_modified = false;
	rep->cache_path[0] = rep->warning[0] = err[0] = '\0';
	cache_entry_init(&e);
	if (have_dir)
		have_copy = cache_read(&e, dir, url, cerr) == 0;
	int rc = refresh(t, url, o, have_dir ? dir : NULL, &e, have_copy, &rep->not_modified,
	                 rep->warning, why);
	if (rc != 0)
		snprintf(err, SOURCE_MSG_MAX, "cannot fetch '%s': %s", url, why);
	else if (!have_dir)
		snprintf(rep->warning, SOURCE_MSG_MAX, "warning: the table of '%s' is not cached: %s", url,
		         cerr);
	else if (rep->warning[0] == '\0')
		cache_path(rep->cache_path, sizeof rep->cache_path, dir, url);
	cache_entry_destroy(&e);
	return rc;
}
