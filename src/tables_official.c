/*
 * tables_official.c - the official table (tables.h's `official` and
 * `official:BANK`): each bank's feed through the cache, the NBKR's archive
 * page for a past day, the TMT peg, and the USD table built from them
 * (official.h), stored as native JSON so that a conversion never parses XML.
 */
#include "tables_int.h"
#include "ctx.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sarraf/feed.h"
#include "sarraf/load.h"
#include "sarraf/nbkr_archive.h"
#include "sarraf/official.h"
#include "sarraf/output.h"

/* ---- the official table ------------------------------------------------------------ */

/* What building the official table gathers besides the banks' tables. */
typedef struct {
	const char *which;    /* "official" or "official:nbk" ... */
	const tables_opts *o;
	const char *dir, *dir_err;
	bool complete;        /* every bank answered, none through a fall-back */
	bool single;          /* one bank's table: its failure is the load's, not a warning */
	char held[256];       /* offline: the nearest stored days of the banks that lack the day */
	size_t nmissing;      /* offline: the banks that lack it, warned of once the table is built */
	char missing[OFFICIAL_BANKS][REASON_MAX];
} official_run;

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
 * One bank's feed: today's through the cache under "official:LABEL", one
 * copy per feed whatever its URL, since a mirror's copy is still the bank's
 * feed; a day's through the archive (archive.h) under the label.
 */
typedef struct {
	const feed_info *feed;
	const tables_opts *o;
} feed_source;

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

static archive_status feed_ask(const archive_source *as, date_t d, cache_entry *fresh,
                               char why[ARCHIVE_WHY_MAX])
{
	const feed_source *f = as->ctx;
	char url[URL_MAX];
	bool overridden;
	if (feed_url(url, sizeof url, f->feed, f->o->settings, &d, &overridden) != 0) {
		msg_set(why, ARCHIVE_WHY_MAX, _("the URL is too long"));
		return ARCHIVE_FAILED;
	}
	return tables_ask_day(f->o, url, d, fresh, why);
}

static int feed_parse_as(const archive_source *as, rates_table *t, const char *body, size_t len,
                         char why[ARCHIVE_WHY_MAX])
{
	return feed_parse_body(as->ctx, t, body, len, why);
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
 * A source of the archive failed for day: the warning, or offline, what it
 * holds of the days before (run->held, for the error when no bank is left).
 */
static void day_missing(official_run *run, const archive_source *as, date_t day, const char *url,
                        const char *why)
{
	char lab[64];
	const tables_opts *o = run->o;
	date_t p;
	char piso[DATE_ISO_SIZE];
	size_t n = strlen(run->held);
	run->complete = false;
	msg_emit(&o->info, _("%-12s unavailable  %s"), label_column(lab, _(as->label)), url);
	if (!o->offline) {
		msg_emit(&o->warn, _("warning: %s at '%s' unavailable: %s; no cached copy"), as->label, url, why);
		return;
	}
	if (!run->single && run->nmissing < OFFICIAL_BANKS)
		msg_set(run->missing[run->nmissing++], REASON_MAX, "%s: %s", as->label, why);
	if (run->dir != NULL && archive_nearest(&p, run->dir, as->id, day)) {
		date_format_iso(piso, p);
		snprintf(run->held + n, sizeof run->held - n, "%s%s %s", n ? ", " : "", as->label, piso);
	}
}

/* A day's table of a source of the archive into t, its notes said; false when it has none. */
static bool get_day(rates_table *t, official_run *run, const archive_source *as, const char *url)
{
	char lab[64];
	const tables_opts *o = run->o;
	char why[REASON_MAX], age[64];
	date_t day = tables_day_asked(o);
	archive_opts ao;
	archive_outcome out;
	tables_archive_opts(&ao, o, run->dir);
	if (archive_get(t, as, day, &ao, &out, why) != 0) {
		day_missing(run, as, day, url, why);
		return false;
	}
	tables_dated_notes(o, as->label, day, &out, why);
	if (out.fell_back)
		run->complete = false;
	tables_age_text(age, sizeof age, out.age);
	/* The URL of the body that answered (a day before the one asked, maybe). */
	const rates_receipt *r = rates_receipt_of(t, NULL);
	if (r != NULL)
		url = r->url;
	if (out.stored)
		msg_emit(&o->info, _("%-12s %s  cached %s ago  %s"), label_column(lab, _(as->label)), t->date ? t->date : "?", age, url);
	else
		msg_emit(&o->info, _("%-12s %s  fetched  %s"), label_column(lab, _(as->label)), t->date ? t->date : "?", url);
	return true;
}

/*
 * One feed into t (initialised): fetched, else its cached copy (with a
 * warning), else false (with a warning: the bank is missing).
 */
static bool get_feed(rates_table *t, const feed_info *feed, official_run *run)
{
	char lab[64];
	const tables_opts *o = run->o;
	char url[URL_MAX], key[256], name[URL_MAX + 64], why[REASON_MAX], age[64], prev[URL_MAX];
	bool overridden;
	date_t day = tables_day_asked(o);
	feed_source f = { feed, o };
	if (feed_url(url, sizeof url, feed, o->settings, o->dated ? &day : NULL, &overridden) != 0)
		snprintf(url, sizeof url, "?");
	if (o->dated) {
		/* A URL that names no day answers the same for the days before: asked once. */
		date_t before = date_add(day, -1);
		bool once = feed_url(prev, sizeof prev, feed, o->settings, &before, &overridden) != 0 ||
		            strcmp(prev, url) == 0;
		/* The XML feeds are stored as JSON too: reading a day back then needs no libxml2. */
		bool xml = feed->bank != OFFICIAL_CBU;
		archive_source as = { feed->label, feed->label, feed_ask, feed_parse_as, once, xml, &f };
		return get_day(t, run, &as, url);
	}
	snprintf(key, sizeof key, "official:%s", feed->label);
	snprintf(name, sizeof name, _("%s at '%s'"), _(feed->label), url);
	url_asker ua = { o, url, false, feed_parse_body, &f };
	cached_source s = {
		.key = key, .name = name, .verb = N_("cached"), .rates_of = true,
		.max_age = 0, .o = o, .dir = run->dir, .dir_err = run->dir_err,
		.produce = tables_url_produce, .accept = tables_url_accept, .ctx = &ua,
	};
	tables_report rep;
	cache_outcome out;
	memset(&rep, 0, sizeof rep);
	if (tables_through_cache(t, &s, &rep, &out, why) != 0) {
		msg_emit(&o->warn, _("warning: %s unavailable: %s; no cached copy"), name, why);
		msg_emit(&o->info, _("%-12s unavailable  %s"), label_column(lab, _(feed->label)), url);
		run->complete = false;
		return false;
	}
	if (out.fell_back)
		run->complete = false;
	if (out.from_copy) {
		tables_age_text(age, sizeof age, out.age);
		msg_emit(&o->info, _("%-12s %s  cached %s ago  %s"), label_column(lab, _(feed->label)), t->date, age, url);
	} else {
		msg_emit(&o->info, _("%-12s %s  fetched  %s"), label_column(lab, _(feed->label)), t->date, url);
	}
	/* The day a feed URL given without placeholders names. */
	date_t asked = day;
	if (!out.from_copy && requested_date(&asked, url))
		tables_answered_note(o, _(feed->label), t, asked);
	return true;
}

/*
 * The NBKR on a day: its archive page, one currency a request over the
 * window [day - TABLES_STEP_BACK, day], each currency's latest row on or
 * before the day. The bank's own table asks for the currencies of its daily
 * list; the USD table needs the dollar alone. The table is built here and
 * stored as native JSON under the day of its USD row ("NBKR", "NBKR-USD"),
 * with a receipt for each page.
 */
static const char *const nbkr_daily_codes[] = { "USD", "EUR", "CNY", "KZT", "RUB" };

typedef struct {
	const tables_opts *o;
	size_t ncodes;
} nbkr_source;

/* The receipt of one archive page, for code's quote of the row of day, as a line added to *meta. */
static bool page_receipt(char **meta, const char *url, const char *code, date_t asked, date_t day,
                         const cache_entry *page)
{
	rates_receipt r;
	char line[ARCHIVE_LINE_MAX];
	archive_receipt_make(&r, url, code, &asked, (long long)time(NULL), page->body, page->len);
	date_format_iso(r.published, day);
	int n = archive_receipt_line(line, sizeof line, &r);
	if (n < 0)
		return true;
	size_t have = *meta != NULL ? strlen(*meta) : 0;
	char *m = realloc(*meta, have + (size_t)n + 1);
	if (m == NULL)
		return false;
	memcpy(m + have, line, (size_t)n + 1);
	*meta = m;
	return true;
}

static archive_status nbkr_ask(const archive_source *as, date_t d, cache_entry *fresh,
                               char why[ARCHIVE_WHY_MAX])
{
	const nbkr_source *ns = as->ctx;
	const char *env = tables_settings_of(ns->o)->nbkr_archive_url;
	const char *tmpl = env != NULL && *env != '\0' ? env : NBKR_ARCHIVE_URL;
	char url[URL_MAX], ferr[FEED_ERR_MAX], iso[DATE_ISO_SIZE], day[DATE_ISO_SIZE];
	nbkr_day_rate *rows = malloc(NBKR_ARCHIVE_MAX_DAYS * sizeof *rows);
	rates_table t;
	archive_status rc = ARCHIVE_FAILED;
	rates_init(&t);
	date_format_iso(day, d);
	memcpy(t.base, "KGS", 4);
	if (rows == NULL || !rates_set_string(&t.source, official_info(OFFICIAL_NBKR)->name)) {
		msg_set(why, ARCHIVE_WHY_MAX, _("out of memory"));
		goto done;
	}
	for (size_t k = 0; k < ns->ncodes; k++) {
		const char *code = nbkr_daily_codes[k];
		cache_entry page;
		cache_entry_init(&page);
		if (nbkr_archive_url(url, sizeof url, tmpl, nbkr_archive_id(code),
		                     date_add(d, -TABLES_STEP_BACK), d) != 0) {
			msg_set(why, ARCHIVE_WHY_MAX, _("the archive URL for %s is too long"), code);
			goto done;
		}
		ask_status st = tables_ask(ns->o, url, NULL, &page, why);
		if (st == ASK_FAILED || (st == ASK_NOTHING && k == 0)) {
			cache_entry_destroy(&page);
			rc = st == ASK_NOTHING ? ARCHIVE_NOTHING : ARCHIVE_FAILED;
			goto done;
		}
		int n = st == ASK_BODY ? nbkr_archive_parse(rows, NBKR_ARCHIVE_MAX_DAYS, page.body, page.len,
		                                            ferr) : 0;
		const nbkr_day_rate *on = n > 0 ? nbkr_archive_on(rows, (size_t)n, d) : NULL;
		bool receipt = on == NULL || page_receipt(&fresh->meta, url, code, d, on->day, &page);
		cache_entry_destroy(&page);
		if (n < 0) {
			msg_set(why, ARCHIVE_WHY_MAX, _("the archive page of %s: %s"), code, ferr);
			goto done;
		}
		if (on == NULL) {
			if (k > 0)
				continue; /* a currency the bank did not publish: left out */
			msg_set(why, ARCHIVE_WHY_MAX, _("no rates for %s or the %d days before (USD)"), day,
			        TABLES_STEP_BACK);
			rc = ARCHIVE_NOTHING;
			goto done;
		}
		/* KGS per nominal: a power of ten folded into the exponent. */
		dec_t v = on->value;
		for (int nominal = nbkr_archive_nominal(code); nominal > 1; nominal /= 10)
			v.exp--;
		date_format_iso(iso, on->day);
		if (!receipt || !rates_add(&t, code, &v, false) ||
		    !rates_set_quote_origin(&t, t.count - 1, official_info(OFFICIAL_NBKR)->name, iso) ||
		    (k == 0 && !rates_set_string(&t.date, iso))) {
			msg_set(why, ARCHIVE_WHY_MAX, _("out of memory"));
			goto done;
		}
		t.quotes[t.count - 1].exact = true; /* the bank's rate, as it publishes it */
	}
	fresh->body = load_to_json(&t);
	if (fresh->body == NULL) {
		msg_set(why, ARCHIVE_WHY_MAX, _("out of memory"));
		goto done;
	}
	fresh->len = strlen(fresh->body);
	rc = ARCHIVE_BODY;
done:
	free(rows);
	rates_destroy(&t);
	return rc;
}

static int nbkr_parse(const archive_source *as, rates_table *t, const char *body, size_t len,
                      char why[ARCHIVE_WHY_MAX])
{
	char lerr[LOAD_ERR_MAX];
	(void)as;
	if (load_table(t, body, len, "NBKR", lerr) != 0) {
		msg_set(why, ARCHIVE_WHY_MAX, "%s", lerr);
		return -1;
	}
	return 0;
}

/* The NBKR's table of a day from its archive, as get_feed() does for the other banks. */
static bool get_nbkr_archive(rates_table *t, bool whole_list, official_run *run)
{
	nbkr_source ns = { run->o, whole_list ? sizeof nbkr_daily_codes / sizeof nbkr_daily_codes[0] : 1 };
	archive_source as = { whole_list ? "NBKR" : "NBKR-USD", "NBKR", nbkr_ask, nbkr_parse, true, false, &ns };
	return get_day(t, run, &as, _("the archive"));
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

/* Bank b's table: its feed, or on a day for the NBKR, its archive. */
static bool get_bank(rates_table *t, official_bank b, bool whole_list, official_run *run)
{
	if (b == OFFICIAL_NBKR && run->o->dated)
		return get_nbkr_archive(t, whole_list, run);
	return get_feed(t, feed_by_id(bank_feed[b]), run);
}

/* The receipt behind r's quotes, for code's quote of out (a copy); false when out of memory. */
static bool receipt_for(rates_table *out, const rates_receipt *r, const char *code)
{
	if (r == NULL)
		return true;
	rates_receipt c = *r;
	c.codes = (char *)code;
	return rates_add_receipt(out, &c);
}

/*
 * The table named by which into out (initialised) from the banks' tables,
 * each quote with the receipt of the body it came from. 0, or -1 with why.
 */
/* Offline, no bank has the day: why names the days the cache holds before it. */
static void none_stored(const official_run *run, char why[REASON_MAX])
{
	char iso[DATE_ISO_SIZE];
	date_format_iso(iso, tables_day_asked(run->o));
	if (run->held[0] != '\0')
		msg_set(why, REASON_MAX, _("no stored rates of %s (the cache holds %s)"), iso, run->held);
	else
		msg_set(why, REASON_MAX, _("no stored rates of %s (the cache holds no earlier day)"), iso);
}

/* The NBKR's weekly list (40 currencies) added to its daily one (5), each with its receipt. */
static void add_nbkr_weekly(rates_table *out, official_run *run, char why[REASON_MAX])
{
	rates_table weekly;
	rates_init(&weekly);
	size_t before = out->count;
	if (get_feed(&weekly, feed_by_id("nbkr-weekly"), run) && !official_merge(out, &weekly))
		msg_set(why, REASON_MAX, _("out of memory"));
	for (size_t k = before; k < out->count; k++)
		if (!receipt_for(out, rates_receipt_of(&weekly, NULL), out->quotes[k].code))
			msg_set(why, REASON_MAX, _("out of memory"));
	rates_destroy(&weekly);
}

/*
 * The official table: one USD table of the banks' USD quotes and the peg
 * (official.h), with each bank's own table, every currency it publishes, as
 * a part (rates.h): a pair is answered by the quote the law names
 * (official_answer_pair). The NBKR gives its daily and weekly lists today;
 * on a date its archive is a page a currency, and only its USD is asked.
 */
static int build_official(rates_table *out, official_run *run, char why[REASON_MAX])
{
	const tables_opts *o = run->o;
	const char *which = run->which;
	char oerr[OFFICIAL_ERR_MAX], peg_source[160];
	rates_table banks[OFFICIAL_BANKS];
	const rates_table *have[OFFICIAL_BANKS] = { NULL };
	official_bank one = OFFICIAL_NBK;
	bool single = strcmp(which, "official") != 0 && official_from_id(&one, which + 9);
	int rc = -1;
	run->single = single;
	dec_t peg;

	for (size_t b = 0; b < OFFICIAL_BANKS; b++)
		rates_init(&banks[b]);
	if (single) {
		if (!get_bank(&banks[one], one, true, run)) {
			if (o->offline)
				none_stored(run, why);
			else if (ctx_load_unreachable(o->ctx)[0] != '\0')
				/* a bank that cannot be reached is named so, not as having no rates */
				msg_set(why, REASON_MAX, _("%s cannot be reached (%s)"), _(official_info(one)->abbrev),
				        ctx_load_unreachable(o->ctx));
			else
				msg_set(why, REASON_MAX, _("%s has no rates"), _(official_info(one)->abbrev));
			goto done;
		}
		rates_destroy(out);
		*out = banks[one];
		rates_init(&banks[one]);
		if (one == OFFICIAL_NBKR && !o->dated)
			add_nbkr_weekly(out, run, why);
	} else {
		if (!tmt_peg(o, &peg, peg_source, why))
			goto done;
		for (size_t b = 0; b < OFFICIAL_BANKS; b++)
			/* on a date the NBKR's archive is a page a currency: its USD alone (official:nbkr
			   gives its daily list) */
			if (get_bank(&banks[b], (official_bank)b, !o->dated, run))
				have[b] = &banks[b];
		if (have[OFFICIAL_NBKR] != NULL && !o->dated)
			add_nbkr_weekly(&banks[OFFICIAL_NBKR], run, why);
		bool none = true;
		for (size_t b = 0; b < OFFICIAL_BANKS; b++)
			none &= have[b] == NULL;
		if (none && o->offline) {
			none_stored(run, why);
			goto done;
		}
		if (official_usd_table(out, have, &peg, peg_source, &o->warn, oerr) != 0) {
			msg_set(why, REASON_MAX, "%s", oerr);
			goto done;
		}
		for (size_t k = 0; k < run->nmissing; k++)
			msg_emit(&o->warn, _("warning: %s, and --offline forbids fetching it"), run->missing[k]);
		/* Each bank's quote of the dollar stands behind its currency's quote. */
		for (size_t b = 0; b < OFFICIAL_BANKS; b++) {
			const char *code = official_info((official_bank)b)->currency;
			const rates_receipt *r = rates_receipt_of(&banks[b], "USD");
			if (have[b] != NULL && rates_find(out, code) != NULL &&
			    !receipt_for(out, r != NULL ? r : rates_receipt_of(&banks[b], NULL), code))
				msg_set(why, REASON_MAX, _("out of memory"));
		}
		/* Each bank's own table, whole, as a part of the official one. */
		for (size_t b = 0; b < OFFICIAL_BANKS && why[0] == '\0'; b++) {
			if (have[b] == NULL)
				continue;
			out->parts[b] = malloc(sizeof *out->parts[b]);
			if (out->parts[b] == NULL) {
				msg_set(why, REASON_MAX, _("out of memory"));
				break;
			}
			*out->parts[b] = banks[b];
			rates_init(&banks[b]);
			char origin[24];
			snprintf(origin, sizeof origin, "official:%s", official_info((official_bank)b)->id);
			if (!rates_set_string(&out->parts[b]->origin, origin))
				msg_set(why, REASON_MAX, _("out of memory"));
		}
	}
	rc = why[0] == '\0' && rates_set_string(&out->origin, which) ? 0 : -1;
	if (rc != 0 && why[0] == '\0')
		msg_set(why, REASON_MAX, _("out of memory"));
done:
	for (size_t b = 0; b < OFFICIAL_BANKS; b++)
		rates_destroy(&banks[b]);
	return rc;
}

/* Today's table named by which, as native JSON with its receipts beside it (the body to cache). */
static int official_produce(const cached_source *s, const cache_entry *copy, cache_entry *fresh,
                            bool *not_modified, bool *keep, char why[REASON_MAX])
{
	official_run *run = s->ctx;
	rates_table out;
	(void)copy;
	(void)not_modified;
	(void)keep;
	rates_init(&out);
	int rc = build_official(&out, run, why);
	if (rc == 0) {
		fresh->body = load_to_json(&out);
		if (fresh->body == NULL || !archive_receipts_meta(&fresh->meta, &out)) {
			msg_set(why, REASON_MAX, _("out of memory"));
			rc = -1;
		} else {
			fresh->len = strlen(fresh->body);
		}
	}
	rates_destroy(&out);
	return rc;
}

static int official_accept(const cached_source *s, rates_table *t, const char *body, size_t len,
                           char why[REASON_MAX])
{
	const official_run *run = s->ctx;
	char lerr[LOAD_ERR_MAX];
	if (load_table(t, body, len, run->which, lerr) != 0) {
		msg_set(why, REASON_MAX, "%s", lerr);
		return -1;
	}
	return 0;
}

int tables_load_official(rates_table *t, const char *which, const tables_opts *o,
                         tables_report *rep, char err[TABLES_MSG_MAX])
{
	char dir[CACHE_PATH_MAX], derr[CACHE_ERR_MAX], key[KEY_MAX], url[URL_MAX], name[64];
	char why[REASON_MAX] = "";
	bool overridden;
	official_run run = { which, o, NULL, NULL, true, false, "", 0, { "" } };

	snprintf(name, sizeof name, "'%s'", which);
	memset(rep, 0, sizeof *rep);
	run.dir = tables_cache_dir(o, dir, derr);
	run.dir_err = derr;
	if (o->dated) {
		/* A day's table is built each time from the banks' stored days: nothing is stored of it. */
		if (build_official(t, &run, why) != 0) {
			tables_load_failed(err, o, name, true, o->date, why);
			return -1;
		}
		rep->fetched = true;
		return 0;
	}
	/* The key names every overridden feed URL and the peg: another mirror, another table. */
	int n = snprintf(key, sizeof key, "official:table:%s", which);
	for (size_t f = 0; f < feed_count() && n > 0 && (size_t)n < sizeof key; f++) {
		const feed_info *fi = feed_at(f);
		if (fi->bank < 0)
			continue;
		if (feed_url(url, sizeof url, fi, o->settings, NULL, &overridden) != 0)
			overridden = false;
		n += snprintf(key + n, sizeof key - (size_t)n, " %s", overridden ? url : "-");
	}
	const char *peg = tables_settings_of(o)->tmt_peg;
	if (n > 0 && (size_t)n < sizeof key)
		snprintf(key + n, sizeof key - (size_t)n, " - peg=%s", peg != NULL ? peg : "");

	cached_source s = {
		.key = key, .name = name, .verb = N_("built"), .rates_of = false,
		.max_age = o->max_age, .force = o->force, .o = o, .dir = run.dir, .dir_err = derr,
		.produce = official_produce, .accept = official_accept, .ctx = &run,
	};
	cache_outcome out;
	if (tables_through_cache(t, &s, rep, &out, why) != 0) {
		tables_load_failed(err, o, name, false, date_today(), why);
		return -1;
	}
	rep->fetched = !out.from_copy;
	return 0;
}
