/*
 * stream.c - convert the numbers in a stream of lines, fast and exactly.
 *
 * Input is read in large blocks and cut into lines in place; each line is
 * cut into fields only as far as needed; output goes to one buffer that is
 * written out between lines. A line's output is built at the end of that
 * buffer and dropped again (the buffer's length reset) if the line turns out
 * to be bad, so that a bad line is passed through unchanged. Memory is
 * bounded by the longest line (STREAM_MAX_LINE), however long the input.
 *
 *   line:   "  1200.50   KZT  note"      fields are the blank-free runs,
 *             ^^^^^^^   ^^^              the blanks between are kept
 *           "1200.50,""KZT"",x"          with -d ',' a field may be quoted
 */
#include "stream/stream.h"

#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__SSE2__) && !defined(SARRAF_NO_SIMD)
#include <emmintrin.h>
#endif

#include "sarraf/convert.h"
#include "sarraf/currency.h"
#include "sarraf/msg.h"
#include "sarraf/words.h"

#define IN_BUF (STREAM_MAX_LINE + 64 * 1024)
#define OUT_FLUSH (64 * 1024)
/* The longest grouped number joined for --grouped. */
#define MAX_GROUPED 128
/* Fields looked at in one line; a field past this cannot be converted. */
#define MAX_SPLIT 4096
/* Pairs kept for this many (table, source currency) keys: per-line currencies, and with
   --date-field each day's table. Full, the cache starts again empty. */
#define PAIR_KEYS 512
#define PAIR_SLOTS (2 * PAIR_KEYS) /* open addressing, at most half full */
/* Tables whose currencies were checked for a --date-field stream (direct-mapped). */
#define CHECKED_TABLES 1024
/* The column lane takes lines cut into at most this many fields. */
#define LANE_FIELDS 64
/* Exponents of a lane's amounts: 0 down to -19. */
#define LANE_EXPONENTS 20
/* Readable bytes past the input buffer's end (lane_cut() loads 16 at a time). */
#define LANE_SLACK 16

/* ---- field lists ------------------------------------------------------------ */

static bool parse_long(const char **s, long *out)
{
	long v = 0;
	const char *p = *s;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (STREAM_FIELD_OPEN - 9) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	*s = p;
	*out = v;
	return true;
}

bool stream_parse_fields(const char *s, field_range *out, int *n)
{
	*n = 0;
	if (*s == '\0')
		return false;
	for (;;) {
		field_range r;
		if (*s == '-') {
			s++;
			r.lo = 1;
			if (!parse_long(&s, &r.hi))
				return false;
		} else {
			if (!parse_long(&s, &r.lo))
				return false;
			r.hi = r.lo;
			if (*s == '-') {
				s++;
				r.hi = STREAM_FIELD_OPEN;
				if (*s != ',' && *s != '\0' && !parse_long(&s, &r.hi))
					return false;
			}
		}
		if (r.lo < 1 || r.hi < r.lo || *n == STREAM_MAX_RANGES)
			return false;
		out[(*n)++] = r;
		if (*s == '\0')
			return true;
		if (*s++ != ',')
			return false;
	}
}

static bool field_selected(const stream_opts *o, long k)
{
	if (o->nfields == 0)
		return k == 1;
	for (int i = 0; i < o->nfields; i++)
		if (k >= o->fields[i].lo && k <= o->fields[i].hi)
			return true;
	return false;
}

/* ---- output ------------------------------------------------------------------ */

typedef struct {
	char *buf;
	size_t len, cap;
	bool closed; /* the reader went away (EPIPE): stop quietly */
	int err;     /* another write error */
} sink;

static void sink_flush(sink *s)
{
	size_t off = 0;
	while (off < s->len && !s->closed && !s->err) {
		ssize_t n = write(STDOUT_FILENO, s->buf + off, s->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE)
				s->closed = true;
			else
				s->err = errno;
			break;
		}
		off += (size_t)n;
	}
	s->len = 0;
}

/* Room for n more bytes; the buffer grows only for a line's output larger than it. */
static bool sink_reserve(sink *s, size_t n)
{
	if (s->len + n <= s->cap)
		return true;
	size_t cap = s->cap * 2;
	while (cap < s->len + n)
		cap *= 2;
	char *b = realloc(s->buf, cap);
	if (b == NULL)
		return false;
	s->buf = b;
	s->cap = cap;
	return true;
}

static inline bool sink_put(sink *s, const char *p, size_t n)
{
	if (s->len + n <= s->cap) {
		memcpy(s->buf + s->len, p, n);
		s->len += n;
		return true;
	}
	if (!sink_reserve(s, n))
		return false;
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	return true;
}

/* ---- the run ------------------------------------------------------------------- */

/* From one source currency to one target: the pair, and what is made of it when needed. */
typedef struct {
	conv_pair pair;
	/* The lanes' forms, one per amount exponent 0..-19 (lane_amount() reads at most 19
	   digits), made when an amount of that exponent first comes: "100" and "12.50" in
	   one column do not make them again and again. */
	uint32_t lanes_made;        /* bit k: lanes[k] is made */
	conv_lane lanes[LANE_EXPONENTS];
	char rate[DEC_STRING_MAX];  /* for records; "" until needed */
	char unc[24];               /* the quotes' uncertainty, likewise */
	out_json_template json;     /* --output json: made for json_file */
	const char *json_file;
} pair_target;

/* The pairs from one currency of one table to every target (one slot of the cache). */
typedef struct {
	char code[4];
	const rates_table *table; /* whose quotes the pairs hold; NULL: a free slot */
	pair_target *to;          /* nto of them, allocated when the slot is first used */
} pair_set;

typedef struct {
	const stream_opts *o;
	sink out;
	const char *file; /* as named in messages */
	long line;
	bool failed;      /* a bad line in fail mode, or an unreadable file */
	bool aborted;
	const rates_table *table; /* the table of the current line (--date-field: of its day) */
	pair_set *cache;  /* PAIR_SLOTS */
	int nkeys;
	const rates_table *checked[CHECKED_TABLES];
	int scale[STREAM_MAX_TARGETS];
	size_t want;      /* fields to cut each line into (0: all) */
	/* The lanes: fast_lane() takes plain numbers with --from, column_lane() a delimited
	   stream's column (the currency from --from, or from its own column). */
	bool plain, column;
	size_t lane_field, lane_code; /* column_lane()'s fields, 0-based (lane_code SIZE_MAX: --from) */
	char lane_raw[3], lane_code_of_raw[4]; /* the last currency column's bytes, as a code */
	pair_set *lane_set; /* the pairs of the lanes' currency (--from, or that code) */
	size_t split_a[MAX_SPLIT], split_b[MAX_SPLIT]; /* field k: [a, b) */
	char why[160];    /* the current line's problem */
} run_state;

__attribute__((format(printf, 2, 3)))
static void bad(run_state *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->why, sizeof st->why, fmt, ap);
	va_end(ap);
}

/* The slot of (the current table, code): where it is, or the free slot where it would go. */
static pair_set *pairs_slot(run_state *st, const char code[4])
{
	uint64_t k = (uint64_t)(uintptr_t)st->table ^ ((uint64_t)(unsigned char)code[0] << 40 |
	                                               (uint64_t)(unsigned char)code[1] << 48 |
	                                               (uint64_t)(unsigned char)code[2] << 56);
	size_t h = (size_t)((k * 0x9E3779B97F4A7C15u) >> 40) % PAIR_SLOTS;
	for (;; h = (h + 1) % PAIR_SLOTS) {
		pair_set *ps = &st->cache[h];
		if (ps->table == NULL || (ps->table == st->table && memcmp(ps->code, code, 4) == 0))
			return ps;
	}
}

/* The pairs from code in the current table to every target, made once; NULL when it has none. */
static pair_set *pairs_for(run_state *st, const char code[4])
{
	pair_set *ps = pairs_slot(st, code);
	if (ps->table != NULL)
		return ps;
	rates_value vf;
	if (!rates_value_of(st->table, code, &vf))
		return NULL;
	if (st->nkeys == PAIR_KEYS) {
		/* Full (a long dated stream): start again, keeping what was allocated. */
		for (int i = 0; i < PAIR_SLOTS; i++) {
			st->cache[i].table = NULL;
			for (int t = 0; st->cache[i].to != NULL && t < st->o->nto; t++) {
				out_json_template_destroy(&st->cache[i].to[t].json);
				st->cache[i].to[t].json_file = NULL;
			}
		}
		st->nkeys = 0;
		ps = pairs_slot(st, code);
	}
	if (ps->to == NULL && (ps->to = calloc((size_t)st->o->nto, sizeof *ps->to)) == NULL)
		return NULL;
	memcpy(ps->code, code, 4);
	ps->table = st->table;
	st->nkeys++;
	for (int t = 0; t < st->o->nto; t++) {
		pair_target *pt = &ps->to[t];
		rates_value vt;
		rates_value_of(st->table, st->o->to[t], &vt); /* checked by the CLI, or line_table() */
		conv_pair_init(&pt->pair, &vf, &vt);
		pt->rate[0] = '\0';
		pt->unc[0] = '\0';
		out_json_template_destroy(&pt->json);
		pt->json_file = NULL;
		pt->lanes_made = 0;
	}
	return ps;
}

static const char *uncertainty_text(const run_state *st, pair_set *ps, int t)
{
	pair_target *pt = &ps->to[t];
	if (pt->unc[0] == '\0' &&
	    conv_uncertainty_text(pt->unc, sizeof pt->unc, rates_find(ps->table, ps->code),
	                          rates_find(ps->table, st->o->to[t]), 2) < 0)
		strcpy(pt->unc, "?");
	return pt->unc;
}

static const char *rate_text(pair_set *ps, int t)
{
	pair_target *pt = &ps->to[t];
	if (pt->rate[0] == '\0') {
		int scale = conv_significant_scale(&pt->pair, CONV_MAX_PRECISION, 0);
		if (conv_format_rate(pt->rate, sizeof pt->rate, &pt->pair, scale, 0, true, DEC_ROUND_HALF_EVEN) < 0)
			strcpy(pt->rate, "?");
	}
	return pt->rate;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Cut line[0..len) into at most `want` fields (all of them when want is 0
 * or larger than MAX_SPLIT). Returns how many were found.
 */
static size_t split(run_state *st, const char *line, size_t len, size_t want)
{
	const stream_opts *o = st->o;
	size_t n = 0, i = 0;
	if (want == 0 || want > MAX_SPLIT)
		want = MAX_SPLIT;
	if (o->delim == 0) {
		while (n < want) {
			while (i < len && is_blank(line[i]))
				i++;
			if (i == len)
				break;
			st->split_a[n] = i;
			while (i < len && !is_blank(line[i]))
				i++;
			st->split_b[n++] = i;
		}
		return n;
	}
	while (n < want) {
		st->split_a[n] = i;
		if (i < len && line[i] == '"') {
			/* A quoted field: "" is a quote inside it. */
			for (i++; i < len; i++) {
				if (line[i] == '"') {
					if (i + 1 < len && line[i + 1] == '"')
						i++;
					else {
						i++;
						break;
					}
				}
			}
		}
		while (i < len && line[i] != o->delim)
			i++;
		st->split_b[n++] = i;
		if (i == len)
			break;
		i++;
	}
	return n;
}

/* A field's text for parsing: the outer quotes of a CSV field and blanks around it go. */
static void field_text(run_state *st, const char *line, size_t k, const char **p, size_t *n)
{
	size_t a = st->split_a[k], b = st->split_b[k];
	while (a < b && is_blank(line[a]))
		a++;
	while (b > a && is_blank(line[b - 1]))
		b--;
	if (st->o->delim != 0 && b - a >= 2 && line[a] == '"' && line[b - 1] == '"') {
		a++;
		b--;
	}
	*p = line + a;
	*n = b - a;
}

/* A currency as people write it (KZT, kzt, ₸, tenge): words.c; false when it is none or ambiguous. */
static bool read_code(run_state *st, const char *p, size_t n, char code[4])
{
	/* The usual case first: three letters that are a code of the table, any case. */
	if (n == 3) {
		for (size_t k = 0; k < 3; k++)
			code[k] = (char)(p[k] >= 'a' && p[k] <= 'z' ? p[k] - 32 : p[k]);
		code[3] = '\0';
		if (code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' && code[2] >= 'A' &&
		    code[2] <= 'Z') {
			if (st->table != NULL && pairs_slot(st, code)->table != NULL)
				return true; /* seen before: its pairs are made */
			if (st->table != NULL && rates_has(st->table, code))
				return true;
		}
	}
	words_currency_t w;
	words_status ws = words_currency(&w, p, n, st->table);
	if (ws != WORDS_OK && ws != WORDS_UNKNOWN)
		return false;
	memcpy(code, w.code, 4);
	return true;
}

/*
 * Blank-separated digit groups after a number: "1 000", "1 500 000.50".
 * A field of one to three digits (a sign allowed) followed by tokens of
 * exactly three digits (the last may carry a fraction) reads as a grouped
 * number, so converting the first group alone would give a wrong figure.
 * Returns the end of the last group, or `end` when none follows.
 */
static size_t group_run(const char *line, size_t len, size_t start, size_t end)
{
	size_t a = start, digits = 0;
	if (a < end && (line[a] == '-' || line[a] == '+'))
		a++;
	for (; a + digits < end && line[a + digits] >= '0' && line[a + digits] <= '9'; digits++)
		;
	if (digits == 0 || digits > 3 || a + digits != end)
		return end;
	size_t last = end, i = end;
	for (;;) {
		while (i < len && is_blank(line[i]))
			i++;
		size_t t = i, d = 0;
		while (t < len && line[t] >= '0' && line[t] <= '9' && d < 4)
			t++, d++;
		if (d != 3)
			return last;
		bool fraction = t < len && line[t] == '.';
		if (fraction)
			for (t++; t < len && line[t] >= '0' && line[t] <= '9'; t++)
				;
		if (t < len && !is_blank(line[t]))
			return last;
		last = i = t;
		if (fraction)
			return last;
	}
}

/*
 * --date-field: the table in effect on the line's day, from the CLI's
 * table_on() (which keeps one table a day). false, with st->why set, for a
 * missing or bad date, or a day without rates.
 */
static bool day_table(run_state *st, const char *p, size_t n);

static bool line_table(run_state *st, const char *line, size_t nf)
{
	const stream_opts *o = st->o;
	const char *p;
	size_t n;
	if ((size_t)o->date_field > nf) {
		bad(st, _("no field %ld for the date"), o->date_field);
		return false;
	}
	field_text(st, line, (size_t)o->date_field - 1, &p, &n);
	return day_table(st, p, n);
}

/* The table of the day written p[0..n), made the current one (line_table() and the column lane). */
static bool day_table(run_state *st, const char *p, size_t n)
{
	const stream_opts *o = st->o;
	date_t day;
	char b[MSG_SHOWN_SIZE];
	if (!date_parse(&day, p, n)) {
		bad(st, _("invalid date '%s' (a real day as YYYY-MM-DD or DD.MM.YYYY)"), msg_shown(b, p, n));
		return false;
	}
	const rates_table *t = o->table_on(o->table_ctx, day, st->why, sizeof st->why);
	if (t == NULL)
		return false;
	/* The codes were resolved without a table: each day's must have them (checked once a
	   table, as far as the small cache of checked tables remembers). */
	const rates_table **seen = &st->checked[(size_t)(((uint64_t)(uintptr_t)t * 0x9E3779B97F4A7C15u) >> 54) % CHECKED_TABLES];
	for (int k = -1; *seen != t && k < o->nto; k++) {
		const char *code = k < 0 ? o->from : o->to[k];
		if (code != NULL && !rates_has(t, code)) {
			bad(st, _("unknown currency '%s' in the rates of %.*s"), code, (int)n, p);
			return false;
		}
	}
	*seen = t;
	st->table = t;
	return true;
}

/*
 * Convert one amount into every target, appending to the sink: the results
 * joined by sep (text), or one record each. false, with st->why set, when
 * the amount or a result is bad.
 */
static bool convert_field(run_state *st, pair_set *ps, const char *text, size_t n, char sep,
                          bool with_codes, bool code_first)
{
	const stream_opts *o = st->o;
	dec_t amount;
	char shownbuf[MSG_SHOWN_SIZE];
	dec_status ds = dec_parse(&amount, text, n);
	if (ds != DEC_OK) {
		bad(st, ds == DEC_RANGE ? _("amount '%s' is out of range") : _("bad amount '%s'"),
		    msg_shown(shownbuf, text, n));
		return false;
	}
	for (int t = 0; t < o->nto; t++) {
		conv_ctx ctx = { st->scale[t], o->mode };
		dec_int r;
		if (conv_apply(&r, &amount, &ps->to[t].pair, &ctx) != CONV_OK) {
			bad(st, _("result of %s %s in %s is out of range"), msg_shown(shownbuf, text, n), ps->code,
			    o->to[t]);
			return false;
		}
		if (o->format == OUT_TEXT && !with_codes) {
			/* The usual case: the number straight into the output. */
			if (t > 0)
				sink_put(&st->out, &sep, 1);
			if (!sink_reserve(&st->out, DEC_STRING_MAX))
				return false;
			int len = dec_format(st->out.buf + st->out.len, DEC_STRING_MAX, r, ctx.precision);
			st->out.len += (size_t)len;
			continue;
		}
		char num[DEC_STRING_MAX];
		int len = dec_format(num, sizeof num, r, ctx.precision);
		if (o->format == OUT_JSON) {
			/* The record's constant parts are made once per file and pair (output.h). */
			out_json_template *tp = &ps->to[t].json;
			if (ps->to[t].json_file != st->file) {
				out_record rec = { st->file, st->line, text, n, ps->code, o->to[t], num, NULL,
				                   rate_text(ps, t), ctx.precision, o->mode, st->table,
				                   uncertainty_text(st, ps, t) };
				out_json_template_destroy(tp);
				ps->to[t].json_file = NULL;
				if (!out_json_template_init(tp, &rec)) {
					bad(st, "%s", _("out of memory"));
					return false;
				}
				ps->to[t].json_file = st->file;
			}
			if (!sink_reserve(&st->out, out_json_template_need(tp, n)))
				return false;
			st->out.len += out_json_template_write(st->out.buf + st->out.len, tp, st->line, text, n,
			                                       num, (size_t)len);
			continue;
		}
		if (o->format != OUT_TEXT) {
			out_record rec = { st->file, st->line, text, n, ps->code, o->to[t], num, NULL,
			                   rate_text(ps, t), ctx.precision, o->mode, st->table,
			                   uncertainty_text(st, ps, t) };
			size_t need = out_format_record(NULL, 0, o->format, &rec);
			if (!sink_reserve(&st->out, need + 1))
				return false;
			out_format_record(st->out.buf + st->out.len, need + 1, o->format, &rec);
			st->out.len += need;
			continue;
		}
		if (t > 0)
			sink_put(&st->out, &sep, 1);
		if (with_codes && code_first) {
			sink_put(&st->out, o->to[t], 3);
			sink_put(&st->out, &sep, 1);
		}
		sink_put(&st->out, num, (size_t)len);
		if (with_codes && !code_first) {
			sink_put(&st->out, &sep, 1);
			sink_put(&st->out, o->to[t], 3);
		}
	}
	return true;
}

/* Convert one line (without its end) into the sink; false, with st->why, for a bad line. */
static bool convert_line(run_state *st, const char *line, size_t len)
{
	const stream_opts *o = st->o;
	char sep = o->delim ? o->delim : ' ';
	size_t nf;

	if (o->from == NULL && o->from_field == 0) {
		/* "AMOUNT CODE" or "CODE AMOUNT": the line names its own currency. */
		nf = split(st, line, len, 3);
		if (nf != 2) {
			bad(st, P_("expected 'AMOUNT CODE' or 'CODE AMOUNT', got %zu field",
			           "expected 'AMOUNT CODE' or 'CODE AMOUNT', got %zu fields", nf), nf);
			return false;
		}
		const char *p0, *p1;
		size_t n0, n1;
		char code[4];
		field_text(st, line, 0, &p0, &n0);
		field_text(st, line, 1, &p1, &n1);
		bool code_first = read_code(st, p0, n0, code);
		if (!code_first && !read_code(st, p1, n1, code)) {
			char b[MSG_SHOWN_SIZE];
			bad(st, _("no currency code in '%s'"), msg_shown(b, line, len));
			return false;
		}
		pair_set *ps = pairs_for(st, code);
		if (ps == NULL) {
			bad(st, _("unknown currency '%s'"), code);
			return false;
		}
		const char *amt = code_first ? p1 : p0;
		size_t namt = code_first ? n1 : n0;
		if (o->format != OUT_TEXT)
			return convert_field(st, ps, amt, namt, sep, false, false);
		if (o->append) {
			sink_put(&st->out, line, len);
			sink_put(&st->out, &sep, 1);
			return convert_field(st, ps, amt, namt, sep, true, code_first);
		}
		sink_put(&st->out, line, st->split_a[0]);
		if (!convert_field(st, ps, amt, namt, sep, true, code_first))
			return false;
		sink_put(&st->out, line + st->split_b[1], len - st->split_b[1]);
		return true;
	}

	nf = split(st, line, len, st->want);
	if (o->date_field != 0 && !line_table(st, line, nf))
		return false;

	pair_set *ps;
	if (o->from != NULL) {
		char code[4];
		memcpy(code, o->from, 4);
		ps = pairs_for(st, code);
	} else {
		if ((size_t)o->from_field > nf) {
			bad(st, _("no field %ld for the currency"), o->from_field);
			return false;
		}
		const char *p;
		size_t n;
		char code[4];
		char b[MSG_SHOWN_SIZE];
		field_text(st, line, (size_t)o->from_field - 1, &p, &n);
		if (!read_code(st, p, n, code)) {
			bad(st, _("invalid currency code '%s'"), msg_shown(b, p, n));
			return false;
		}
		ps = pairs_for(st, code);
		if (ps == NULL) {
			bad(st, _("unknown currency '%s'"), code);
			return false;
		}
	}

	/* Every field asked for must be there. */
	for (int i = 0; i < o->nfields; i++)
		if (o->fields[i].hi != STREAM_FIELD_OPEN && (size_t)o->fields[i].hi > nf) {
			bad(st, _("no field %ld"), o->fields[i].hi);
			return false;
		}
	if (o->nfields == 0 && nf == 0) {
		bad(st, _("no number on the line"));
		return false;
	}

	size_t done = 0;  /* bytes of the line already in the sink */
	size_t taken = 0; /* the end of the last number converted, its digit groups included */
	size_t converted = 0;
	for (size_t k = 0; k < nf; k++) {
		if (!field_selected(o, (long)k + 1))
			continue;
		const char *p;
		size_t n;
		if (st->split_a[k] < taken)
			continue; /* a digit group taken along by the field before it (--grouped) */
		field_text(st, line, k, &p, &n);
		char joined[MAX_GROUPED + 1];
		size_t gend = o->delim == 0 ? group_run(line, len, st->split_a[k], st->split_b[k])
		                            : st->split_b[k];
		if (gend != st->split_b[k]) {
			char b[MSG_SHOWN_SIZE];
			if (!o->grouped) {
				bad(st, _("'%s' looks like a grouped number: write it without blanks, or use --grouped"),
				    msg_shown(b, line + st->split_a[k], gend - st->split_a[k]));
				return false;
			}
			/* --grouped: the groups are one number, and its whole span is replaced. */
			size_t jn = 0;
			for (size_t i = st->split_a[k]; i < gend; i++)
				if (!is_blank(line[i]) && jn < MAX_GROUPED)
					joined[jn++] = line[i];
			joined[jn] = '\0';
			p = joined;
			n = jn;
		}
		taken = gend;
		if (o->format != OUT_TEXT) {
			if (!convert_field(st, ps, p, n, sep, false, false))
				return false;
		} else if (o->append) {
			if (converted == 0) {
				sink_put(&st->out, line, len);
				done = len;
			}
			sink_put(&st->out, &sep, 1);
			if (!convert_field(st, ps, p, n, sep, false, false))
				return false;
		} else {
			sink_put(&st->out, line + done, st->split_a[k] - done);
			if (!convert_field(st, ps, p, n, sep, false, false))
				return false;
			done = gend;
		}
		converted++;
	}
	if (converted == 0) {
		bad(st, _("no field to convert"));
		return false;
	}
	if (o->format == OUT_TEXT)
		sink_put(&st->out, line + done, len - done);
	return true;
}

/*
 * A plain number at p, up to e: an optional sign, at most 19 digits with
 * an optional point among them. Returns where it stops (NULL when there is
 * none: the general path's dec_parse() reads the rest), with *grouping true
 * when it is one to three digits without a point, which digit groups may
 * follow ("1 000").
 */
static inline const char *lane_amount(const char *p, const char *e, dec_t *out, bool *grouping)
{
	bool neg = false;
	if (p < e && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	uint64_t c = 0;
	const char *digits = p, *point = NULL;
	while (p < e && *p >= '0' && *p <= '9')
		c = c * 10 + (uint64_t)(*p++ - '0');
	if (p < e && *p == '.') {
		point = p++;
		while (p < e && *p >= '0' && *p <= '9')
			c = c * 10 + (uint64_t)(*p++ - '0');
	}
	size_t nd = (size_t)(p - digits) - (point != NULL);
	if (nd == 0 || nd > 19)
		return NULL;
	out->coef = neg ? -(dec_int)c : (dec_int)c;
	out->exp = point ? -(int32_t)(p - point - 1) : 0;
	*grouping = point == NULL && nd <= 3;
	return p;
}

/*
 * A lane's amount into every target: by the pairs' lanes, or conv_apply for
 * what they cannot take; and room in the sink for the line of len bytes
 * with the results. false, having written nothing, when either fails.
 */
static inline bool lane_convert(run_state *st, pair_set *ps, const dec_t *amount, dec_int *r, size_t len)
{
	bool negative = amount->coef < 0;
	uint64_t mag = (uint64_t)(negative ? -amount->coef : amount->coef);
	for (int t = 0; t < st->o->nto; t++) {
		pair_target *pt = &ps->to[t];
		conv_ctx ctx = { st->scale[t], st->o->mode };
		int k = -amount->exp; /* 0..19 */
		if (!(pt->lanes_made >> k & 1)) {
			conv_lane_init(&pt->lanes[k], &pt->pair, amount->exp, &ctx);
			pt->lanes_made |= 1u << k;
		}
		if (!conv_lane_apply(&pt->lanes[k], &r[t], mag, negative) &&
		    conv_apply(&r[t], amount, &pt->pair, &ctx) != CONV_OK)
			return false;
	}
	return sink_reserve(&st->out, len + (size_t)st->o->nto * (DEC_STRING_MAX + 1) + 2);
}

/* The lanes' results side by side, sep between, into room already reserved. */
static inline void lane_results(run_state *st, const dec_int *r, char sep)
{
	for (int t = 0; t < st->o->nto; t++) {
		if (t > 0)
			st->out.buf[st->out.len++] = sep;
		st->out.len += (size_t)dec_format_stream(st->out.buf + st->out.len, r[t], st->scale[t]);
	}
}

/*
 * The usual stream, `--from X --to Y` on plain numbers one to a line (or
 * first on it), without the general machinery: find the number, convert,
 * write. false, having written nothing, for anything else: the general
 * path then takes the line.
 */
static bool fast_lane(run_state *st, const char *line, size_t len)
{
	const char *p = line, *e = line + len;
	while (p < e && is_blank(*p))
		p++;
	const char *start = p;
	dec_t amount;
	bool grouping;
	p = lane_amount(p, e, &amount, &grouping);
	if (p == NULL || (p < e && !is_blank(*p)))
		return false;
	/* "1 000": digit groups follow; the general path says so. */
	if (grouping && p < e && group_run(line, len, (size_t)(start - line), (size_t)(p - line)) != (size_t)(p - line))
		return false;
	dec_int r[STREAM_MAX_TARGETS];
	if (!lane_convert(st, st->lane_set, &amount, r, len))
		return false;
	/* Blanks around the number are rare: copy them only when there are some. */
	if (start > line)
		sink_put(&st->out, line, (size_t)(start - line));
	lane_results(st, r, ' ');
	if (p < e)
		sink_put(&st->out, p, (size_t)(e - p));
	return true;
}

/*
 * Where each of the first `want` fields of a delimited line ends (at its
 * delimiter, or at len). false when a field is missing or a quote comes
 * before the last of them ends (a quoted field: split() knows the rules).
 * With SSE2, sixteen bytes at a time: the input buffer has LANE_SLACK bytes
 * past its end, so a load that runs over the line stays inside it, and the
 * bytes past the line are masked off.
 */
static inline bool lane_cut(const char *line, size_t len, char d, size_t want, size_t *ends)
{
	size_t n = 0, quote = SIZE_MAX;
#if defined(__SSE2__) && !defined(SARRAF_NO_SIMD)
	const __m128i dv = _mm_set1_epi8(d), qv = _mm_set1_epi8('"');
	for (size_t i = 0; i < len; i += 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(line + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, dv));
		unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, qv));
		if (len - i < 16) {
			unsigned keep = (1u << (len - i)) - 1;
			m &= keep;
			q &= keep;
		}
		if (q != 0 && quote == SIZE_MAX)
			quote = i + (size_t)__builtin_ctz(q);
		for (; m != 0; m &= m - 1) {
			ends[n++] = i + (size_t)__builtin_ctz(m);
			if (n == want)
				return quote >= ends[want - 1];
		}
	}
#else
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '"' && quote == SIZE_MAX)
			quote = i;
		if (line[i] == d) {
			ends[n++] = i;
			if (n == want)
				return quote >= ends[want - 1];
		}
	}
#endif
	ends[n++] = len;
	return n == want && quote >= len;
}

/*
 * The column lane: a delimited stream with one field to convert and the
 * currency given (--from) or in a column of its own (--from-field), text
 * out; with --date-field, the day's table first. The fields are found in
 * one pass, the currency
 * column's three bytes compared with the last line's, the number written
 * straight into the output. false, having written nothing, for anything
 * else (a quoted field, blanks, a currency seen the first time that is not
 * a plain code, a bad number): the general path then takes the line.
 */
static bool column_lane(run_state *st, const char *line, size_t len)
{
	const char d = st->o->delim;
	const size_t fk = st->lane_field, ck = st->lane_code;
	size_t ends[LANE_FIELDS];
	if (!lane_cut(line, len, d, st->want, ends))
		return false;
	size_t fa = fk == 0 ? 0 : ends[fk - 1] + 1, fb = ends[fk];

	if (st->o->date_field != 0) {
		/* The day's table (a day seen before: a hash lookup in the CLI's table_on()). */
		size_t dk = (size_t)st->o->date_field - 1, da = dk == 0 ? 0 : ends[dk - 1] + 1;
		if (!day_table(st, line + da, ends[dk] - da))
			return false;
	}
	if (ck == SIZE_MAX) {
		if (st->lane_set == NULL || st->lane_set->table != st->table) {
			char code[4];
			memcpy(code, st->o->from, 4);
			if ((st->lane_set = pairs_for(st, code)) == NULL)
				return false;
		}
	} else {
		size_t ca = ck == 0 ? 0 : ends[ck - 1] + 1, cb = ends[ck];
		if (cb - ca != 3 || memcmp(line + ca, st->lane_raw, 3) != 0 || st->lane_set == NULL ||
		    st->lane_set->table != st->table || memcmp(st->lane_set->code, st->lane_code_of_raw, 4) != 0) {
			/* Another currency than the last line's (or its pairs' slot was reused). */
			char code[4];
			if (cb - ca != 3 || !read_code(st, line + ca, 3, code))
				return false;
			pair_set *ps = pairs_for(st, code);
			if (ps == NULL)
				return false;
			memcpy(st->lane_raw, line + ca, 3);
			memcpy(st->lane_code_of_raw, code, 4);
			st->lane_set = ps;
		}
	}

	dec_t amount;
	bool grouping;
	if (lane_amount(line + fa, line + fb, &amount, &grouping) != line + fb)
		return false;
	dec_int r[STREAM_MAX_TARGETS];
	if (!lane_convert(st, st->lane_set, &amount, r, len))
		return false;
	if (st->o->append) {
		sink_put(&st->out, line, len);
		st->out.buf[st->out.len++] = d;
		lane_results(st, r, d);
	} else {
		sink_put(&st->out, line, fa);
		lane_results(st, r, d);
		sink_put(&st->out, line + fb, len - fb);
	}
	return true;
}

/* Report a bad line as the --invalid mode says; true to go on. */
static bool bad_line(run_state *st, const char *line, size_t len, const char *end, size_t endlen)
{
	const stream_opts *o = st->o;
	if (o->invalid != INVALID_IGNORE)
		fprintf(stderr, "sarraf: %s:%ld: %s\n", st->file, st->line, st->why);
	if (o->invalid == INVALID_ABORT) {
		st->aborted = true;
		st->failed = true;
		return false;
	}
	if (o->invalid == INVALID_FAIL)
		st->failed = true;
	if (o->format == OUT_TEXT) {
		sink_put(&st->out, line, len);
		sink_put(&st->out, end, endlen);
	} else if (o->format == OUT_JSON) {
		out_record rec = { st->file, st->line, line, len, NULL, NULL, NULL, st->why, NULL, 0,
		                   o->mode, st->table, NULL };
		size_t need = out_format_record(NULL, 0, o->format, &rec);
		if (sink_reserve(&st->out, need + 1)) {
			out_format_record(st->out.buf + st->out.len, need + 1, o->format, &rec);
			st->out.len += need;
		}
	}
	return true;
}

/* One line, without its terminator (end[0..endlen) is what ended it). */
static bool process_line(run_state *st, const char *line, size_t len, const char *end, size_t endlen)
{
	const stream_opts *o = st->o;
	st->line++;
	if (st->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		/* A UTF-8 byte-order mark: kept in text output, never part of a field. */
		if (o->format == OUT_TEXT)
			sink_put(&st->out, line, 3);
		line += 3;
		len -= 3;
	}
	if (endlen == 1 && end[0] == '\n' && len > 0 && line[len - 1] == '\r') {
		/* CRLF: the CR belongs to the line end. */
		len--;
		end--;
		endlen++;
	}
	if (st->line <= o->header || len == 0) {
		/* Header lines and empty lines pass through (not in records). */
		if (o->format == OUT_TEXT) {
			sink_put(&st->out, line, len);
			sink_put(&st->out, end, endlen);
		}
		return true;
	}
	if (st->column) {
		if (column_lane(st, line, len)) {
			sink_put(&st->out, end, endlen);
			return true;
		}
	} else if (st->plain && fast_lane(st, line, len)) {
		if (endlen == 1)
			st->out.buf[st->out.len++] = *end; /* room reserved by fast_lane */
		else
			sink_put(&st->out, end, endlen);
		return true;
	}
	size_t mark = st->out.len;
	if (convert_line(st, line, len)) {
		if (o->format == OUT_TEXT)
			sink_put(&st->out, end, endlen);
		return true;
	}
	st->out.len = mark; /* drop what the bad line had put out */
	return bad_line(st, line, len, end, endlen);
}

/* The first STREAM_MAX_LINE and more bytes of a line without an end in sight. */
static bool long_line(run_state *st, const char *part, size_t len)
{
	const stream_opts *o = st->o;
	if (o->format != OUT_TEXT || o->invalid == INVALID_ABORT)
		return bad_line(st, "", 0, "", 0);
	if (o->invalid != INVALID_IGNORE)
		fprintf(stderr, "sarraf: %s:%ld: %s\n", st->file, st->line, st->why);
	if (o->invalid == INVALID_FAIL)
		st->failed = true;
	sink_put(&st->out, part, len);
	return true;
}

static void flush_if_full(run_state *st)
{
	if (st->out.len >= OUT_FLUSH)
		sink_flush(&st->out);
}

/* Convert one open file. false when the run must stop (abort, closed output, write error). */
static bool run_fd(run_state *st, int fd, char *buf)
{
	const stream_opts *o = st->o;
	size_t have = 0;
	bool eof = false, skipping = false;

	while (!eof || have > 0) {
		if (!eof && have < IN_BUF) {
			ssize_t n = read(fd, buf + have, IN_BUF - have);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				fprintf(stderr, "sarraf: %s: %s\n", st->file, strerror(errno));
				st->failed = true;
				return true;
			}
			if (n == 0)
				eof = true;
			have += (size_t)n;
		}
		size_t pos = 0;
		for (;;) {
			char *nl = memchr(buf + pos, o->eol, have - pos);
			if (nl == NULL)
				break;
			size_t len = (size_t)(nl - (buf + pos));
			if (skipping) {
				/* The rest of an over-long line, passed through. */
				if (o->format == OUT_TEXT)
					sink_put(&st->out, buf + pos, len + 1);
				skipping = false;
			} else if (len > STREAM_MAX_LINE) {
				/*
				 * An over-long line whose end came in the same read: as bad as
				 * one cut below, whatever the sizes of the reads (a pipe's
				 * writer that runs ahead filled the buffer; found by valgrind).
				 */
				st->line++;
				bad(st, _("line longer than %d bytes"), STREAM_MAX_LINE);
				if (!long_line(st, buf + pos, len + 1))
					return false;
			} else if (!process_line(st, buf + pos, len, nl, 1)) {
				return false;
			}
			pos += len + 1;
			flush_if_full(st);
			if (st->out.closed || st->out.err)
				return false;
		}
		memmove(buf, buf + pos, have - pos);
		have -= pos;
		if (eof && have > 0) {
			/* A last line without its end: converted, and left without one. */
			if (skipping) {
				if (o->format == OUT_TEXT)
					sink_put(&st->out, buf, have);
			} else if (!process_line(st, buf, have, buf + have, 0)) {
				return false;
			}
			have = 0;
		} else if (have > STREAM_MAX_LINE && !skipping) {
			/* No line end in sight: a bad line, passed through in the modes that go on. */
			st->line++;
			bad(st, _("line longer than %d bytes"), STREAM_MAX_LINE);
			if (!long_line(st, buf, have))
				return false;
			have = 0;
			skipping = true;
		}
		if (st->out.closed || st->out.err)
			return false;
	}
	return true;
}

int stream_run(const stream_opts *o, char *const *files, int nfiles)
{
	static char dash[] = "-";
	char *const stdin_only[] = { dash };
	run_state *st = calloc(1, sizeof *st);
	char *buf = calloc(1, IN_BUF + LANE_SLACK); /* calloc: the slack is never uninitialized */
	if (st == NULL || buf == NULL) {
		free(st);
		free(buf);
		fprintf(stderr, "sarraf: %s\n", _("out of memory"));
		return 1;
	}
	st->o = o;
	st->table = o->table;
	st->out.cap = 2 * OUT_FLUSH;
	st->out.buf = malloc(st->out.cap);
	st->cache = calloc(PAIR_SLOTS, sizeof *st->cache);
	if (st->out.buf == NULL || st->cache == NULL) {
		free(st->out.buf);
		free(st->cache);
		free(st);
		free(buf);
		fprintf(stderr, "sarraf: %s\n", _("out of memory"));
		return 1;
	}
	for (int t = 0; t < o->nto; t++)
		st->scale[t] = o->precision >= 0 ? o->precision : currency_minor_units(o->to[t]);
	/* How far to cut a line: the last field asked for, unless a range is open. */
	st->want = o->nfields == 0 ? 1 : 0;
	for (int i = 0; i < o->nfields; i++) {
		if (o->fields[i].hi == STREAM_FIELD_OPEN) {
			st->want = 0;
			break;
		}
		if ((size_t)o->fields[i].hi > st->want)
			st->want = (size_t)o->fields[i].hi;
	}
	if (st->want != 0 && (size_t)o->from_field > st->want)
		st->want = (size_t)o->from_field;
	if (st->want != 0 && (size_t)o->date_field > st->want)
		st->want = (size_t)o->date_field;
	if (o->format == OUT_TEXT && o->delim == 0 && o->nfields == 0 && o->from != NULL &&
	    !o->append && o->date_field == 0) {
		char code[4];
		memcpy(code, o->from, 4);
		pair_set *ps = pairs_for(st, code);
		st->lane_set = ps;
		st->plain = ps != NULL;
	}
	if (o->format == OUT_TEXT && o->delim != 0 && (o->from != NULL || o->from_field != 0) &&
	    st->want >= 1 && st->want <= LANE_FIELDS &&
	    (o->nfields == 0 || (o->nfields == 1 && o->fields[0].lo == o->fields[0].hi))) {
		st->lane_field = o->nfields == 0 ? 0 : (size_t)o->fields[0].lo - 1;
		st->lane_code = o->from != NULL ? SIZE_MAX : (size_t)o->from_field - 1;
		st->column = true; /* the pairs are looked up on the first line */
	}

	/* A reader that goes away (| head) ends the run quietly: EPIPE, not a signal. */
	signal(SIGPIPE, SIG_IGN);

	const char *hdr = out_record_header(o->format);
	if (hdr != NULL)
		sink_put(&st->out, hdr, strlen(hdr));

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles; i++) {
		bool is_stdin = strcmp(files[i], "-") == 0;
		int fd = is_stdin ? STDIN_FILENO : open(files[i], O_RDONLY);
		st->file = is_stdin ? "stdin" : files[i];
		st->line = 0;
		if (fd < 0) {
			fprintf(stderr, "sarraf: %s: %s\n", files[i], strerror(errno));
			st->failed = true;
			continue;
		}
		bool go_on = run_fd(st, fd, buf);
		if (!is_stdin)
			close(fd);
		if (!go_on)
			break;
	}
	sink_flush(&st->out);
	int rc = st->failed ? 1 : 0;
	if (st->out.err) {
		fprintf(stderr, _("sarraf: write error: %s\n"), strerror(st->out.err));
		rc = 1;
	}
	free(st->out.buf);
	for (int c = 0; c < PAIR_SLOTS; c++) {
		for (int t = 0; st->cache[c].to != NULL && t < o->nto; t++)
			out_json_template_destroy(&st->cache[c].to[t].json);
		free(st->cache[c].to);
	}
	free(st->cache);
	free(st);
	free(buf);
	return rc;
}
