/*
 * archive.c - the archive of published days (see archive.h): tables stored
 * under the day they carry, resolutions of asked days stored apart, and
 * the receipts beside each body, all as entries of the one cache (cache.h).
 *
 *   archive_get(D):  table of D stored, good          -> it
 *                    resolution D -> P stored, good    -> table of P
 *                    offline                           -> fail, naming the nearest stored day
 *                    ask D, D-1, ... (nothing: step)   -> store under P; P < D: resolution
 *                        failure                       -> the stored answer (any age), or fail
 */
#include "sarraf/archive.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sarraf/load.h"
#include "sarraf/sha256.h"

_Static_assert(RATES_DAY_SIZE == DATE_ISO_SIZE, "a receipt's day is an ISO day");
_Static_assert(RATES_TIME_SIZE == DATE_UTC_SIZE, "a receipt's time is a UTC time");
_Static_assert(RATES_SHA256_SIZE == SHA256_HEX_SIZE, "a receipt's digest is SHA-256 in hex");

#define RESOLUTION_MAGIC "sarraf-resolution 1\n"

int archive_key(char *out, size_t cap, const char *id, date_t d, bool asked)
{
	char iso[DATE_ISO_SIZE];
	date_format_iso(iso, d);
	int n = snprintf(out, cap, "%s %s %s", asked ? "asked" : "day", id, iso);
	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

/* No control byte in s[0..n). */
static bool printable(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)s[k] < 0x20 || s[k] == 0x7F)
			return false;
	return true;
}

/* ---- receipts ----------------------------------------------------------------- */

void archive_receipt_make(rates_receipt *r, const char *url, const char *codes, const date_t *asked,
                          long long now, const char *body, size_t len)
{
	memset(r, 0, sizeof *r);
	r->url = (char *)url;
	r->codes = (char *)codes;
	if (asked != NULL)
		date_format_iso(r->asked, *asked);
	date_format_utc(r->fetched, now);
	sha256_hex(r->sha256, body, len);
}

/* "*", or codes of three capital letters separated by commas. */
static bool codes_ok(const char *s, size_t n)
{
	if (n == 1 && s[0] == '*')
		return true;
	if (n % 4 != 3)
		return false;
	for (size_t k = 0; k < n; k++)
		if (k % 4 == 3 ? s[k] != ',' : s[k] < 'A' || s[k] > 'Z')
			return false;
	return true;
}

static bool hex_ok(const char *s, size_t n)
{
	if (n != SHA256_HEX_SIZE - 1)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'f')))
			return false;
	return true;
}

/* A day field: "" or a real ISO day. */
static bool day_ok(const char *s)
{
	date_t d;
	return s[0] == '\0' || date_parse_iso(&d, s, strlen(s));
}

static bool time_ok(const char *s)
{
	long long t;
	return s[0] == '\0' || date_parse_utc(&t, s, strlen(s));
}

int archive_receipt_line(char *buf, size_t cap, const rates_receipt *r)
{
	char url[ARCHIVE_LINE_MAX];
	size_t n = 0;
	const char *codes = r->codes != NULL ? r->codes : "*";
	if (r->url == NULL || r->url[0] == '\0' || !printable(r->url, strlen(r->url)) ||
	    !codes_ok(codes, strlen(codes)) || !day_ok(r->asked) || !day_ok(r->published) ||
	    !time_ok(r->fetched) || !hex_ok(r->sha256, strlen(r->sha256)))
		return -1;
	for (const char *p = r->url; *p != '\0'; p++) {
		if (n + 4 > sizeof url)
			return -1;
		if (*p == ' ') {
			memcpy(url + n, "%20", 3);
			n += 3;
		} else {
			url[n++] = *p;
		}
	}
	url[n] = '\0';
	int k = snprintf(buf, cap, "receipt %s %s %s %s %s %s\n", codes, url, r->asked[0] ? r->asked : "-",
	                 r->published[0] ? r->published : "-", r->fetched[0] ? r->fetched : "-", r->sha256);
	return k < 0 || (size_t)k >= cap ? -1 : k;
}

/* One "receipt ..." line (without its newline) into t. */
static bool read_receipt(rates_table *t, const char *line, size_t n)
{
	char buf[ARCHIVE_LINE_MAX];
	char *field[7];
	size_t nf = 0;
	if (n >= sizeof buf || !printable(line, n))
		return false;
	memcpy(buf, line, n);
	buf[n] = '\0';
	/* Exactly seven fields, one space apart. */
	for (char *p = buf; p != NULL; nf++) {
		if (nf == 7)
			return false;
		field[nf] = p;
		p = strchr(p, ' ');
		if (p != NULL)
			*p++ = '\0';
	}
	if (nf != 7)
		return false;
	for (size_t k = 0; k < 7; k++)
		if (field[k][0] == '\0')
			return false;
	rates_receipt r;
	memset(&r, 0, sizeof r);
	const char *days[3] = { field[3], field[4], field[5] };
	char *to[3] = { r.asked, r.published, r.fetched };
	size_t room[3] = { sizeof r.asked, sizeof r.published, sizeof r.fetched };
	for (size_t k = 0; k < 3; k++) {
		if (strcmp(days[k], "-") == 0)
			continue;
		if (strlen(days[k]) >= room[k])
			return false;
		memcpy(to[k], days[k], strlen(days[k]) + 1);
	}
	if (strcmp(field[0], "receipt") != 0 || !codes_ok(field[1], strlen(field[1])) || !day_ok(r.asked) ||
	    !day_ok(r.published) || !time_ok(r.fetched) || !hex_ok(field[6], strlen(field[6])))
		return false;
	memcpy(r.sha256, field[6], sizeof r.sha256);
	r.codes = strcmp(field[1], "*") == 0 ? NULL : field[1];
	r.url = field[2];
	return rates_add_receipt(t, &r);
}

int archive_receipts_read(rates_table *t, const char *meta, size_t len)
{
	int count = 0;
	for (const char *p = meta, *end = meta + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (n >= 8 && memcmp(p, "receipt ", 8) == 0) {
			if (!read_receipt(t, p, n))
				return -1;
			count++;
		}
		p += n + 1;
	}
	return count;
}

bool archive_receipts_meta(char **out, const rates_table *t)
{
	char line[ARCHIVE_LINE_MAX];
	size_t len = 0;
	*out = NULL;
	for (size_t k = 0; k < t->nreceipts; k++) {
		int n = archive_receipt_line(line, sizeof line, &t->receipts[k]);
		if (n < 0)
			continue; /* a receipt that cannot be written as a line is not stored */
		char *m = realloc(*out, len + (size_t)n + 1);
		if (m == NULL) {
			free(*out);
			*out = NULL;
			return false;
		}
		memcpy(m + len, line, (size_t)n + 1);
		len += (size_t)n;
		*out = m;
	}
	return true;
}

void archive_receipts_published(rates_table *t, const char *day)
{
	date_t d;
	if (day == NULL || strlen(day) < 10 || !date_parse_iso(&d, day, 10))
		return;
	for (size_t k = 0; k < t->nreceipts; k++)
		if (t->receipts[k].published[0] == '\0')
			date_format_iso(t->receipts[k].published, d);
}

/* ---- resolutions -------------------------------------------------------------- */

int archive_resolution_format(char *buf, size_t cap, const archive_resolution *r)
{
	char asked[DATE_ISO_SIZE], resolved[DATE_ISO_SIZE], decided[DATE_UTC_SIZE];
	if (r->source[0] == '\0' || !printable(r->source, strlen(r->source)) ||
	    !printable(r->why, strlen(r->why)))
		return -1;
	date_format_iso(asked, r->asked);
	date_format_iso(resolved, r->resolved);
	date_format_utc(decided, r->decided);
	return snprintf(buf, cap, RESOLUTION_MAGIC "source %s\nasked %s\nresolved %s\ndecided %s\nwhy %s\n",
	                r->source, asked, resolved, decided, r->why);
}

/* The line "key value\n" at *p: the value (printable) and its length; *p moves past the line. */
static bool field_line(const char **p, const char *end, const char *key, const char **v, size_t *n)
{
	size_t k = strlen(key);
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	if (nl == NULL || (size_t)(nl - *p) < k + 1 || memcmp(*p, key, k) != 0 || (*p)[k] != ' ')
		return false;
	*v = *p + k + 1;
	*n = (size_t)(nl - *v);
	*p = nl + 1;
	return printable(*v, *n);
}

int archive_resolution_parse(archive_resolution *r, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *v;
	size_t n, m = sizeof RESOLUTION_MAGIC - 1;
	memset(r, 0, sizeof *r);
	if (len < m || memcmp(text, RESOLUTION_MAGIC, m) != 0)
		return -1;
	p += m;
	if (!field_line(&p, end, "source", &v, &n) || n == 0 || n >= sizeof r->source)
		return -1;
	memcpy(r->source, v, n);
	if (!field_line(&p, end, "asked", &v, &n) || !date_parse_iso(&r->asked, v, n) ||
	    !field_line(&p, end, "resolved", &v, &n) || !date_parse_iso(&r->resolved, v, n) ||
	    !field_line(&p, end, "decided", &v, &n) || !date_parse_utc(&r->decided, v, n) ||
	    !field_line(&p, end, "why", &v, &n) || n >= sizeof r->why || p != end ||
	    date_cmp(r->resolved, r->asked) > 0) {
		memset(r, 0, sizeof *r);
		return -1;
	}
	memcpy(r->why, v, n);
	return 0;
}

bool archive_resolution_final(const archive_resolution *r, date_t today)
{
	return date_cmp(r->resolved, r->asked) == 0 ||
	       date_to_days(today) - date_to_days(r->asked) > ARCHIVE_FINAL_DAYS;
}

/* ---- the stored days ------------------------------------------------------------ */

static long long age_of(const archive_opts *o, long long when)
{
	return o->now - when < 0 ? 0 : o->now - when;
}

/* The day of a table's date ("2026-04-01" or with a time); false when it has none. */
static bool table_day(const rates_table *t, date_t *d)
{
	return t->date != NULL && date_parse_iso_time(d, t->date);
}

/*
 * The native JSON form of a stored day (a source with json_too): the key
 * "json SOURCE DAY", beside "day SOURCE DAY", with the same receipt lines.
 */
static int json_key(char *out, size_t cap, const char *id, date_t d)
{
	char iso[DATE_ISO_SIZE];
	date_format_iso(iso, d);
	int n = snprintf(out, cap, "json %s %s", id, iso);
	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

/* Store t as the JSON form of day d of s, beside a body whose receipt lines are meta (best effort). */
static void store_json(const archive_source *s, const archive_opts *o, date_t d, const rates_table *t,
                       char *meta)
{
	char key[ARCHIVE_KEY_MAX], cerr[CACHE_ERR_MAX];
	if (!s->json_too || o->dir == NULL || json_key(key, sizeof key, s->id, d) != 0)
		return;
	char *body = load_to_json(t);
	cache_entry e = { key, o->now, NULL, NULL, body, body != NULL ? strlen(body) : 0, meta };
	if (body != NULL)
		(void)cache_write(o->dir, &e, cerr);
	free(body);
}

/* The JSON form of day d into t, when it stands beside a body of the same receipts (meta). */
static bool read_json(rates_table *t, const archive_source *s, const archive_opts *o, date_t d,
                      const char *meta)
{
	char key[ARCHIVE_KEY_MAX], cerr[CACHE_ERR_MAX], lerr[LOAD_ERR_MAX];
	cache_entry e;
	cache_entry_init(&e);
	bool ok = s->json_too && meta != NULL && json_key(key, sizeof key, s->id, d) == 0 &&
	          cache_read(&e, o->dir, key, cerr) == 0 && e.meta != NULL && strcmp(e.meta, meta) == 0 &&
	          load_table(t, e.body, e.len, s->label, lerr) == 0;
	cache_entry_destroy(&e);
	return ok;
}

/*
 * The stored table of day d into t, with its receipts, and its age: 0, or
 * 1 when there is none (a damaged entry, or one dated another day, is none).
 * A source with json_too is read from its JSON form when that stands beside
 * the body (else the body is parsed, and the form written anew).
 */
static int read_day(rates_table *t, const archive_source *s, const archive_opts *o, date_t d,
                    long long *age)
{
	char key[ARCHIVE_KEY_MAX], cerr[CACHE_ERR_MAX], why[ARCHIVE_WHY_MAX];
	cache_entry e;
	rates_table nt;
	date_t td;
	cache_entry_init(&e);
	rates_init(&nt);
	int rc = 1;
	if (o->dir != NULL && archive_key(key, sizeof key, s->id, d, false) == 0 &&
	    cache_read(&e, o->dir, key, cerr) == 0) {
		bool json = read_json(&nt, s, o, d, e.meta);
		if (!json) {
			rates_destroy(&nt);
			if (s->parse(s, &nt, e.body, e.len, why) != 0)
				goto done;
			store_json(s, o, d, &nt, e.meta);
		}
		if ((!table_day(&nt, &td) || date_cmp(td, d) == 0) &&
		    (e.meta == NULL || archive_receipts_read(&nt, e.meta, strlen(e.meta)) >= 0)) {
			*age = age_of(o, e.fetched);
			rates_destroy(t);
			*t = nt;
			rates_init(&nt);
			rc = 0;
		}
	}
done:
	rates_destroy(&nt);
	cache_entry_destroy(&e);
	return rc;
}

/* Whether day d's table of s is stored (a file is there; it is not read). */
static bool day_stored(const archive_source *s, const archive_opts *o, date_t d)
{
	char key[ARCHIVE_KEY_MAX], path[CACHE_PATH_MAX];
	struct stat st;
	return o->dir != NULL && archive_key(key, sizeof key, s->id, d, false) == 0 &&
	       cache_path(path, sizeof path, o->dir, key) == 0 && stat(path, &st) == 0;
}

bool archive_nearest(date_t *found, const char *dir, const char *id, date_t day)
{
	archive_source s = { id, NULL, NULL, NULL, false, false, NULL };
	archive_opts o = { dir, 0, day, 0, true, false };
	for (int k = 1; k <= ARCHIVE_NEAREST_DAYS; k++) {
		date_t d = date_add(day, -k);
		if (day_stored(&s, &o, d)) {
			*found = d;
			return true;
		}
	}
	return false;
}

/* The stored resolution of day for s: 0, or 1 when there is none. */
static int read_resolution(archive_resolution *r, const archive_source *s, const archive_opts *o,
                           date_t day)
{
	char key[ARCHIVE_KEY_MAX], cerr[CACHE_ERR_MAX];
	cache_entry e;
	cache_entry_init(&e);
	int rc = o->dir != NULL && archive_key(key, sizeof key, s->id, day, true) == 0 &&
	         cache_read(&e, o->dir, key, cerr) == 0 && archive_resolution_parse(r, e.body, e.len) == 0 &&
	         strcmp(r->source, s->id) == 0 && date_cmp(r->asked, day) == 0 ? 0 : 1;
	cache_entry_destroy(&e);
	return rc;
}

/* One entry written; its path or why not into out. */
static void store(const archive_opts *o, const char *key, char *body, size_t len, char *meta,
                  archive_outcome *out, bool is_day)
{
	cache_entry e = { (char *)key, o->now, NULL, NULL, body, len, meta };
	char cerr[CACHE_ERR_MAX];
	if (o->dir == NULL)
		return;
	if (cache_write(o->dir, &e, cerr) != 0)
		msg_set(out->store_err, sizeof out->store_err, "%s", cerr);
	else if (is_day)
		cache_path(out->path, sizeof out->path, o->dir, key);
}

static void store_resolution(const archive_source *s, const archive_opts *o, date_t day, date_t p,
                             const char *why, archive_outcome *out)
{
	archive_resolution r;
	char key[ARCHIVE_KEY_MAX], text[sizeof r.source + sizeof r.why + 256];
	memset(&r, 0, sizeof r);
	snprintf(r.source, sizeof r.source, "%s", s->id);
	snprintf(r.why, sizeof r.why, "%s", why);
	r.asked = day;
	r.resolved = p;
	r.decided = o->now;
	int n = archive_resolution_format(text, sizeof text, &r);
	if (n > 0 && (size_t)n < sizeof text && archive_key(key, sizeof key, s->id, day, true) == 0)
		store(o, key, text, (size_t)n, NULL, out, false);
}

/* ---- asking, a day at a time ------------------------------------------------------ */

/* The answer for day: p's table in nt; stored; and the resolution when p is earlier. */
static void settle(rates_table *t, rates_table *nt, const archive_source *s, const archive_opts *o,
                   date_t day, date_t p, const char *why, archive_outcome *out)
{
	out->resolved = p;
	if (date_cmp(p, day) != 0) {
		msg_set(out->why, sizeof out->why, "%s", why);
		store_resolution(s, o, day, p, why, out);
	}
	rates_destroy(t);
	*t = *nt;
	rates_init(nt);
}

/*
 * A body of day p, asked as day d for day: its receipts completed, stored
 * under p (a past day's first copy stays, unless forced), and the answer.
 * false: out of memory.
 */
static bool keep(rates_table *t, rates_table *nt, cache_entry *fresh, const archive_source *s,
                 const archive_opts *o, date_t day, date_t d, date_t p, char last[ARCHIVE_WHY_MAX],
                 archive_outcome *out)
{
	char piso[DATE_ISO_SIZE], key[ARCHIVE_KEY_MAX], *meta = NULL;
	date_format_iso(piso, p);
	if (fresh->meta != NULL && archive_receipts_read(nt, fresh->meta, strlen(fresh->meta)) < 0)
		return false;
	archive_receipts_published(nt, piso);
	if ((o->force || date_cmp(p, o->today) >= 0 || !day_stored(s, o, p)) &&
	    archive_receipts_meta(&meta, nt) && archive_key(key, sizeof key, s->id, p, false) == 0) {
		store(o, key, fresh->body, fresh->len, meta, out, true);
		store_json(s, o, p, nt, meta);
	}
	free(meta);
	if (date_cmp(p, d) < 0 && last[0] == '\0')
		msg_set(last, ARCHIVE_WHY_MAX, _("it answered with rates of %s"), piso);
	settle(t, nt, s, o, day, p, last, out);
	return true;
}

/*
 * Ask s for day, then the days before while it has nothing. 0 with the
 * table, -1 with why (a failure), -2 with why (nothing in the window).
 */
static int ask_back(rates_table *t, const archive_source *s, date_t day, const archive_opts *o,
                    archive_outcome *out, char why[ARCHIVE_WHY_MAX])
{
	char last[ARCHIVE_WHY_MAX] = "", iso[DATE_ISO_SIZE];
	int asked = 0;
	date_format_iso(iso, day);
	for (int k = 0; k <= ARCHIVE_STEP_BACK; k++) {
		date_t d = date_add(day, -k), p = d;
		rates_table nt;
		long long age;
		rates_init(&nt);
		/* A day already stored: nothing was published between it and the day asked. */
		if (k > 0 && !o->force && read_day(&nt, s, o, d, &age) == 0 &&
		    (date_cmp(d, o->today) < 0 || age < o->max_age)) {
			settle(t, &nt, s, o, day, d, last, out);
			return 0;
		}
		rates_destroy(&nt);
		cache_entry fresh;
		cache_entry_init(&fresh);
		asked++;
		archive_status st = s->ask(s, d, &fresh, why);
		int rc = st == ARCHIVE_FAILED ? -1 : 1;
		if (st == ARCHIVE_NOTHING)
			msg_set(last, sizeof last, "%s", why);
		if (st == ARCHIVE_BODY) {
			rc = s->parse(s, &nt, fresh.body, fresh.len, why) != 0 ? -1 : 0;
			bool dated = rc == 0 && table_day(&nt, &p);
			if (dated && date_cmp(p, day) > 0) {
				msg_set(last, sizeof last, _("it answered with rates of %s"), nt.date);
				rc = 1;
			}
		}
		if (rc == 0 && !keep(t, &nt, &fresh, s, o, day, d, p, last, out)) {
			msg_set(why, ARCHIVE_WHY_MAX, _("out of memory"));
			rc = -1;
		}
		rates_destroy(&nt);
		cache_entry_destroy(&fresh);
		if (rc <= 0)
			return rc;
		if (s->once)
			break;
	}
	if (asked > 1)
		msg_set(why, ARCHIVE_WHY_MAX, _("no rates for %s or the %d days before (%s)"), iso, asked - 1, last);
	else
		msg_set(why, ARCHIVE_WHY_MAX, "%s", last); /* one request, whatever the day: its own reason */
	return -2;
}

/* ---- the policy --------------------------------------------------------------------- */

int archive_get(rates_table *t, const archive_source *s, date_t day, const archive_opts *o,
                archive_outcome *out, char why[ARCHIVE_WHY_MAX])
{
	archive_resolution res;
	rates_table st;
	long long age = 0;
	bool have = false, good = false;
	memset(out, 0, sizeof *out);
	out->resolved = day;
	why[0] = '\0';
	rates_init(&st);

	/* What is stored for the day: its own table, else its resolution and that day's table. */
	if (read_day(&st, s, o, day, &age) == 0) {
		have = true;
		good = date_cmp(day, o->today) < 0 || age < o->max_age;
	} else if (read_resolution(&res, s, o, day) == 0 && read_day(&st, s, o, res.resolved, &age) == 0) {
		have = true;
		age = age_of(o, res.decided);
		good = archive_resolution_final(&res, o->today) || age < o->max_age;
		out->resolved = res.resolved;
		msg_set(out->why, sizeof out->why, "%s", res.why);
	}
	if (have && !o->force && (good || o->offline)) {
		out->stored = true;
		out->stale = !good;
		out->age = age;
		rates_destroy(t);
		*t = st;
		return 0;
	}
	if (o->offline) {
		date_t p;
		char iso[DATE_ISO_SIZE], piso[DATE_ISO_SIZE];
		date_format_iso(iso, day);
		rates_destroy(&st);
		if (o->dir != NULL && archive_nearest(&p, o->dir, s->id, day)) {
			date_format_iso(piso, p);
			msg_set(why, ARCHIVE_WHY_MAX, _("no stored rates of %s (the cache holds %s %s)"), iso,
			        s->label, piso);
		} else {
			msg_set(why, ARCHIVE_WHY_MAX, _("no stored rates of %s (the cache holds no earlier day of %s)"),
			        iso, s->label);
		}
		return -1;
	}
	date_t stored_day = out->resolved;
	char stored_why[ARCHIVE_WHY_MAX];
	msg_set(stored_why, sizeof stored_why, "%s", out->why);
	out->why[0] = '\0';
	int rc = ask_back(t, s, day, o, out, why);
	if (rc != 0 && have && !o->force) {
		/* Never "nothing published": the source failed, and what is stored for the day stands in. */
		out->stored = out->fell_back = true;
		out->age = age;
		out->resolved = stored_day;
		msg_set(out->why, sizeof out->why, "%s", stored_why);
		rates_destroy(t);
		*t = st;
		return 0;
	}
	rates_destroy(&st);
	return rc == 0 ? 0 : -1;
}
