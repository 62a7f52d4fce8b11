/*
 * nbkr_archive.c - the NBKR's archive page -> the rows (day, value) of one
 * currency; the bank's valuta_id and nominal of a code; the request URL.
 *
 * The page is HTML, but only its comment markers carry meaning, so it is
 * scanned for them rather than parsed as HTML:
 *
 *   ... <!--date-->05.01.2026<!--date--> ... <!--value-->87,4500<!--value--> ...
 *       ^open      ^cell text ^close    any other text ^open      ^close
 *
 * A cell is an opening marker, its text, and the same marker again; the
 * next marker after a date cell opens its value cell. Any other order
 * (a value before a date, a date after a date, a cell left open) refuses
 * the page. Every index stays below len: the body need not end in a NUL.
 */
#include "sarraf/nbkr_archive.h"

#include "../i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/msg.h"

/* ---- the markers ------------------------------------------------------------ */

typedef enum { MARK_NONE, MARK_DATE, MARK_VALUE } mark_kind;

static const struct {
	const char *text;
	size_t len;
} marks[] = {
	[MARK_DATE] = { "<!--date-->", sizeof "<!--date-->" - 1 },
	[MARK_VALUE] = { "<!--value-->", sizeof "<!--value-->" - 1 },
};

/* The first marker that starts at or after from: its kind, and where it starts in *at. */
static mark_kind next_mark(const char *body, size_t len, size_t from, size_t *at)
{
	while (from < len) {
		const char *lt = memchr(body + from, '<', len - from);
		if (lt == NULL)
			return MARK_NONE;
		size_t i = (size_t)(lt - body);
		for (int k = MARK_DATE; k <= MARK_VALUE; k++)
			if (len - i >= marks[k].len && memcmp(body + i, marks[k].text, marks[k].len) == 0) {
				*at = i;
				return (mark_kind)k;
			}
		from = i + 1;
	}
	return MARK_NONE;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * The cell whose opening marker (of kind k) starts at `at`: its text, blanks
 * around it dropped, in *text and *n, and the offset just past its closing
 * marker in *end. false when the next marker is not its closing one.
 */
static bool read_cell(const char *body, size_t len, size_t at, mark_kind k, const char **text, size_t *n,
                      size_t *end)
{
	size_t start = at + marks[k].len, close, stop;
	if (next_mark(body, len, start, &close) != k)
		return false;
	for (stop = close; stop > start && is_blank(body[stop - 1]); stop--)
		;
	while (start < stop && is_blank(body[start]))
		start++;
	*text = body + start;
	*n = stop - start;
	*end = close + marks[k].len;
	return true;
}

/* ---- the cells' text -------------------------------------------------------- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "DD.MM.YYYY" in shape (digits and dots where they belong), real day or not. */
static bool dotted_shape(const char *s, size_t n)
{
	if (n != 10)
		return false;
	for (size_t k = 0; k < n; k++)
		if (k == 2 || k == 5 ? s[k] != '.' : !is_digit(s[k]))
			return false;
	return true;
}

/* The longest value text read: more digits than a dec_t holds are refused by dec_parse anyway. */
#define VALUE_TEXT_MAX 64

/*
 * "87,4500" or "87.4500" -> a decimal > 0, exactly: digits, and at most one
 * decimal comma or point with digits on both sides. No sign, no exponent,
 * no grouping.
 */
static bool parse_value(dec_t *out, const char *s, size_t n)
{
	char buf[VALUE_TEXT_MAX];
	size_t seps = 0;
	if (n == 0 || n >= sizeof buf || !is_digit(s[0]) || !is_digit(s[n - 1]))
		return false;
	for (size_t k = 0; k < n; k++) {
		if (s[k] == ',' || s[k] == '.') {
			buf[k] = '.';
			seps++;
		} else if (is_digit(s[k])) {
			buf[k] = s[k];
		} else {
			return false;
		}
	}
	return seps <= 1 && dec_parse(out, buf, n) == DEC_OK && dec_sign(out) > 0;
}

/* ---- the page --------------------------------------------------------------- */

int nbkr_archive_parse(nbkr_day_rate *out, size_t cap, const char *body, size_t len,
                       char err[FEED_ERR_MAX])
{
	char shown[MSG_SHOWN_SIZE];
	size_t n = 0, pos = 0;
	if (body == NULL)
		len = 0;
	if (len > NBKR_ARCHIVE_MAX_BYTES) {
		msg_set(err, FEED_ERR_MAX, _("the page is larger than 1 MiB"));
		return -1;
	}
	for (;;) {
		size_t row = n + 1, at, date_end, value_at, value_end, dn, vn;
		const char *dtext, *vtext;
		mark_kind k = next_mark(body, len, pos, &at);
		if (k == MARK_NONE)
			break;
		if (k == MARK_VALUE) {
			msg_set(err, FEED_ERR_MAX, _("row %zu: a value cell without its date"), row);
			return -1;
		}
		if (!read_cell(body, len, at, MARK_DATE, &dtext, &dn, &date_end)) {
			msg_set(err, FEED_ERR_MAX, _("row %zu: a date cell without its closing <!--date-->"), row);
			return -1;
		}
		if (next_mark(body, len, date_end, &value_at) != MARK_VALUE) {
			msg_set(err, FEED_ERR_MAX, _("row %zu: a date cell without its value"), row);
			return -1;
		}
		if (!read_cell(body, len, value_at, MARK_VALUE, &vtext, &vn, &value_end)) {
			msg_set(err, FEED_ERR_MAX, _("row %zu: a value cell without its closing <!--value-->"), row);
			return -1;
		}

		nbkr_day_rate r;
		if (!date_parse_dotted(&r.day, dtext, dn)) {
			msg_set(err, FEED_ERR_MAX, _("row %zu: date '%s' is not %s"), row, msg_shown(shown, dtext, dn),
			        dotted_shape(dtext, dn) ? _("a real day") : "DD.MM.YYYY");
			return -1;
		}
		if (!parse_value(&r.value, vtext, vn)) {
			msg_set(err, FEED_ERR_MAX, _("row %zu: value '%s' is not a decimal > 0"), row,
			        msg_shown(shown, vtext, vn));
			return -1;
		}
		/* n <= cap, a window of about a year: a scan of the rows before is cheap. */
		for (size_t j = 0; j < n; j++)
			if (date_cmp(out[j].day, r.day) == 0) {
				msg_set(err, FEED_ERR_MAX, _("row %zu: date '%s' repeats row %zu"), row,
				        msg_shown(shown, dtext, dn), j + 1);
				return -1;
			}
		if (n == cap) {
			msg_set(err, FEED_ERR_MAX, _("more than %zu rows in the page"), cap);
			return -1;
		}
		out[n++] = r;
		pos = value_end;
	}
	if (n == 0) {
		msg_set(err, FEED_ERR_MAX, _("no rates in the page"));
		return -1;
	}
	return (int)n;
}

const nbkr_day_rate *nbkr_archive_on(const nbkr_day_rate *rows, size_t n, date_t day)
{
	const nbkr_day_rate *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (date_cmp(rows[i].day, day) <= 0 && (best == NULL || date_cmp(rows[i].day, best->day) > 0))
			best = &rows[i];
	return best;
}

/* ---- codes ------------------------------------------------------------------ */

/*
 * The bank's valuta_id and nominal of each code it is asked for. -1: the id
 * is not known (the nominal is). UZS is 46 in the archive's own list; one
 * public adapter uses 200: check against nbkr.kg/XML/CurrenciesReferenceList.xml.
 */
static const struct {
	char code[4];
	int id, nominal;
} currencies[] = {
	{ "USD", 15, 1 },  { "GBP", 17, 1 },  { "EUR", 20, 1 },  { "CNY", 24, 1 }, { "CHF", 35, 1 },
	{ "JPY", 36, 10 }, { "KZT", 40, 1 },  { "RUB", 44, 1 },  { "TJS", 45, 1 }, { "UZS", 46, 1 },
	{ "TRY", 57, 1 },  { "TMT", 108, 1 }, { "AMD", -1, 10 }, { "IDR", -1, 10 }, { "HUF", -1, 10 },
};

static int find_code(const char *code)
{
	if (code == NULL)
		return -1;
	for (size_t k = 0; k < sizeof currencies / sizeof currencies[0]; k++)
		if (strcmp(currencies[k].code, code) == 0)
			return (int)k;
	return -1;
}

int nbkr_archive_id(const char *code)
{
	int k = find_code(code);
	return k < 0 ? -1 : currencies[k].id;
}

int nbkr_archive_nominal(const char *code)
{
	int k = find_code(code);
	return k < 0 ? -1 : currencies[k].nominal;
}

/* ---- the request URL -------------------------------------------------------- */

int nbkr_archive_url(char *out, size_t cap, const char *tmpl, int id, date_t from, date_t to)
{
	/* The window's first day and the id first, then the last day's {YYYY} {MM} {DD} (date.h). */
	char iso[DATE_ISO_SIZE], y[5], m[3], d[3], id_text[16], *first;
	const char *t = tmpl != NULL ? tmpl : NBKR_ARCHIVE_URL;
	/* Room for the first pass: each placeholder grows by at most 16 bytes. */
	size_t room = strlen(t) * 5 + 1;
	if (cap == 0 || id < 0 || !date_valid(from.year, from.month, from.day) ||
	    !date_valid(to.year, to.month, to.day) || (first = malloc(room)) == NULL)
		return -1;
	date_format_iso(iso, from);
	snprintf(y, sizeof y, "%.4s", iso);
	snprintf(m, sizeof m, "%.2s", iso + 5);
	snprintf(d, sizeof d, "%.2s", iso + 8);
	snprintf(id_text, sizeof id_text, "%d", id);
	const date_placeholder ph[] = { { "{ID}", id_text }, { "{FROM_YYYY}", y }, { "{FROM_MM}", m },
		                            { "{FROM_DD}", d } };
	int rc = date_fill(first, room, t, ph, sizeof ph / sizeof ph[0]) < 0 ||
	         date_expand(out, cap, first, to) < 0 ? -1 : 0;
	free(first);
	return rc;
}
