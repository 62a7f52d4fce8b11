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

/* The day of a table's date ("2026-04-01" or with a time); false when it has none. */
bool tables_table_day(const rates_table *t, date_t *d)
{
	return t->date != NULL && date_parse_iso_time(d, t->date);
}


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
 * The receipts stored beside e's body, into t (read from e), each with the
 * table's day as the day published when it has none; with rewrite, e's
 * lines are written anew from them (a new body's, to be stored).
 */
static bool with_receipts(rates_table *t, cache_entry *e, bool rewrite)
{
	if (e->meta == NULL)
		return true; /* a copy stored before receipts were: none */
	if (archive_receipts_read(t, e->meta, strlen(e->meta)) < 0)
		return false;
	archive_receipts_published(t, t->date);
	if (!rewrite)
		return true;
	free(e->meta);
	return archive_receipts_meta(&e->meta, t);
}

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
		have_copy = s->accept(s, &ct, copy.body, copy.len, lerr) == 0 && with_receipts(&ct, &copy, false);
	if (have_copy) {
		out->age = now - copy.fetched < 0 ? 0 : now - copy.fetched;
		/* Strictly younger, so that --max-age 0 always asks the source. */
		if (!s->force && (out->age < s->max_age || o->offline)) {
			if (out->age >= s->max_age) {
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
	} else if (rc == 0 && !with_receipts(&nt, &fresh, true)) {
		msg_set(why, REASON_MAX, _("out of memory"));
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

/* The settings' cache folder into dir; none: NULL, and why in err. */
const char *tables_cache_dir(const tables_opts *o, char dir[CACHE_PATH_MAX], char err[CACHE_ERR_MAX])
{
	const sarraf_settings *set = tables_settings_of(o);
	const char *given = set->cache_dir != NULL ? set->cache_dir : "";
	if (given[0] == '\0')
		msg_set(err, CACHE_ERR_MAX, "%s",
		        set->cache_dir_err != NULL ? set->cache_dir_err : _("no cache directory was given"));
	else if (snprintf(dir, CACHE_PATH_MAX, "%s", given) >= CACHE_PATH_MAX)
		msg_set(err, CACHE_ERR_MAX, _("cache directory path too long"));
	else
		return dir;
	return NULL;
}

void tables_find_cache_dir(cached_source *s, char dir[CACHE_PATH_MAX], char err[CACHE_ERR_MAX])
{
	s->dir = tables_cache_dir(s->o, dir, err);
	s->dir_err = err;
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
		msg_set(err, TABLES_MSG_MAX, _("cannot load rate table %s: %s, and --offline forbids fetching it"),
		        name, why);
	else
		msg_set(err, TABLES_MSG_MAX, _("cannot load rate table %s: %s"), name, why);
}

/* ---- asking a server, politely ------------------------------------------------- */

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
static void pause_for(const tables_opts *o, const char *host)
{
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
	char host[256];
	fetch_url_host(host, sizeof host, url);
	/* A host that could not be reached is not asked again in this run (a history of many days). */
	if (ctx_unreachable(o->ctx, host)) {
		msg_set(why, REASON_MAX, _("%s could not be reached earlier in this run"), host);
		ctx_saw_unreachable(o->ctx, host);
		return ASK_FAILED;
	}
	pause_for(o, host);
	fetch_result_init(&r);
	fetch_status fs = fetch_url(&r, url, &fo);
	ctx_count_request(o->ctx);
	if (r.unreachable) {
		ctx_mark_unreachable(o->ctx, host);
		ctx_saw_unreachable(o->ctx, host);
	}
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


/* The receipt of a body just received, as its metadata line into e->meta. */
static void receipt_meta(cache_entry *e, const char *url, const date_t *asked)
{
	rates_receipt r;
	char line[ARCHIVE_LINE_MAX];
	archive_receipt_make(&r, url, NULL, asked, (long long)time(NULL), e->body, e->len);
	free(e->meta);
	e->meta = archive_receipt_line(line, sizeof line, &r) > 0 ? strdup(line) : NULL;
}

/*
 * The current rates at one URL: asked (conditionally when there is a
 * copy), and refused when dated after tomorrow (the banks publish
 * tomorrow's rates the afternoon before).
 */
int tables_url_produce(const cached_source *s, const cache_entry *copy, cache_entry *fresh,
                       bool *not_modified, bool *keep, char why[REASON_MAX])
{
	const url_asker *ua = s->ctx;
	rates_table t;
	date_t td;
	(void)keep;
	ask_status st = tables_ask(ua->o, ua->url, ua->conditional ? copy : NULL, fresh, why);
	if (st == ASK_NOT_MODIFIED) {
		*not_modified = true;
		return 0;
	}
	if (st != ASK_BODY)
		return -1;
	rates_init(&t);
	int rc = ua->parse(ua->ctx, &t, fresh->body, fresh->len, why);
	if (rc == 0 && tables_table_day(&t, &td) &&
	    date_cmp(td, date_add(date_today(), TABLES_DAYS_AHEAD)) > 0) {
		msg_set(why, REASON_MAX, _("it answered with rates of %s"), t.date);
		rc = -1;
	}
	rates_destroy(&t);
	if (rc == 0)
		receipt_meta(fresh, ua->url, NULL);
	return rc;
}

int tables_url_accept(const cached_source *s, rates_table *t, const char *body, size_t len,
                      char why[REASON_MAX])
{
	const url_asker *ua = s->ctx;
	return ua->parse(ua->ctx, t, body, len, why);
}

archive_status tables_ask_day(const tables_opts *o, const char *url, date_t d, cache_entry *fresh,
                              char why[REASON_MAX])
{
	ask_status st = tables_ask(o, url, NULL, fresh, why);
	if (st == ASK_BODY) {
		receipt_meta(fresh, url, &d);
		return ARCHIVE_BODY;
	}
	return st == ASK_NOTHING ? ARCHIVE_NOTHING : ARCHIVE_FAILED;
}

void tables_archive_opts(archive_opts *ao, const tables_opts *o, const char *dir)
{
	ao->dir = dir;
	ao->now = (long long)time(NULL);
	ao->today = date_on(ao->now);
	ao->max_age = o->max_age;
	ao->offline = o->offline;
	ao->force = o->force;
}

void tables_dated_notes(const tables_opts *o, const char *label, date_t day, const archive_outcome *out,
                        const char *why)
{
	char iso[DATE_ISO_SIZE], res[DATE_ISO_SIZE], age[64];
	date_format_iso(iso, day);
	date_format_iso(res, out->resolved);
	tables_age_text(age, sizeof age, out->age);
	if (out->fell_back)
		msg_emit(&o->warn, _("warning: cannot refresh %s for %s (%s); using the answer stored %s ago "
		         "(rates of %s)"), label, iso, why, age, res);
	else if (out->stale)
		msg_emit(&o->warn, _("warning: using the answer of %s for %s stored %s ago, older than --max-age "
		         "(--offline)"), label, iso, age);
	if (out->store_err[0] != '\0')
		msg_emit(&o->warn, _("warning: the table of %s is not cached: %s"), label, out->store_err);
	if (!o->quiet_earlier && date_cmp(out->resolved, day) != 0)
		msg_emit(&o->note, _("%s: rates of %s (none published for %s)"), label, res, iso);
}

/* ---- URLs and URL templates ------------------------------------------------------ */

typedef struct {
	const char *url;        /* as given: a URL or a template */
	const tables_opts *o;
} url_source;

static int parse_table(void *ctx, rates_table *t, const char *body, size_t len, char why[REASON_MAX])
{
	const url_source *u = ctx;
	char lerr[LOAD_ERR_MAX];
	if (load_table_base(t, body, len, u->url, u->o->base, tables_settings_of(u->o)->libxml2, lerr) != 0) {
		msg_set(why, REASON_MAX, _("not a valid rate table: %s"), lerr);
		return -1;
	}
	return 0;
}

/*
 * The answer is dated another day than asked: say so (an override URL
 * without placeholders may name any day).
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

static archive_status template_ask(const archive_source *as, date_t d, cache_entry *fresh,
                                   char why[ARCHIVE_WHY_MAX])
{
	const url_source *u = as->ctx;
	char url[URL_MAX];
	if (date_expand(url, sizeof url, u->url, d) < 0) {
		msg_set(why, ARCHIVE_WHY_MAX, _("the URL is too long"));
		return ARCHIVE_FAILED;
	}
	return tables_ask_day(u->o, url, d, fresh, why);
}

static int template_parse(const archive_source *as, rates_table *t, const char *body, size_t len,
                          char why[ARCHIVE_WHY_MAX])
{
	return parse_table(as->ctx, t, body, len, why);
}

/* A URL template: the archive of the days it published (archive.h). */
static int load_template(rates_table *t, const char *src, const tables_opts *o, tables_report *rep,
                         char err[TABLES_MSG_MAX])
{
	char dir[CACHE_PATH_MAX], derr[CACHE_ERR_MAX], name[URL_MAX + 2], why[REASON_MAX];
	date_t day = tables_day_asked(o);
	url_source u = { src, o };
	archive_source as = { src, name, template_ask, template_parse, false, false, &u };
	archive_opts ao;
	archive_outcome out;
	snprintf(name, sizeof name, "'%s'", src);
	if (strlen(src) >= ARCHIVE_ID_MAX) {
		msg_set(err, TABLES_MSG_MAX, _("cannot load rate table '%s': the URL is too long"), src);
		return -1;
	}
	tables_archive_opts(&ao, o, tables_cache_dir(o, dir, derr));
	if (archive_get(t, &as, day, &ao, &out, why) != 0) {
		tables_load_failed(err, o, name, true, day, why);
		return -1;
	}
	tables_dated_notes(o, name, day, &out, why);
	rep->fetched = !out.stored;
	snprintf(rep->cache_path, sizeof rep->cache_path, "%s", out.path);
	snprintf(rep->cache_err, sizeof rep->cache_err, "%s", ao.dir == NULL ? derr : out.store_err);
	return 0;
}

static int load_url(rates_table *t, const char *src, const tables_opts *o, tables_report *rep,
                    char err[TABLES_MSG_MAX])
{
	char dir[CACHE_PATH_MAX], derr[CACHE_ERR_MAX], name[URL_MAX + 2], why[REASON_MAX];
	url_source u = { src, o };
	url_asker ua = { o, src, true, parse_table, &u };
	if (strlen(src) >= URL_MAX) {
		msg_set(err, TABLES_MSG_MAX, _("cannot load rate table '%s': the URL is too long"), src);
		return -1;
	}
	snprintf(name, sizeof name, "'%s'", src);
	cached_source s = {
		.key = src, .name = name, .verb = N_("cached"), .rates_of = false,
		.max_age = o->max_age, .force = o->force, .o = o,
		.produce = tables_url_produce, .accept = tables_url_accept, .ctx = &ua,
	};
	tables_find_cache_dir(&s, dir, derr);
	cache_outcome out;
	memset(rep, 0, sizeof *rep);
	if (tables_through_cache(t, &s, rep, &out, why) != 0) {
		tables_load_failed(err, o, name, false, date_today(), why);
		return -1;
	}
	rep->fetched = !out.from_copy;
	return 0;
}

/* ---- every source ------------------------------------------------------------------ */

static int load_source(rates_table *t, const char *source, const tables_opts *o, tables_report *rep,
                       char err[TABLES_MSG_MAX]);

int tables_load(rates_table *t, const char *source, const tables_opts *o, tables_report *rep,
                char err[TABLES_MSG_MAX])
{
	ctx_load_begin(o->ctx);
	int rc = load_source(t, source, o, rep, err);
	rep->requests = ctx_load_requests(o->ctx);
	if (rc != 0)
		snprintf(rep->unreachable, sizeof rep->unreachable, "%s", ctx_load_unreachable(o->ctx));
	return rc;
}

static int load_source(rates_table *t, const char *source, const tables_opts *o, tables_report *rep,
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
		return load_url(t, source, o, rep, err);
	case TABLES_TEMPLATE:
		return load_template(t, source, o, rep, err);
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
	if (rc == 0) {
		/* A file's receipt: its path (or "-") and the digest of what was read. */
		rates_receipt r;
		archive_receipt_make(&r, source, NULL, NULL, 0, text, len);
		r.fetched[0] = '\0';
		if (rates_add_receipt(t, &r))
			archive_receipts_published(t, t->date);
	}
	free(text);
	if (rc != 0) {
		msg_set(err, TABLES_MSG_MAX, _("invalid rate table '%s': %s"), source, lerr);
		return -1;
	}
	return 0;
}
