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
 * from the banks' feeds (tables_official.c).
 */
#include "tables_int.h"

#include "ctx.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sarraf/feed.h"
#include "sarraf/fetch.h"
#include "sarraf/load.h"
#include "sarraf/official.h"

/* data/rates.json, compiled in by the build (build/embedded.c). */
extern const unsigned char sarraf_embedded_rates[];
extern const size_t sarraf_embedded_rates_len;

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

/* The caller's settings; NULL: every default. */
const sarraf_settings *tables_settings_of(const tables_opts *o)
{
	static const sarraf_settings defaults = { 0 };
	return o->settings != NULL ? o->settings : &defaults;
}

/* The day asked for: --date, else today. */
date_t tables_day_asked(const tables_opts *o)
{
	return o->dated ? o->date : date_today();
}

/* A past day's rates never change: its copy is good whatever its age. */
bool tables_past(date_t d)
{
	return date_cmp(d, date_today()) < 0;
}

/* The day of a table's date ("2026-04-01" or with a time); false when it has none. */
bool tables_table_day(const rates_table *t, date_t *d)
{
	return t->date != NULL && date_parse_iso_time(d, t->date);
}


static void date_note(char *buf, size_t cap, const cached_source *s, const rates_table *t)
{
	if (t->date != NULL)
		snprintf(buf, cap, s->rates_of ? " (rates of %s)" : " (table date %s)", t->date);
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
int tables_through_cache(rates_table *t, const cached_source *s, tables_report *rep,
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

/* The settings' cache folder into dir; none: s->dir NULL, and why in err. */
void tables_find_cache_dir(cached_source *s, char dir[CACHE_PATH_MAX], char err[CACHE_ERR_MAX])
{
	const sarraf_settings *set = tables_settings_of(s->o);
	const char *given = set->cache_dir != NULL ? set->cache_dir : "";
	s->dir = NULL;
	s->dir_err = err;
	if (given[0] == '\0')
		msg_set(err, CACHE_ERR_MAX, "%s",
		        set->cache_dir_err != NULL ? set->cache_dir_err : _("no cache directory was given"));
	else if (snprintf(dir, CACHE_PATH_MAX, "%s", given) >= CACHE_PATH_MAX)
		msg_set(err, CACHE_ERR_MAX, _("cache directory path too long"));
	else
		s->dir = dir;
}

/* The one line of a source that could not be had; a dated one names the day it lacks. */
void tables_load_failed(char err[TABLES_MSG_MAX], const tables_opts *o, const char *name,
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
 * host through the caller's context (a history or a dated stream asks one
 * bank for many days).
 */
static void pause_for(const tables_opts *o, const char *url)
{
	char host[256];
	url_host(host, url);
	if (!loopback(host))
		ctx_pause(o->ctx, host, TABLES_PAUSE_MS);
}


/*
 * GET url. ASK_NOTHING when the server has nothing for it: HTTP 404 or an
 * empty body. The body is moved into fresh on ASK_BODY.
 */
ask_status tables_ask(const tables_opts *o, const char *url, const cache_entry *copy,
                      cache_entry *fresh, char why[REASON_MAX])
{
	fetch_result r;
	fetch_opts fo = { o->timeout_ms, o->user_agent, copy ? copy->etag : NULL,
		              copy ? copy->last_modified : NULL, tables_settings_of(o)->libcurl };
	ask_status st;
	pause_for(o, url);
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
		ask_status st = tables_ask(sp->o, url, k == 0 && sp->conditional ? copy : NULL, fresh, why);
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
		bool later = rc == 0 && tables_table_day(&t, &td) && date_cmp(td, sp->day) > 0;
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
int tables_stepped_produce(const cached_source *s, const cache_entry *copy, cache_entry *fresh,
                           bool *not_modified, bool *keep, char why[REASON_MAX])
{
	(void)keep;
	return step_back(s->ctx, copy, fresh, not_modified, why);
}

int tables_stepped_accept(const cached_source *s, rates_table *t, const char *body, size_t len,
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
	if (load_table_base(t, body, len, u->url, u->step.o->base, tables_settings_of(u->step.o)->libxml2,
	                    lerr) != 0) {
		msg_set(why, REASON_MAX, _("not a valid rate table: %s"), lerr);
		return -1;
	}
	return 0;
}

/*
 * The answer is dated another day than asked: say so (that is how banks
 * publish weekends; an override URL without placeholders may name any day).
 */
void tables_answered_note(const tables_opts *o, const char *who, const rates_table *t, date_t asked)
{
	date_t td;
	char iso[DATE_ISO_SIZE];
	if (o->quiet_earlier || !tables_table_day(t, &td) || date_cmp(td, asked) == 0)
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
	date_t day = tables_day_asked(o);
	url_source u = { src, { o, day, true, url_for_template, parse_table, NULL } };
	u.step.ctx = &u;
	if (date_expand(key, sizeof key, src, day) < 0) {
		msg_set(err, TABLES_MSG_MAX, _("cannot load rate table '%s': the URL is too long"), src);
		return -1;
	}
	snprintf(name, sizeof name, "'%s'", template ? key : src);
	cached_source s = {
		.key = key, .name = name, .verb = N_("cached"), .rates_of = false,
		.max_age = o->max_age, .immutable = template && tables_past(day), .force = o->force, .o = o,
		.produce = tables_stepped_produce, .accept = tables_stepped_accept, .ctx = &u.step,
	};
	tables_find_cache_dir(&s, dir, derr);
	cache_outcome out;
	memset(rep, 0, sizeof *rep);
	if (tables_through_cache(t, &s, rep, &out, why) != 0) {
		tables_load_failed(err, o, name, template, day, why);
		return -1;
	}
	rep->fetched = !out.from_copy;
	if (template)
		tables_answered_note(o, name, t, day);
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
		return tables_load_official(t, source, o, rep, err);
	case TABLES_FILE:
		break;
	}
	char *text;
	size_t len;
	if (load_read_file(source, &text, &len, lerr) != 0) {
		msg_set(err, TABLES_MSG_MAX, _("cannot read rate table '%s': %s"), source, lerr);
		return -1;
	}
	int rc = load_table_base(t, text, len, strcmp(source, "-") == 0 ? "stdin" : source, o->base,
	                         tables_settings_of(o)->libxml2, lerr);
	free(text);
	if (rc != 0) {
		msg_set(err, TABLES_MSG_MAX, _("invalid rate table '%s': %s"), source, lerr);
		return -1;
	}
	return 0;
}
