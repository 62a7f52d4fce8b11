/*
 * official_source.c - the official table through the cache (see
 * official_source.h).
 *
 *   built table cached and younger than --max-age (or --offline) -> use it
 *   else, per bank: fetch its feed -> parse -> cache the raw feed
 *                   failure -> its cached feed, with a warning (bank, age)
 *                   no copy  -> the bank is missing, with a warning
 *        build the table -> cache it as JSON -> load it back from that JSON
 */
#include "official_source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sarraf/cache.h"
#include "sarraf/fetch.h"
#include "sarraf/load.h"

/* Room for a cache key: a prefix and the URLs of five feeds. */
#define KEY_MAX 4096

typedef enum { DATE_NONE, DATE_DMY, DATE_YMD } date_form;

typedef struct {
	official_bank bank;
	const char *label; /* in messages */
	const char *env;   /* the variable that overrides the URL */
	const char *url;   /* the default, followed by today's date in `form` ... */
	date_form form;
	const char *tail;  /* ... and this */
} feed_info;

enum { FEED_NBK, FEED_NBKR, FEED_NBKR_WEEKLY, FEED_NBT, FEED_CBU, FEEDS };

static const feed_info feeds[FEEDS] = {
	{ OFFICIAL_NBK, "NBK", "SARRAF_NBK_URL", "https://nationalbank.kz/rss/get_rates.cfm?fdate=",
	  DATE_DMY, "" },
	{ OFFICIAL_NBKR, "NBKR", "SARRAF_NBKR_URL", "https://www.nbkr.kg/XML/daily.xml", DATE_NONE, "" },
	{ OFFICIAL_NBKR, "NBKR weekly", "SARRAF_NBKR_WEEKLY_URL", "https://www.nbkr.kg/XML/weekly.xml",
	  DATE_NONE, "" },
	{ OFFICIAL_NBT, "NBT", "SARRAF_NBT_URL", "https://nbt.tj/en/kurs/export_xml.php?date=",
	  DATE_YMD, "&export=xmlout" },
	{ OFFICIAL_CBU, "CBU", "SARRAF_CBU_URL", "https://cbu.uz/en/arkhiv-kursov-valyut/json/",
	  DATE_NONE, "" },
};

/* The bank's main feed. */
static const size_t bank_feed[OFFICIAL_BANKS] = { FEED_NBK, FEED_NBKR, FEED_NBT, FEED_CBU };

bool official_source_is(const char *s)
{
	official_bank b;
	return strcmp(s, "official") == 0 ||
	       (strncmp(s, "official:", 9) == 0 && official_from_id(&b, s + 9));
}

/* The feed's URL: the variable exactly as given, else the default with today's date. */
static void feed_url(char *out, size_t cap, size_t f, bool *overridden)
{
	const char *env = getenv(feeds[f].env);
	*overridden = env != NULL && *env != '\0';
	if (*overridden) {
		snprintf(out, cap, "%s", env);
		return;
	}
	char date[40] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (feeds[f].form != DATE_NONE && localtime_r(&now, &tm) != NULL) {
		int y = tm.tm_year + 1900, m = tm.tm_mon + 1, d = tm.tm_mday;
		if (feeds[f].form == DATE_DMY)
			snprintf(date, sizeof date, "%02d.%02d.%04d", d, m, y);
		else
			snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
	}
	snprintf(out, cap, "%s%s%s", feeds[f].url, date, feeds[f].tail);
}

/*
 * The date a URL asks for (NBK's fdate=dd.mm.yyyy, NBT's date=yyyy-mm-dd),
 * as ISO 8601; "" when it names none.
 */
static void requested_date(char out[11], const char *url)
{
	const char *q = strchr(url, '?');
	out[0] = '\0';
	for (const char *p = q; p != NULL; p = strchr(p + 1, '&')) {
		const char *v = p + 1;
		if (strncmp(v, "fdate=", 6) == 0 && strlen(v + 6) >= 10 && v[8] == '.' && v[11] == '.')
			snprintf(out, 11, "%.4s-%.2s-%.2s", v + 12, v + 9, v + 6);
		else if (strncmp(v, "date=", 5) == 0 && strlen(v + 5) >= 10 && v[9] == '-')
			snprintf(out, 11, "%.10s", v + 5);
	}
}

static bool find_cache_dir(char dir[CACHE_PATH_MAX])
{
	char err[CACHE_ERR_MAX];
	return cache_dir(dir, CACHE_PATH_MAX, getenv("XDG_CACHE_HOME"), getenv("HOME"), err) == 0;
}

static void store(const char *dir, const char *key, char *body, size_t len, official_report *rep)
{
	char cerr[CACHE_ERR_MAX];
	cache_entry e;
	cache_entry_init(&e);
	e.url = (char *)key; /* borrowed: the entry is not destroyed */
	e.fetched = (long long)time(NULL);
	e.body = body;
	e.len = len;
	if (dir[0] != '\0' && cache_write(dir, &e, cerr) != 0)
		official_note(&rep->warnings, "warning: '%s' is not cached: %s", key, cerr);
}

/*
 * One feed into t (initialised): fetched and parsed, else its cached copy
 * (with a warning), else false (with a warning: the bank is missing).
 */
static bool get_feed(rates_table *t, size_t f, const source_opts *o, const char *dir,
                     official_report *rep)
{
	char url[2048], key[2200], why[OFFICIAL_ERR_MAX], asked[11], age[64];
	bool overridden;
	official_bank b = feeds[f].bank;
	feed_url(url, sizeof url, f, &overridden);
	/* One copy per feed, whatever its URL: a mirror's copy is still the bank's feed. */
	snprintf(key, sizeof key, "official:%s", feeds[f].label);
	why[0] = '\0';
	if (!o->offline) {
		fetch_result r;
		fetch_opts fo = { o->timeout_ms, o->user_agent, NULL, NULL, getenv("SARRAF_LIBCURL") };
		fetch_result_init(&r);
		if (fetch_url(&r, url, &fo) != FETCH_OK)
			snprintf(why, sizeof why, "%s", r.err);
		else if (official_parse(t, b, r.body, r.len, why) == 0) {
			store(dir, key, r.body, r.len, rep);
			official_note(&rep->feeds, "%-12s %s  fetched  %s", feeds[f].label, t->date, url);
			requested_date(asked, url);
			if (asked[0] != '\0' && strcmp(asked, t->date) != 0)
				official_note(&rep->warnings, "warning: %s answered with its rates of %s, "
				              "not of the requested %s",
				              feeds[f].label, t->date, asked);
			fetch_result_destroy(&r);
			return true;
		}
		fetch_result_destroy(&r);
	} else {
		snprintf(why, sizeof why, "--offline");
	}
	cache_entry e;
	char cerr[CACHE_ERR_MAX];
	cache_entry_init(&e);
	if (dir[0] != '\0' && cache_read(&e, dir, key, cerr) == 0 &&
	    official_parse(t, b, e.body, e.len, cerr) == 0) {
		long long a = (long long)time(NULL) - e.fetched;
		source_age_text(age, sizeof age, a < 0 ? 0 : a);
		official_note(&rep->warnings, "warning: cannot refresh %s ('%s'): %s; using its copy "
		              "cached %s ago (rates of %s)",
		              feeds[f].label, url, why, age, t->date);
		official_note(&rep->feeds, "%-12s %s  cached %s ago  %s", feeds[f].label, t->date, age, url);
		cache_entry_destroy(&e);
		return true;
	}
	cache_entry_destroy(&e);
	official_note(&rep->warnings, "warning: %s ('%s') unavailable: %s; no cached copy", feeds[f].label,
	              url, why);
	official_note(&rep->feeds, "%-12s unavailable  %s", feeds[f].label, url);
	return false;
}

/* The TMT peg: $SARRAF_TMT_PEG, else OFFICIAL_TMT_PEG. */
static bool tmt_peg(dec_t *peg, char source[160], char err[SOURCE_MSG_MAX])
{
	const char *env = getenv("SARRAF_TMT_PEG");
	const char *s = env != NULL && *env != '\0' ? env : OFFICIAL_TMT_PEG;
	if (dec_parse_cstr(peg, s) != DEC_OK || dec_sign(peg) <= 0) {
		snprintf(err, SOURCE_MSG_MAX, "invalid SARRAF_TMT_PEG '%s' (TMT per USD, a decimal > 0)", s);
		return false;
	}
	snprintf(source, 160, "the Turkmen manat's official peg, %s TMT per USD (%s)", s,
	         s == env ? "SARRAF_TMT_PEG" : "sarraf's constant");
	return true;
}

/* Build the table named by which from the feeds, as JSON (malloc'ed) or NULL with err set. */
static char *build(const char *which, const source_opts *o, const char *dir, official_report *rep,
                   char err[SOURCE_MSG_MAX])
{
	char oerr[OFFICIAL_ERR_MAX], peg_source[160];
	rates_table banks[OFFICIAL_BANKS], out;
	const rates_table *have[OFFICIAL_BANKS] = { NULL };
	char *json = NULL;
	official_bank one = OFFICIAL_NBK;
	bool single = strcmp(which, "official") != 0 && official_from_id(&one, which + 9);
	dec_t peg;

	rates_init(&out);
	for (size_t b = 0; b < OFFICIAL_BANKS; b++)
		rates_init(&banks[b]);
	if (single) {
		if (!get_feed(&banks[one], bank_feed[one], o, dir, rep)) {
			snprintf(err, SOURCE_MSG_MAX, "cannot load rate table '%s': %s", which,
			         rep->warnings.count ? rep->warnings.line[rep->warnings.count - 1] + 9 : "?");
			goto done;
		}
		if (one == OFFICIAL_NBKR) {
			rates_table weekly;
			rates_init(&weekly);
			if (get_feed(&weekly, FEED_NBKR_WEEKLY, o, dir, rep) && !official_merge(&banks[one], &weekly))
				snprintf(err, SOURCE_MSG_MAX, "out of memory");
			rates_destroy(&weekly);
		}
		json = official_to_json(&banks[one]);
	} else {
		if (!tmt_peg(&peg, peg_source, err))
			goto done;
		for (size_t b = 0; b < OFFICIAL_BANKS; b++)
			if (get_feed(&banks[b], bank_feed[b], o, dir, rep))
				have[b] = &banks[b];
		official_notes notes;
		if (official_usd_table(&out, have, &peg, peg_source, &notes, oerr) != 0) {
			snprintf(err, SOURCE_MSG_MAX, "cannot load rate table 'official': %s", oerr);
			goto done;
		}
		for (size_t k = 0; k < notes.count; k++)
			official_note(&rep->warnings, "%s", notes.line[k]);
		json = official_to_json(&out);
	}
	if (json == NULL && err[0] == '\0')
		snprintf(err, SOURCE_MSG_MAX, "out of memory");
done:
	rates_destroy(&out);
	for (size_t b = 0; b < OFFICIAL_BANKS; b++)
		rates_destroy(&banks[b]);
	return json;
}

int official_source_load(rates_table *t, const char *which, const source_opts *o, bool force,
                         official_report *rep, char err[SOURCE_MSG_MAX])
{
	char dir[CACHE_PATH_MAX], key[KEY_MAX], url[2048], lerr[LOAD_ERR_MAX], cerr[CACHE_ERR_MAX];
	char age[64];
	bool overridden, have_copy = false;
	cache_entry e;
	long long a = 0;
	int rc = -1;

	memset(rep, 0, sizeof *rep);
	err[0] = '\0';
	if (!find_cache_dir(dir))
		dir[0] = '\0';
	/* The key names every feed's URL (when overridden) and the peg: another mirror, another table. */
	int n = snprintf(key, sizeof key, "official:table:%s", which);
	for (size_t f = 0; f < FEEDS && n > 0 && (size_t)n < sizeof key; f++) {
		feed_url(url, sizeof url, f, &overridden);
		n += snprintf(key + n, sizeof key - (size_t)n, " %s", overridden ? url : "-");
	}
	const char *peg = getenv("SARRAF_TMT_PEG");
	if (n > 0 && (size_t)n < sizeof key)
		snprintf(key + n, sizeof key - (size_t)n, " peg=%s", peg != NULL ? peg : "");

	cache_entry_init(&e);
	if (dir[0] != '\0' && cache_read(&e, dir, key, cerr) == 0 &&
	    load_table(t, e.body, e.len, which, lerr) == 0) {
		have_copy = true;
		a = (long long)time(NULL) - e.fetched;
		if (a < 0)
			a = 0;
		if (!force && (a < o->max_age || o->offline)) {
			if (a >= o->max_age) {
				source_age_text(age, sizeof age, a);
				official_note(&rep->warnings, "warning: using the copy of '%s' built %s ago, "
				              "older than --max-age (--offline)", which, age);
			}
			cache_entry_destroy(&e);
			return 0;
		}
	}
	cache_entry_destroy(&e);
	if (o->offline) {
		snprintf(err, SOURCE_MSG_MAX, "cannot load rate table '%s': no cached copy, and --offline "
		         "forbids fetching it", which);
		return -1;
	}

	char *json = build(which, o, dir, rep, err);
	if (json != NULL) {
		rates_table fresh;
		rates_init(&fresh);
		if (load_table(&fresh, json, strlen(json), which, lerr) != 0) {
			snprintf(err, SOURCE_MSG_MAX, "cannot load rate table '%s': %s", which, lerr);
		} else {
			store(dir, key, json, strlen(json), rep);
			rates_destroy(t);
			*t = fresh;
			rep->rebuilt = true;
			rc = 0;
		}
		free(json);
	}
	if (rc != 0 && have_copy) {
		source_age_text(age, sizeof age, a);
		official_note(&rep->warnings, "warning: %s; using the copy built %s ago", err, age);
		err[0] = '\0';
		rc = 0;
	}
	return rc;
}
