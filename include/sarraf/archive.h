/*
 * archive.h - the archive of published days: what a dated source published
 * (each bank of `official`, the NBKR's archive, a URL template), stored
 * under the day the table carries; what a request for a day resolved to,
 * stored apart; and the receipt stored beside each body.
 *
 * In the cache directory (cache.h), more entries of the same kind:
 *
 *   key "day SOURCE 2026-04-03"     the table SOURCE published for that day,
 *                                   its body as received and its receipts
 *   key "asked SOURCE 2026-04-05"   a resolution: the day asked for, the day
 *                                   it resolved to (2026-04-03), when, why
 *   key "json SOURCE 2026-04-03"    for a body costly to parse (the banks'
 *                                   XML), its table as native JSON, read
 *                                   instead while its receipts are the body's
 *
 * SOURCE is a bank's label ("NBK", "CBU", "NBT", "NBKR", "NBKR-USD") or a
 * URL template as given. A day answered by its own table needs no record.
 *
 * The policy (archive_get), for day D, today T (the region's, date.h):
 *   - the table of D, if stored: used; a day before T never changes, T's
 *     and T+1's are asked again after max_age;
 *   - else a stored resolution of D to an earlier day P: final once D is
 *     more than ARCHIVE_FINAL_DAYS before T, else used only while younger
 *     than max_age, then asked again (the source may have published D since);
 *   - else (or `force`) the source is asked for D, D-1, ... at most
 *     ARCHIVE_STEP_BACK days back, while it has nothing: HTTP 404, an empty
 *     answer, an answer dated after the day asked. An answer dated P <= D
 *     is stored under P; a P before D is stored as D's resolution.
 *   - a failure (no connection, timeout, 5xx, a body that does not load) is
 *     never "nothing published": the answer stored for D stands in (the
 *     caller warns), else the load fails; `force` never falls back;
 *   - offline: what is stored for D (any age), else a failure that names the
 *     nearest stored earlier day. A stored earlier day without D's
 *     resolution is never used for D.
 *
 * Receipts (rates.h's rates_receipt) are stored as metadata lines of the
 * body's entry, one each:
 *
 *   receipt CODES URL ASKED PUBLISHED FETCHED SHA256
 *   receipt * http://nationalbank.kz/rss/get_rates.cfm?fdate=05.04.2026 2026-04-05 2026-04-03
 *           2026-04-05T08:00:00Z 9f86d0...   (one line)
 *
 * CODES is "*" (the whole table) or the quotes' codes ("USD,EUR"); an empty
 * field is "-"; a space in a URL is written %20. A resolution is a small
 * record of its own (archive_resolution_format). Both are read strictly:
 * anything else is a damaged entry, as if it were not there.
 *
 * Nothing here prints: warnings go to the caller's sink, errors come back
 * in why.
 */
#ifndef SARRAF_ARCHIVE_H
#define SARRAF_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "sarraf/cache.h"
#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "sarraf/rates.h"

/* Days a source is asked back at most for a day it has nothing for. */
#define ARCHIVE_STEP_BACK 7
/* A resolution to an earlier day is final once the day asked is this many days past. */
#define ARCHIVE_FINAL_DAYS 7
/* Days searched back for the nearest stored day, to name it. */
#define ARCHIVE_NEAREST_DAYS 366
/* Room for why, a source's id (a URL template) and a key. */
#define ARCHIVE_WHY_MAX 512
#define ARCHIVE_ID_MAX 2048
#define ARCHIVE_KEY_MAX (ARCHIVE_ID_MAX + 32)
/* The longest receipt line read or written. */
#define ARCHIVE_LINE_MAX 4096

/* ---- receipts ----------------------------------------------------------------- */

/*
 * A receipt of body[0..len) fetched from url for day asked (NULL: none) at
 * now (seconds since the epoch), standing behind codes (NULL: the whole
 * table): the digest computed, published left empty (the caller fills it
 * once the body is read). url and codes are borrowed: give r to
 * rates_add_receipt, which copies them, and never destroy it.
 */
void archive_receipt_make(rates_receipt *r, const char *url, const char *codes, const date_t *asked,
                          long long now, const char *body, size_t len);

/* One receipt as its metadata line, with its newline. Returns the length, or -1 (no room, bad field). */
int archive_receipt_line(char *buf, size_t cap, const rates_receipt *r);

/*
 * Every "receipt" line of meta[0..len) added to t (other lines are not
 * ours: skipped). Returns how many, or -1 when a receipt line is malformed
 * or memory runs out (t's receipts are then unspecified: discard t).
 */
int archive_receipts_read(rates_table *t, const char *meta, size_t len);

/* t's receipts as metadata lines into *out (malloc'ed; NULL when t has none). false: out of memory. */
bool archive_receipts_meta(char **out, const rates_table *t);

/* Each receipt of t without a published day gets day (ISO), when t has one. */
void archive_receipts_published(rates_table *t, const char *day);

/* ---- resolutions -------------------------------------------------------------- */

typedef struct {
	char source[ARCHIVE_ID_MAX];
	date_t asked, resolved;     /* resolved <= asked */
	long long decided;          /* seconds since the epoch */
	char why[ARCHIVE_WHY_MAX];  /* "HTTP 404", "an empty answer", "it answered with rates of ..." */
} archive_resolution;

/*
 *   sarraf-resolution 1
 *   source NBK
 *   asked 2026-04-05
 *   resolved 2026-04-03
 *   decided 2026-04-05T08:00:00Z
 *   why HTTP 404
 *
 * Returns the length written (as snprintf), or -1 when a field holds a
 * control character.
 */
int archive_resolution_format(char *buf, size_t cap, const archive_resolution *r);

/* The record in text[0..len) -> r: exactly the lines above, in that order. 0, or -1. */
int archive_resolution_parse(archive_resolution *r, const char *text, size_t len);

/* true when r is final on day today: D itself, or D more than ARCHIVE_FINAL_DAYS past. */
bool archive_resolution_final(const archive_resolution *r, date_t today);

/* ---- the policy ----------------------------------------------------------------- */

typedef enum { ARCHIVE_BODY, ARCHIVE_NOTHING, ARCHIVE_FAILED } archive_status;

typedef struct archive_source archive_source;

/*
 * A dated source. ask() asks for day d: ARCHIVE_BODY with the body in
 * fresh->body, fresh->len and its receipts as lines in fresh->meta
 * (archive_receipt_line); ARCHIVE_NOTHING (nothing published for d) or
 * ARCHIVE_FAILED with why. parse() reads a body into t (initialised): 0,
 * or -1 with why.
 */
struct archive_source {
	const char *id;       /* in keys: "NBK", a URL template */
	const char *label;    /* in messages: "NBK", "'http://.../{YYYY}-{MM}-{DD}.json'" */
	archive_status (*ask)(const archive_source *s, date_t d, cache_entry *fresh,
	                      char why[ARCHIVE_WHY_MAX]);
	int (*parse)(const archive_source *s, rates_table *t, const char *body, size_t len,
	             char why[ARCHIVE_WHY_MAX]);
	bool once;            /* one request answers for the days before too (the URL names no
	                         day, or a window of days): never step back */
	bool json_too;        /* a body costly to parse (XML): its table is stored as native JSON
	                         too, and read back with label as its origin */
	void *ctx;
};

typedef struct {
	const char *dir;      /* the cache directory; NULL: nothing stored or read */
	long long now;        /* seconds since the epoch */
	date_t today;         /* the region's day of now */
	long long max_age;    /* seconds */
	bool offline;         /* never ask: what is stored */
	bool force;           /* ask whatever is stored, never fall back */
} archive_opts;

/* How the table came. */
typedef struct {
	date_t resolved;          /* the day of the rates in effect (the table's) */
	bool stored;              /* from the archive, without asking */
	bool fell_back;           /* the source failed and the stored answer stood in */
	bool stale;               /* offline: an answer that would have been asked again */
	long long age;            /* seconds since the stored answer was decided or fetched */
	char why[ARCHIVE_WHY_MAX];/* why the rates are not of the day asked ("HTTP 404") */
	char path[CACHE_PATH_MAX];/* the entry of the table, when stored now; "" else */
	char store_err[CACHE_ERR_MAX]; /* why it could not be stored; "" else */
} archive_outcome;

/*
 * The table of s in effect on day into t (initialised), by the policy
 * above. Returns 0, or -1 with why: the source's failure, "no rates for D
 * or the 7 days before (...)", or offline "no stored rates of D (the cache
 * holds SOURCE P)" naming the nearest stored earlier day. With
 * out->fell_back, why holds the failure that the stored answer stands in for.
 */
int archive_get(rates_table *t, const archive_source *s, date_t day, const archive_opts *o,
                archive_outcome *out, char why[ARCHIVE_WHY_MAX]);

/*
 * The nearest day before day (at most ARCHIVE_NEAREST_DAYS back) whose table
 * of source id is stored in dir: true with it in *found.
 */
bool archive_nearest(date_t *found, const char *dir, const char *id, date_t day);

/* The key of source id's table of day d ("day NBK 2026-04-03"), or with asked, of d's resolution. */
int archive_key(char *out, size_t cap, const char *id, date_t d, bool asked);

#endif
