/*
 * tables_official.c - the official table (tables.h's `official` and
 * `official:BANK`): each bank's feed through the cache, the NBKR's archive
 * page for a past day, the TMT peg, and the USD table built from them
 * (official.h), stored as native JSON so that a conversion never parses XML.
 */
#include "tables_int.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/feed.h"
#include "sarraf/load.h"
#include "sarraf/nbkr_archive.h"
#include "sarraf/official.h"

/* ---- the official table ------------------------------------------------------------ */

/*
 * One bank's feed, through the cache under "official:LABEL" (today) or
 * "official:LABEL@DAY": one copy per feed and day, whatever its URL, since a
 * mirror's copy is still the bank's feed.
 */
typedef struct {
	const feed_info *feed;
	const tables_opts *o;
	date_t day;
	stepper step;
} feed_source;

static int feed_url_for(void *ctx, date_t d, char out[URL_MAX])
{
	const feed_source *f = ctx;
	bool overridden;
	return feed_url(out, URL_MAX, f->feed, f->o->settings, f->o->dated ? &d : NULL, &overridden);
}

static int feed_parse_body(void *ctx, rates_table *t, const char *body, size_t len,
                           char why[REASON_MAX])
{
	const feed_source *f = ctx;
	char ferr[FEED_ERR_MAX];
	if (feed_parse(t, f->feed, body, len, f->feed->label, tables_settings_of(f->o)->libxml2, ferr) != 0) {
		msg_set(why, REASON_MAX, "%s", ferr);
		return -1;
	}
	return 0;
}

/*
 * The date a URL asks for (the NBK's fdate=dd.mm.yyyy, the NBT's
 * date=yyyy-mm-dd), for a feed's URL given without placeholders; false
 * when it names none.
 */
static bool requested_date(date_t *d, const char *url)
{
	const char *q = strchr(url, '?');
	bool found = false;
	for (const char *p = q; p != NULL; p = strchr(p + 1, '&')) {
		const char *v = p + 1, *end;
		if (strncmp(v, "fdate=", 6) == 0 || strncmp(v, "date=", 5) == 0) {
			v = strchr(v, '=') + 1;
			end = strchr(v, '&');
			if (date_parse(d, v, end != NULL ? (size_t)(end - v) : strlen(v)))
				found = true;
		}
	}
	return found;
}

/*
 * One feed into t (initialised): fetched, else its cached copy (with a
 * warning), else false (with a warning: the bank is missing).
 */
static bool get_feed(rates_table *t, const feed_info *feed, const tables_opts *o, const char *dir,
                     const char *dir_err, bool *complete)
{
	char url[URL_MAX], key[256], name[URL_MAX + 64], why[REASON_MAX], age[64], iso[DATE_ISO_SIZE];
	bool overridden;
	date_t day = tables_day_asked(o);
	feed_source f = { feed, o, day, { o, day, false, feed_url_for, feed_parse_body, NULL } };
	f.step.ctx = &f;
	date_format_iso(iso, day);
	if (feed_url(url, sizeof url, feed, o->settings, o->dated ? &day : NULL, &overridden) != 0)
		snprintf(url, sizeof url, "?");
	if (o->dated)
		snprintf(key, sizeof key, "official:%s@%s", feed->label, iso);
	else
		snprintf(key, sizeof key, "official:%s", feed->label);
	snprintf(name, sizeof name, "%s at '%s'", feed->label, url);
	cached_source s = {
		.key = key, .name = name, .verb = N_("cached"), .rates_of = true,
		.max_age = 0, .immutable = o->dated && tables_past(day), .o = o, .dir = dir, .dir_err = dir_err,
		.produce = tables_stepped_produce, .accept = tables_stepped_accept, .ctx = &f.step,
	};
	tables_report rep;
	cache_outcome out;
	memset(&rep, 0, sizeof rep);
	if (tables_through_cache(t, &s, &rep, &out, why) != 0) {
		msg_emit(&o->warn, _("warning: %s unavailable: %s; no cached copy"), name, why);
		msg_emit(&o->info, _("%-12s unavailable  %s"), feed->label, url);
		*complete = false;
		return false;
	}
	if (out.fell_back)
		*complete = false;
	if (out.from_copy) {
		tables_age_text(age, sizeof age, out.age);
		msg_emit(&o->info, _("%-12s %s  cached %s ago  %s"), feed->label, t->date, age, url);
	} else {
		msg_emit(&o->info, _("%-12s %s  fetched  %s"), feed->label, t->date, url);
	}
	/* The day the request named: --date, or a date in a feed URL given without placeholders. */
	date_t asked = day;
	if (o->dated || (!out.from_copy && requested_date(&asked, url)))
		tables_answered_note(o, feed->label, t, asked);
	return true;
}

/*
 * The NBKR on a past day: its archive page, one currency a request over the
 * window [day - TABLES_STEP_BACK, day], each currency's latest row on or
 * before the day. The bank's own table asks for the currencies of its daily
 * list; the USD table needs the dollar alone. The table is built here and
 * cached as native JSON, one entry per day and list.
 */
static const char *const nbkr_daily_codes[] = { "USD", "EUR", "CNY", "KZT", "RUB" };

typedef struct {
	const tables_opts *o;
	date_t day;
	size_t ncodes;
} nbkr_source;

static int nbkr_produce(const cached_source *s, const cache_entry *copy, cache_entry *fresh,
                        bool *not_modified, bool *keep, char why[REASON_MAX])
{
	nbkr_source *ns = s->ctx;
	const char *env = tables_settings_of(ns->o)->nbkr_archive_url;
	const char *tmpl = env != NULL && *env != '\0' ? env : NBKR_ARCHIVE_URL;
	char url[URL_MAX], ferr[FEED_ERR_MAX], iso[DATE_ISO_SIZE], day[DATE_ISO_SIZE];
	nbkr_day_rate *rows = malloc(NBKR_ARCHIVE_MAX_DAYS * sizeof *rows);
	rates_table t;
	int rc = -1;
	(void)copy;
	(void)not_modified;
	(void)keep;
	rates_init(&t);
	date_format_iso(day, ns->day);
	memcpy(t.base, "KGS", 4);
	if (rows == NULL || !rates_set_string(&t.source, official_info(OFFICIAL_NBKR)->name)) {
		msg_set(why, REASON_MAX, _("out of memory"));
		goto done;
	}
	for (size_t k = 0; k < ns->ncodes; k++) {
		const char *code = nbkr_daily_codes[k];
		cache_entry page;
		cache_entry_init(&page);
		if (nbkr_archive_url(url, sizeof url, tmpl, nbkr_archive_id(code),
		                     date_add(ns->day, -TABLES_STEP_BACK), ns->day) != 0) {
			msg_set(why, REASON_MAX, _("the archive URL for %s is too long"), code);
			goto done;
		}
		ask_status st = tables_ask(ns->o, url, NULL, &page, why);
		if (st == ASK_FAILED || (st == ASK_NOTHING && k == 0)) {
			cache_entry_destroy(&page);
			goto done;
		}
		int n = st == ASK_BODY ? nbkr_archive_parse(rows, NBKR_ARCHIVE_MAX_DAYS, page.body, page.len,
		                                            ferr) : 0;
		cache_entry_destroy(&page);
		if (n < 0) {
			msg_set(why, REASON_MAX, _("the archive page of %s: %s"), code, ferr);
			goto done;
		}
		const nbkr_day_rate *on = nbkr_archive_on(rows, (size_t)n, ns->day);
		if (on == NULL) {
			if (k > 0)
				continue; /* a currency the bank did not publish: left out */
			msg_set(why, REASON_MAX, _("no rates for %s or the %d days before (USD)"), day,
			        TABLES_STEP_BACK);
			goto done;
		}
		/* KGS per nominal: a power of ten folded into the exponent. */
		dec_t v = on->value;
		for (int nominal = nbkr_archive_nominal(code); nominal > 1; nominal /= 10)
			v.exp--;
		date_format_iso(iso, on->day);
		if (!rates_add(&t, code, &v, false) ||
		    !rates_set_quote_origin(&t, t.count - 1, official_info(OFFICIAL_NBKR)->name, iso) ||
		    (k == 0 && !rates_set_string(&t.date, iso))) {
			msg_set(why, REASON_MAX, _("out of memory"));
			goto done;
		}
		t.quotes[t.count - 1].exact = true; /* the bank's rate, as it publishes it */
	}
	fresh->body = load_to_json(&t);
	if (fresh->body == NULL) {
		msg_set(why, REASON_MAX, _("out of memory"));
		goto done;
	}
	fresh->len = strlen(fresh->body);
	rc = 0;
done:
	free(rows);
	rates_destroy(&t);
	return rc;
}

static int nbkr_accept(const cached_source *s, rates_table *t, const char *body, size_t len,
                       char why[REASON_MAX])
{
	char lerr[LOAD_ERR_MAX];
	(void)s;
	if (load_table(t, body, len, "NBKR", lerr) != 0) {
		msg_set(why, REASON_MAX, "%s", lerr);
		return -1;
	}
	return 0;
}

/* The NBKR's table of a day from its archive, as get_feed() does for the other banks. */
static bool get_nbkr_archive(rates_table *t, bool whole_list, const tables_opts *o, const char *dir,
                             const char *dir_err, bool *complete)
{
	char key[256], name[64], why[REASON_MAX], iso[DATE_ISO_SIZE];
	date_t day = tables_day_asked(o);
	nbkr_source ns = { o, day, whole_list ? sizeof nbkr_daily_codes / sizeof nbkr_daily_codes[0] : 1 };
	date_format_iso(iso, day);
	snprintf(key, sizeof key, "official:NBKR archive@%s:%s", iso, whole_list ? "daily" : "USD");
	snprintf(name, sizeof name, "NBKR's archive");
	cached_source s = {
		.key = key, .name = name, .verb = N_("cached"), .rates_of = true, .max_age = 0,
		.immutable = tables_past(day), .o = o, .dir = dir, .dir_err = dir_err,
		.produce = nbkr_produce, .accept = nbkr_accept, .ctx = &ns,
	};
	tables_report rep;
	cache_outcome out;
	memset(&rep, 0, sizeof rep);
	if (tables_through_cache(t, &s, &rep, &out, why) != 0) {
		msg_emit(&o->warn, _("warning: %s unavailable: %s; no cached copy"), name, why);
		msg_emit(&o->info, _("%-12s unavailable"), "NBKR");
		*complete = false;
		return false;
	}
	msg_emit(&o->info, out.from_copy ? _("%-12s %s  cached  the archive") : _("%-12s %s  fetched  the archive"),
	         "NBKR", t->date ? t->date : "?");
	tables_answered_note(o, "NBKR", t, day);
	return true;
}

/* The TMT peg: the settings' (SARRAF_TMT_PEG), else OFFICIAL_TMT_PEG. */
static bool tmt_peg(const tables_opts *o, dec_t *peg, char source[160], char err[REASON_MAX])
{
	const char *env = tables_settings_of(o)->tmt_peg;
	const char *s = env != NULL && *env != '\0' ? env : OFFICIAL_TMT_PEG;
	if (dec_parse_cstr(peg, s) != DEC_OK || dec_sign(peg) <= 0) {
		msg_set(err, REASON_MAX, _("invalid SARRAF_TMT_PEG '%s' (TMT per USD, a decimal > 0)"), s);
		return false;
	}
	snprintf(source, 160, "the Turkmen manat's official peg, %s TMT per USD (%s)", s,
	         s == env ? "SARRAF_TMT_PEG" : "sarraf's constant");
	return true;
}

/* The feeds of a bank: its main one, and for the NBKR's own table the weekly list too. */
static const char *const bank_feed[OFFICIAL_BANKS] = { "nbk", "nbkr", "nbt", "cbu" };

typedef struct {
	const char *which;   /* "official" or "official:nbk" ... */
	const tables_opts *o;
	const char *dir, *dir_err;
} official_source;

/* Build the table named by which from the feeds, as native JSON (the body to cache). */
static int official_produce(const cached_source *s, const cache_entry *copy, cache_entry *fresh,
                            bool *not_modified, bool *keep, char why[REASON_MAX])
{
	const official_source *os = s->ctx;
	const tables_opts *o = os->o;
	char oerr[OFFICIAL_ERR_MAX], peg_source[160];
	rates_table banks[OFFICIAL_BANKS], out;
	const rates_table *have[OFFICIAL_BANKS] = { NULL };
	official_bank one = OFFICIAL_NBK;
	bool single = strcmp(os->which, "official") != 0 && official_from_id(&one, os->which + 9);
	bool complete = true;
	char *json = NULL;
	dec_t peg;

	(void)copy;
	(void)not_modified;
	rates_init(&out);
	for (size_t b = 0; b < OFFICIAL_BANKS; b++)
		rates_init(&banks[b]);
	if (single) {
		bool got = one == OFFICIAL_NBKR && o->dated
		           ? get_nbkr_archive(&banks[one], true, o, os->dir, os->dir_err, &complete)
		           : get_feed(&banks[one], feed_by_id(bank_feed[one]), o, os->dir, os->dir_err, &complete);
		if (!got) {
			msg_set(why, REASON_MAX, _("%s has no rates"), official_info(one)->abbrev);
			goto done;
		}
		if (one == OFFICIAL_NBKR && !o->dated) {
			rates_table weekly;
			rates_init(&weekly);
			if (get_feed(&weekly, feed_by_id("nbkr-weekly"), o, os->dir, os->dir_err, &complete) &&
			    !official_merge(&banks[one], &weekly))
				msg_set(why, REASON_MAX, _("out of memory"));
			rates_destroy(&weekly);
		}
		json = load_to_json(&banks[one]);
	} else {
		if (!tmt_peg(o, &peg, peg_source, why))
			goto done;
		for (size_t b = 0; b < OFFICIAL_BANKS; b++)
			if (b == OFFICIAL_NBKR && o->dated
			    ? get_nbkr_archive(&banks[b], false, o, os->dir, os->dir_err, &complete)
			    : get_feed(&banks[b], feed_by_id(bank_feed[b]), o, os->dir, os->dir_err, &complete))
				have[b] = &banks[b];
		if (official_usd_table(&out, have, &peg, peg_source, &o->warn, oerr) != 0) {
			msg_set(why, REASON_MAX, "%s", oerr);
			goto done;
		}
		json = load_to_json(&out);
	}
	if (json == NULL && why[0] == '\0')
		msg_set(why, REASON_MAX, _("out of memory"));
done:
	rates_destroy(&out);
	for (size_t b = 0; b < OFFICIAL_BANKS; b++)
		rates_destroy(&banks[b]);
	if (json == NULL)
		return -1;
	/* A past day's table is kept only whole: a bank missing today may answer tomorrow. */
	*keep = !(o->dated && tables_past(o->date)) || complete;
	fresh->body = json;
	fresh->len = strlen(json);
	return 0;
}

static int official_accept(const cached_source *s, rates_table *t, const char *body, size_t len,
                           char why[REASON_MAX])
{
	const official_source *os = s->ctx;
	char lerr[LOAD_ERR_MAX];
	if (load_table(t, body, len, os->which, lerr) != 0) {
		msg_set(why, REASON_MAX, "%s", lerr);
		return -1;
	}
	return 0;
}

int tables_load_official(rates_table *t, const char *which, const tables_opts *o,
                         tables_report *rep, char err[TABLES_MSG_MAX])
{
	char dir[CACHE_PATH_MAX], derr[CACHE_ERR_MAX], key[KEY_MAX], url[URL_MAX], name[64];
	char why[REASON_MAX], iso[DATE_ISO_SIZE];
	date_t day = tables_day_asked(o);
	bool overridden;
	official_source os = { which, o, NULL, NULL };

	date_format_iso(iso, day);
	/* The key names the day, every overridden feed URL and the peg: another mirror, another table. */
	int n = snprintf(key, sizeof key, "official:table:%s%s%s", which, o->dated ? "@" : "",
	                 o->dated ? iso : "");
	for (size_t f = 0; f < feed_count() && n > 0 && (size_t)n < sizeof key; f++) {
		const feed_info *fi = feed_at(f);
		if (fi->bank < 0)
			continue;
		if (feed_url(url, sizeof url, fi, o->settings, o->dated ? &day : NULL, &overridden) != 0)
			overridden = false;
		n += snprintf(key + n, sizeof key - (size_t)n, " %s", overridden ? url : "-");
	}
	const char *peg = tables_settings_of(o)->tmt_peg, *archive = tables_settings_of(o)->nbkr_archive_url;
	if (n > 0 && (size_t)n < sizeof key)
		snprintf(key + n, sizeof key - (size_t)n, " %s peg=%s",
		         o->dated && archive != NULL ? archive : "-", peg != NULL ? peg : "");
	snprintf(name, sizeof name, "'%s'", which);

	cached_source s = {
		.key = key, .name = name, .verb = N_("built"), .rates_of = false,
		.max_age = o->max_age, .immutable = o->dated && tables_past(day), .force = o->force, .o = o,
		.produce = official_produce, .accept = official_accept, .ctx = &os,
	};
	tables_find_cache_dir(&s, dir, derr);
	os.dir = s.dir;
	os.dir_err = s.dir_err;
	cache_outcome out;
	memset(rep, 0, sizeof *rep);
	if (tables_through_cache(t, &s, rep, &out, why) != 0) {
		tables_load_failed(err, o, name, o->dated, day, why);
		return -1;
	}
	rep->fetched = !out.from_copy;
	return 0;
}
