/*
 * tables.c - every source of a rate table, through one cache policy (see
 * tables.h).
 *
 *   through_cache():  copy fresh enough (or a past day's)  -> the copy
 *                     else produce()  -> accept() -> store -> the new table
 *                          failure    -> the copy, with a warning; no copy: error
 *
 * Three things are produced through it: a URL's body (a conditional GET;
 * for a template, stepping back from a day the source has nothing for), a
 * bank's feed (the same, without validators), and the official table built
 * from the banks' feeds (stored as native JSON, so that a conversion never
 * parses XML).
 */
#include "sarraf/tables.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sarraf/feed.h"
#include "sarraf/fetch.h"
#include "sarraf/load.h"
#include "sarraf/nbkr_archive.h"
#include "sarraf/official.h"
#include "sarraf/output.h"

/* data/rates.json, compiled in by the build (build/embedded.c). */
extern const unsigned char sarraf_embedded_rates[];
extern const size_t sarraf_embedded_rates_len;

/* The largest --max-age: 100 years, so that seconds never overflow. */
#define MAX_AGE_LIMIT (100LL * 366 * 24 * 3600)
/* The largest --timeout: 10 minutes. */
#define TIMEOUT_LIMIT_MS 600000L
/* Room for why a source failed. */
#define REASON_MAX 512
#define URL_MAX 2048
/* Room for a cache key: a prefix, a day and the URLs of five feeds. */
#define KEY_MAX 4096

/* ---- option values ------------------------------------------------------------ */

bool tables_parse_duration(const char *s, long long *seconds)
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
	if (v > MAX_AGE_LIMIT / mult)
		return false;
	*seconds = v * mult;
	return true;
}

bool tables_parse_timeout(const char *s, long *ms)
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
	if ((whole == 0 && frac == 0) || s[n] != '\0' || v < 1 || v > TIMEOUT_LIMIT_MS)
		return false;
	*ms = v;
	return true;
}

void tables_age_text(char *buf, size_t cap, long long s)
{
	if (s < 60)
		snprintf(buf, cap, _("%lld s"), s);
	else if (s < 3600)
		snprintf(buf, cap, _("%lld min"), s / 60);
	else if (s < 86400)
		snprintf(buf, cap, _("%lld h %lld min"), s / 3600, s % 3600 / 60);
	else
		snprintf(buf, cap, _("%lld d %lld h"), s / 86400, s % 86400 / 3600);
}

/* ---- kinds -------------------------------------------------------------------- */

bool tables_is_official(const char *s)
{
	official_bank b;
	return strcmp(s, "official") == 0 ||
	       (strncmp(s, "official:", 9) == 0 && official_from_id(&b, s + 9));
}

tables_kind tables_kind_of(const char *s)
{
	if (s == NULL)
		return TABLES_EMBEDDED;
	if (tables_is_official(s))
		return TABLES_OFFICIAL;
	if (fetch_url_allowed(s))
		return date_is_template(s) ? TABLES_TEMPLATE : TABLES_URL;
	return TABLES_FILE;
}

bool tables_kind_dated(tables_kind k)
{
	return k == TABLES_TEMPLATE || k == TABLES_OFFICIAL;
}

/* ---- the cache policy ---------------------------------------------------------- */

/* The day asked for: --date, else today. */
static date_t day_asked(const tables_opts *o)
{
	return o->dated ? o->date : date_today();
}

/* A past day's rates never change: its copy is good whatever its age. */
static bool past(date_t d)
{
	return date_cmp(d, date_today()) < 0;
}

/* The day of a table's date ("2026-04-01" or with a time); false when it has none. */
static bool table_day(const rates_table *t, date_t *d)
{
	return t->date != NULL && date_parse_iso_time(d, t->date);
}

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
	bool immutable;         /* a past day: the copy is good whatever its age */
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

/* How through_cache() came by the table. */
typedef struct {
	bool from_copy;     /* the cached copy (fresh enough, or a fall-back) */
	bool fell_back;     /* the source failed and the copy stood in */
	long long age;      /* of the copy, in seconds */
} cache_outcome;

static void date_note(char *buf, size_t cap, const cached_source *s, const rates_table *t)
{
	if (t->date != NULL)
		snprintf(buf, cap, s->rates_of ? _(" (rates of %s)") : _(" (table date %s)"), t->date);
	else
		buf[0] = '\0';
}

static void store(const cached_source *s, cache_entry *e, tables_report *rep)
{
	char cerr[CACHE_ERR_MAX];
	if (s->dir == NULL) {
		/* No cache directory: a conversion goes on quietly, `fetch` says so. */
		msg_set(rep->cache_err, sizeof rep->cache_err, "%s", s->dir_err);
		if (s->force)
			msg_emit(&s->o->warn, _("warning: the table of %s is not cached: %s"), s->name, s->dir_err);
	} else if (cache_write(s->dir, e, cerr) != 0) {
		msg_set(rep->cache_err, sizeof rep->cache_err, "%s", cerr);
		msg_emit(&s->o->warn, _("warning: the table of %s is not cached: %s"), s->name, cerr);
	} else {
		cache_path(rep->cache_path, sizeof rep->cache_path, s->dir, s->key);
		rep->cache_err[0] = '\0';
	}
}

/*
 * The one cache policy. Returns 0 with the table in t, or -1 with why (the
 * reason alone: the caller names the source).
 */
static int through_cache(rates_table *t, const cached_source *s, tables_report *rep,
                         cache_outcome *out, char why[REASON_MAX])
{
	char cerr[CACHE_ERR_MAX], lerr[REASON_MAX], age[64], dnote[160];
	const tables_opts *o = s->o;
	cache_entry copy, fresh;
	rates_table ct, nt;
	bool have_copy = false, not_modified = false, keep = true;
	long long now = (long long)time(NULL);
	int rc;

	memset(out, 0, sizeof *out);
	why[0] = '\0';
	cache_entry_init(&copy);
	cache_entry_init(&fresh);
	rates_init(&ct);
	rates_init(&nt);
	if (s->dir != NULL && cache_read(&copy, s->dir, s->key, cerr) == 0)
		have_copy = s->accept(s, &ct, copy.body, copy.len, lerr) == 0;
	if (have_copy) {
		out->age = now - copy.fetched < 0 ? 0 : now - copy.fetched;
		/* Strictly younger, so that --max-age 0 always asks the source. */
		if (!s->force && (s->immutable || out->age < s->max_age || o->offline)) {
			if (!s->immutable && out->age >= s->max_age) {
				tables_age_text(age, sizeof age, out->age);
				date_note(dnote, sizeof dnote, s, &ct);
				msg_emit(&o->warn, _("warning: using the copy of %s %s %s ago%s, older than "
				         "--max-age (--offline)"), s->name, _(s->verb), age, dnote);
			}
			out->from_copy = true;
			rates_destroy(t);
			*t = ct;
			cache_entry_destroy(&copy);
			return 0;
		}
	}
	if (o->offline) {
		msg_set(why, REASON_MAX, _("no cached copy, and --offline forbids fetching it"));
		rc = -1;
		goto done;
	}
	rc = s->produce(s, have_copy ? &copy : NULL, &fresh, &not_modified, &keep, why);
	if (rc == 0 && not_modified) {
		copy.fetched = now;
		store(s, &copy, rep);
		rep->not_modified = true;
		rates_destroy(t);
		*t = ct;
		rates_init(&ct);
	} else if (rc == 0 && s->accept(s, &nt, fresh.body, fresh.len, lerr) != 0) {
		msg_set(why, REASON_MAX, "%s", lerr);
		rc = -1;
	} else if (rc == 0) {
		free(fresh.url);
		fresh.url = strdup(s->key);
		fresh.fetched = now;
		if (keep && fresh.url != NULL)
			store(s, &fresh, rep);
		rates_destroy(t);
		*t = nt;
		rates_init(&nt);
	}
	if (rc != 0 && have_copy && !s->force) {
		tables_age_text(age, sizeof age, out->age);
		date_note(dnote, sizeof dnote, s, &ct);
		msg_emit(&o->warn, _("warning: cannot refresh %s (%s); using the copy %s %s ago%s"), s->name,
		         why, _(s->verb), age, dnote);
		out->from_copy = out->fell_back = true;
		rates_destroy(t);
		*t = ct;
		rates_init(&ct);
		rc = 0;
	}
done:
	rates_destroy(&ct);
	rates_destroy(&nt);
	cache_entry_destroy(&copy);
	cache_entry_destroy(&fresh);
	return rc;
}

static void find_cache_dir(cached_source *s, char dir[CACHE_PATH_MAX], char err[CACHE_ERR_MAX])
{
	bool ok = cache_dir(dir, CACHE_PATH_MAX, getenv("XDG_CACHE_HOME"), getenv("HOME"), err) == 0;
	s->dir = ok ? dir : NULL;
	s->dir_err = err;
}

/* The one line of a source that could not be had; a dated one names the day it lacks. */
static void load_failed(char err[TABLES_MSG_MAX], const tables_opts *o, const char *name,
                        bool dated, date_t day, const char *why)
{
	char iso[DATE_ISO_SIZE];
	date_format_iso(iso, day);
	if (o->force)
		msg_set(err, TABLES_MSG_MAX, _("cannot fetch %s: %s"), name, why);
	else if (dated && o->offline)
		msg_set(err, TABLES_MSG_MAX, _("cannot load rate table %s: no cached copy of %s, and "
		        "--offline forbids fetching it"), name, iso);
	else
		msg_set(err, TABLES_MSG_MAX, _("cannot load rate table %s: %s"), name, why);
}

/* ---- asking a server, politely ------------------------------------------------- */

/*
 * The host of a URL ("nbkr.kg" of "https://www.nbkr.kg/..."), into out; ""
 * when there is none.
 */
static void url_host(char out[256], const char *url)
{
	const char *h = strstr(url, "://");
	size_t n = 0;
	h = h != NULL ? h + 3 : url;
	while (h[n] != '\0' && h[n] != '/' && h[n] != '?' && h[n] != '#' && n < 255)
		n++;
	memcpy(out, h, n);
	out[n] = '\0';
}

/* A mirror on this machine needs no pause: politeness is for the banks' servers. */
static bool loopback(const char *host)
{
	return strncmp(host, "127.", 4) == 0 || strncmp(host, "localhost", 9) == 0 ||
	       strncmp(host, "[::1]", 5) == 0;
}

/*
 * Waits until TABLES_PAUSE_MS have passed since the last request to the same
 * host in this run (a history or a dated stream asks one bank for many days).
 */
static void pause_for(const char *url)
{
	static struct {
		char host[256];
		struct timespec last;
	} hosts[16];
	static size_t nhosts;
	char host[256];
	struct timespec now;
	url_host(host, url);
	if (loopback(host))
		return;
	size_t k;
	for (k = 0; k < nhosts && strcmp(hosts[k].host, host) != 0; k++)
		;
	if (k == nhosts) {
		k = nhosts < sizeof hosts / sizeof hosts[0] ? nhosts++ : 0; /* full: reuse the first */
		snprintf(hosts[k].host, sizeof hosts[k].host, "%s", host);
		hosts[k].last.tv_sec = hosts[k].last.tv_nsec = 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	struct timespec *last = &hosts[k].last;
	if (last->tv_sec != 0 || last->tv_nsec != 0) {
		long long ms = (long long)(now.tv_sec - last->tv_sec) * 1000 +
		               (now.tv_nsec - last->tv_nsec) / 1000000;
		if (ms >= 0 && ms < TABLES_PAUSE_MS) {
			long long wait = TABLES_PAUSE_MS - ms;
			struct timespec d = { (time_t)(wait / 1000), (long)(wait % 1000) * 1000000L };
			nanosleep(&d, NULL);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, last);
}

/* What one request gave. */
typedef enum { ASK_BODY, ASK_NOT_MODIFIED, ASK_NOTHING, ASK_FAILED } ask_status;

/*
 * GET url. ASK_NOTHING when the server has nothing for it: HTTP 404 or an
 * empty body. The body is moved into fresh on ASK_BODY.
 */
static ask_status ask(const tables_opts *o, const char *url, const cache_entry *copy,
                      cache_entry *fresh, char why[REASON_MAX])
{
	fetch_result r;
	fetch_opts fo = { o->timeout_ms, o->user_agent, copy ? copy->etag : NULL,
		              copy ? copy->last_modified : NULL, getenv("SARRAF_LIBCURL") };
	ask_status st;
	pause_for(url);
	fetch_result_init(&r);
	fetch_status fs = fetch_url(&r, url, &fo);
	if (fs == FETCH_NOT_MODIFIED) {
		st = ASK_NOT_MODIFIED;
	} else if (fs == FETCH_ERROR) {
		msg_set(why, REASON_MAX, "%s", r.err);
		st = r.http_status == 404 ? ASK_NOTHING : ASK_FAILED;
	} else {
		size_t k = 0;
		while (k < r.len && (r.body[k] == ' ' || r.body[k] == '\n' || r.body[k] == '\r' ||
		                     r.body[k] == '\t'))
			k++;
		if (k == r.len) {
			msg_set(why, REASON_MAX, _("an empty answer"));
			st = ASK_NOTHING;
		} else {
			fresh->body = r.body;
			fresh->len = r.len;
			fresh->etag = r.etag;
			fresh->last_modified = r.last_modified;
			fetch_result_init(&r);
			st = ASK_BODY;
		}
	}
	fetch_result_destroy(&r);
	return st;
}

/*
 * A dated source: what it says for `day`, stepping back a day at a time
 * (at most TABLES_STEP_BACK) while it has nothing, or answers with rates
 * dated after the day. url_for(ctx, d, out) gives the URL for day d.
 * check(ctx, body) parses a body into a scratch table to read its date.
 */
typedef struct {
	const tables_opts *o;
	date_t day;
	bool conditional;        /* send the copy's validators (today's copy only) */
	int (*url_for)(void *ctx, date_t d, char out[URL_MAX]);
	int (*parse)(void *ctx, rates_table *t, const char *body, size_t len, char why[REASON_MAX]);
	void *ctx;
} stepper;

static int step_back(stepper *sp, const cache_entry *copy, cache_entry *fresh, bool *not_modified,
                     char why[REASON_MAX])
{
	char url[URL_MAX], prev[URL_MAX] = "", iso[DATE_ISO_SIZE], last[REASON_MAX] = "";
	int asked = 0;
	date_format_iso(iso, sp->day);
	for (int k = 0; k <= TABLES_STEP_BACK; k++) {
		date_t d = date_add(sp->day, -k);
		if (sp->url_for(sp->ctx, d, url) != 0) {
			msg_set(why, REASON_MAX, _("the URL for %s is too long"), iso);
			return -1;
		}
		if (strcmp(url, prev) == 0)
			break; /* a URL without a day: asking again would say the same */
		snprintf(prev, sizeof prev, "%s", url);
		asked++;
		ask_status st = ask(sp->o, url, k == 0 && sp->conditional ? copy : NULL, fresh, why);
		if (st == ASK_NOT_MODIFIED) {
			*not_modified = true;
			return 0;
		}
		if (st == ASK_FAILED)
			return -1;
		if (st == ASK_NOTHING) {
			snprintf(last, sizeof last, "%s", why);
			continue;
		}
		rates_table t;
		date_t td;
		rates_init(&t);
		int rc = sp->parse(sp->ctx, &t, fresh->body, fresh->len, why);
		bool later = rc == 0 && table_day(&t, &td) && date_cmp(td, sp->day) > 0;
		if (later)
			msg_set(last, sizeof last, _("it answered with rates of %s"), t.date);
		rates_destroy(&t);
		if (rc != 0)
			return -1;
		if (!later)
			return 0;
		cache_entry_destroy(fresh);
	}
	if (asked > 1)
		msg_set(why, REASON_MAX, _("no rates for %s or the %d days before (%s)"), iso, asked - 1, last);
	else
		msg_set(why, REASON_MAX, "%s", last); /* one URL, whatever the day: its own reason */
	return -1;
}

/* A stepper as a cached source: produce() steps back, accept() is its parser. */
static int stepped_produce(const cached_source *s, const cache_entry *copy, cache_entry *fresh,
                           bool *not_modified, bool *keep, char why[REASON_MAX])
{
	(void)keep;
	return step_back(s->ctx, copy, fresh, not_modified, why);
}

static int stepped_accept(const cached_source *s, rates_table *t, const char *body, size_t len,
                          char why[REASON_MAX])
{
	const stepper *sp = s->ctx;
	return sp->parse(sp->ctx, t, body, len, why);
}

/* ---- URLs and URL templates ------------------------------------------------------ */

typedef struct {
	const char *url;        /* as given: a URL or a template */
	stepper step;
} url_source;

static int url_for_template(void *ctx, date_t d, char out[URL_MAX])
{
	const url_source *u = ctx;
	return date_expand(out, URL_MAX, u->url, d) < 0 ? -1 : 0;
}

static int parse_table(void *ctx, rates_table *t, const char *body, size_t len, char why[REASON_MAX])
{
	const url_source *u = ctx;
	char lerr[LOAD_ERR_MAX];
	if (load_table_base(t, body, len, u->url, u->step.o->base, lerr) != 0) {
		msg_set(why, REASON_MAX, _("not a valid rate table: %s"), lerr);
		return -1;
	}
	return 0;
}

/*
 * The answer is dated another day than asked: say so (that is how banks
 * publish weekends; an override URL without placeholders may name any day).
 */
static void answered_note(const tables_opts *o, const char *who, const rates_table *t, date_t asked)
{
	date_t td;
	char iso[DATE_ISO_SIZE];
	if (o->quiet_earlier || !table_day(t, &td) || date_cmp(td, asked) == 0)
		return;
	date_format_iso(iso, asked);
	msg_emit(&o->warn, _("warning: %s answered with its rates of %.10s, not of the requested %s"), who,
	         t->date, iso);
}

static int load_url(rates_table *t, const char *src, const tables_opts *o, tables_report *rep,
                    char err[TABLES_MSG_MAX])
{
	char dir[CACHE_PATH_MAX], derr[CACHE_ERR_MAX], key[URL_MAX], name[URL_MAX + 2];
	char why[REASON_MAX];
	bool template = date_is_template(src);
	date_t day = day_asked(o);
	url_source u = { src, { o, day, true, url_for_template, parse_table, NULL } };
	u.step.ctx = &u;
	if (date_expand(key, sizeof key, src, day) < 0) {
		msg_set(err, TABLES_MSG_MAX, _("cannot load rate table '%s': the URL is too long"), src);
		return -1;
	}
	snprintf(name, sizeof name, "'%s'", template ? key : src);
	cached_source s = {
		.key = key, .name = name, .verb = N_("cached"), .rates_of = false,
		.max_age = o->max_age, .immutable = template && past(day), .force = o->force, .o = o,
		.produce = stepped_produce, .accept = stepped_accept, .ctx = &u.step,
	};
	find_cache_dir(&s, dir, derr);
	cache_outcome out;
	memset(rep, 0, sizeof *rep);
	if (through_cache(t, &s, rep, &out, why) != 0) {
		load_failed(err, o, name, template, day, why);
		return -1;
	}
	rep->fetched = !out.from_copy;
	if (template)
		answered_note(o, name, t, day);
	return 0;
}

/* ---- the official table ------------------------------------------------------------ */

/*
 * A feed's name in the user's language, padded for the lines of `fetch`: to 12 columns, or to
 * the widest name of the banks' feeds in that language.
 */
static const char *label_column(char buf[64], const char *label)
{
	static const char *const ids[] = { "nbk", "nbkr", "nbkr-weekly", "nbt", "cbu" };
	size_t col = 12;
	for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
		const feed_info *f = feed_by_id(ids[k]);
		if (f != NULL && out_width(_(f->label)) > col)
			col = out_width(_(f->label));
	}
	snprintf(buf, 64, "%s", label);
	size_t n = strlen(buf);
	for (size_t w = out_width(buf); w < col && n < 63; w++)
		buf[n++] = ' ';
	buf[n] = '\0';
	return buf;
}

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
	return feed_url(out, URL_MAX, f->feed, f->o->dated ? &d : NULL, &overridden);
}

static int feed_parse_body(void *ctx, rates_table *t, const char *body, size_t len,
                           char why[REASON_MAX])
{
	const feed_source *f = ctx;
	char ferr[FEED_ERR_MAX];
	if (feed_parse(t, f->feed, body, len, f->feed->label, ferr) != 0) {
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
	char url[URL_MAX], key[256], name[URL_MAX + 64], why[REASON_MAX], age[64], iso[DATE_ISO_SIZE], lab[64];
	bool overridden;
	date_t day = day_asked(o);
	feed_source f = { feed, o, day, { o, day, false, feed_url_for, feed_parse_body, NULL } };
	f.step.ctx = &f;
	date_format_iso(iso, day);
	if (feed_url(url, sizeof url, feed, o->dated ? &day : NULL, &overridden) != 0)
		snprintf(url, sizeof url, "?");
	if (o->dated)
		snprintf(key, sizeof key, "official:%s@%s", feed->label, iso);
	else
		snprintf(key, sizeof key, "official:%s", feed->label);
	snprintf(name, sizeof name, _("%s at '%s'"), _(feed->label), url);
	cached_source s = {
		.key = key, .name = name, .verb = N_("cached"), .rates_of = true,
		.max_age = 0, .immutable = o->dated && past(day), .o = o, .dir = dir, .dir_err = dir_err,
		.produce = stepped_produce, .accept = stepped_accept, .ctx = &f.step,
	};
	tables_report rep;
	cache_outcome out;
	memset(&rep, 0, sizeof rep);
	if (through_cache(t, &s, &rep, &out, why) != 0) {
		msg_emit(&o->warn, _("warning: %s unavailable: %s; no cached copy"), name, why);
		msg_emit(&o->info, _("%-12s unavailable  %s"), label_column(lab, _(feed->label)), url);
		*complete = false;
		return false;
	}
	if (out.fell_back)
		*complete = false;
	if (out.from_copy) {
		tables_age_text(age, sizeof age, out.age);
		msg_emit(&o->info, _("%-12s %s  cached %s ago  %s"), label_column(lab, _(feed->label)), t->date, age, url);
	} else {
		msg_emit(&o->info, _("%-12s %s  fetched  %s"), label_column(lab, _(feed->label)), t->date, url);
	}
	/* The day the request named: --date, or a date in a feed URL given without placeholders. */
	date_t asked = day;
	if (o->dated || (!out.from_copy && requested_date(&asked, url)))
		answered_note(o, _(feed->label), t, asked);
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
	const char *env = getenv("SARRAF_NBKR_ARCHIVE_URL");
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
		ask_status st = ask(ns->o, url, NULL, &page, why);
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
	char key[256], name[64], why[REASON_MAX], iso[DATE_ISO_SIZE], lab[64];
	date_t day = day_asked(o);
	nbkr_source ns = { o, day, whole_list ? sizeof nbkr_daily_codes / sizeof nbkr_daily_codes[0] : 1 };
	date_format_iso(iso, day);
	snprintf(key, sizeof key, "official:NBKR archive@%s:%s", iso, whole_list ? "daily" : "USD");
	snprintf(name, sizeof name, "%s", _("NBKR's archive"));
	cached_source s = {
		.key = key, .name = name, .verb = N_("cached"), .rates_of = true, .max_age = 0,
		.immutable = past(day), .o = o, .dir = dir, .dir_err = dir_err,
		.produce = nbkr_produce, .accept = nbkr_accept, .ctx = &ns,
	};
	tables_report rep;
	cache_outcome out;
	memset(&rep, 0, sizeof rep);
	if (through_cache(t, &s, &rep, &out, why) != 0) {
		msg_emit(&o->warn, _("warning: %s unavailable: %s; no cached copy"), name, why);
		msg_emit(&o->info, _("%-12s unavailable"), label_column(lab, _("NBKR")));
		*complete = false;
		return false;
	}
	msg_emit(&o->info, out.from_copy ? _("%-12s %s  cached  the archive") : _("%-12s %s  fetched  the archive"),
	         label_column(lab, _("NBKR")), t->date ? t->date : "?");
	answered_note(o, _("NBKR"), t, day);
	return true;
}

/* The TMT peg: $SARRAF_TMT_PEG, else OFFICIAL_TMT_PEG. */
static bool tmt_peg(dec_t *peg, char source[160], char err[REASON_MAX])
{
	const char *env = getenv("SARRAF_TMT_PEG");
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
			msg_set(why, REASON_MAX, _("%s has no rates"), _(official_info(one)->abbrev));
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
		if (!tmt_peg(&peg, peg_source, why))
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
	*keep = !(o->dated && past(o->date)) || complete;
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

static int load_official(rates_table *t, const char *which, const tables_opts *o,
                         tables_report *rep, char err[TABLES_MSG_MAX])
{
	char dir[CACHE_PATH_MAX], derr[CACHE_ERR_MAX], key[KEY_MAX], url[URL_MAX], name[64];
	char why[REASON_MAX], iso[DATE_ISO_SIZE];
	date_t day = day_asked(o);
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
		if (feed_url(url, sizeof url, fi, o->dated ? &day : NULL, &overridden) != 0)
			overridden = false;
		n += snprintf(key + n, sizeof key - (size_t)n, " %s", overridden ? url : "-");
	}
	const char *peg = getenv("SARRAF_TMT_PEG"), *archive = getenv("SARRAF_NBKR_ARCHIVE_URL");
	if (n > 0 && (size_t)n < sizeof key)
		snprintf(key + n, sizeof key - (size_t)n, " %s peg=%s",
		         o->dated && archive != NULL ? archive : "-", peg != NULL ? peg : "");
	snprintf(name, sizeof name, "'%s'", which);

	cached_source s = {
		.key = key, .name = name, .verb = N_("built"), .rates_of = false,
		.max_age = o->max_age, .immutable = o->dated && past(day), .force = o->force, .o = o,
		.produce = official_produce, .accept = official_accept, .ctx = &os,
	};
	find_cache_dir(&s, dir, derr);
	os.dir = s.dir;
	os.dir_err = s.dir_err;
	cache_outcome out;
	memset(rep, 0, sizeof *rep);
	if (through_cache(t, &s, rep, &out, why) != 0) {
		load_failed(err, o, name, o->dated, day, why);
		return -1;
	}
	rep->fetched = !out.from_copy;
	return 0;
}

/* ---- every source ------------------------------------------------------------------ */

int tables_load(rates_table *t, const char *source, const tables_opts *o, tables_report *rep,
                char err[TABLES_MSG_MAX])
{
	char lerr[LOAD_ERR_MAX];
	tables_kind kind = tables_kind_of(source);
	memset(rep, 0, sizeof *rep);
	err[0] = '\0';
	if (o->dated && !tables_kind_dated(kind)) {
		msg_set(err, TABLES_MSG_MAX, _("the table of '%s' has no dates"), source ? source : "embedded");
		return -1;
	}
	switch (kind) {
	case TABLES_EMBEDDED:
		if (load_table(t, (const char *)sarraf_embedded_rates, sarraf_embedded_rates_len, "embedded",
		               lerr) != 0) {
			msg_set(err, TABLES_MSG_MAX, _("invalid embedded rate table: %s"), lerr);
			return -1;
		}
		return 0;
	case TABLES_URL:
	case TABLES_TEMPLATE:
		return load_url(t, source, o, rep, err);
	case TABLES_OFFICIAL:
		return load_official(t, source, o, rep, err);
	case TABLES_FILE:
		break;
	}
	char *text;
	size_t len;
	if (load_read_file(source, &text, &len, lerr) != 0) {
		msg_set(err, TABLES_MSG_MAX, _("cannot read rate table '%s': %s"), source, lerr);
		return -1;
	}
	int rc = load_table_base(t, text, len, strcmp(source, "-") == 0 ? "stdin" : source, o->base, lerr);
	free(text);
	if (rc != 0) {
		msg_set(err, TABLES_MSG_MAX, _("invalid rate table '%s': %s"), source, lerr);
		return -1;
	}
	return 0;
}
