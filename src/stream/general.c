/*
 * general.c - the stream's general path: any line the lanes do not take.
 * A line is cut into fields only as far as needed; the amounts in the
 * fields asked for are converted into every target, as text in place or
 * appended, or as records (JSON Lines, CSV, TSV).
 *
 *   line:   "  1200.50   KZT  note"      fields are the blank-free runs,
 *             ^^^^^^^   ^^^              the blanks between are kept
 *           "1200.50,""KZT"",x"          with -d ',' a field may be quoted
 *
 * Also the field lists of --field, and what the lanes borrow from here: a
 * currency as written, digit groups, the table of a day.
 */
#include "stream_int.h"

#include "../i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "sarraf/words.h"

char *stream_scratch(run_state *st, size_t n)
{
	if (n > st->scratch_cap) {
		char *p = realloc(st->scratch, n);
		if (p == NULL)
			return NULL;
		st->scratch = p;
		st->scratch_cap = n;
	}
	return st->scratch;
}

/* A field's text for parsing: the outer quotes of a CSV field and blanks around it go. */
static bool field_text(run_state *st, const char *line, size_t k, const char **p, size_t *n)
{
	size_t a = st->split_a[k], b = st->split_b[k];
	bool quoted = false;
	while (a < b && is_blank(line[a]))
		a++;
	while (b > a && is_blank(line[b - 1]))
		b--;
	if (st->o->delim != 0 && b - a >= 2 && line[a] == '"' && line[b - 1] == '"') {
		a++;
		b--;
		quoted = true;
	}
	*p = line + a;
	*n = b - a;
	return quoted;
}

/* A currency as people write it (KZT, kzt, ₸, tenge): words.c; false when it is none or ambiguous. */
bool stream_read_code(run_state *st, const char *p, size_t n, char code[4])
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
			if (st->table != NULL && rates_knows(st->table, code))
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
size_t stream_group_run(const char *line, size_t len, size_t start, size_t end)
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
		/* a fraction after the last group, with a point or a decimal comma ("1 000,50": a
		   grouped number whatever --decimal-comma says, never the number 1) */
		bool fraction = t < len && (line[t] == '.' || line[t] == ',');
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
static bool line_table(run_state *st, const char *line, size_t nf)
{
	const stream_opts *o = st->o;
	const char *p;
	size_t n;
	if ((size_t)o->date_field > nf) {
		stream_bad(st, _("no field %ld for the date"), o->date_field);
		return false;
	}
	field_text(st, line, (size_t)o->date_field - 1, &p, &n);
	return stream_day_table(st, p, n);
}

/* The table of the day written p[0..n), made the current one (line_table() and the column lane). */
bool stream_day_table(run_state *st, const char *p, size_t n)
{
	const stream_opts *o = st->o;
	date_t day;
	char b[MSG_SHOWN_SIZE];
	if (!date_parse(&day, p, n)) {
		stream_bad(st, _("invalid date '%s' (a real day as YYYY-MM-DD or DD.MM.YYYY)"), msg_shown(b, p, n));
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
		if (code != NULL && !rates_knows(t, code)) {
			stream_bad(st, _("unknown currency '%s' in the rates of %.*s"), code, (int)n, p);
			return false;
		}
	}
	*seen = t;
	st->table = t;
	return true;
}

/* The group separators inside a field: a space, U+00A0, U+2009, U+202F. */
static size_t group_separator_at(const char *p, size_t n, size_t i)
{
	if (p[i] == ' ')
		return 1;
	if (n - i >= 2 && memcmp(p + i, "\xc2\xa0", 2) == 0)
		return 2;
	if (n - i >= 3 && (memcmp(p + i, "\xe2\x80\x89", 3) == 0 || memcmp(p + i, "\xe2\x80\xaf", 3) == 0))
		return 3;
	return 0;
}

/*
 * A field that is one grouped number: [sign] one to three digits, then groups of three,
 * each after a separator (group_separator_at), then a fraction after a point or a comma
 * ("1 200 000", "-1 500 000,50" from a spreadsheet). Its digits, sign and point are
 * copied to out (n bytes of room) when out is not NULL. Returns their count, or 0 when the
 * field is not one.
 */
static size_t field_groups(const char *p, size_t n, char *out)
{
	size_t i = 0, o = 0, g = 0, groups = 0;
#define KEEP(c) (out != NULL ? (void)(out[o] = (c)) : (void)0, o++)
	if (i < n && (p[i] == '-' || p[i] == '+'))
		KEEP(p[i]), i++;
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++, g++)
		KEEP(p[i]);
	if (g == 0 || g > 3)
		return 0;
	for (size_t sep; i < n && (sep = group_separator_at(p, n, i)) > 0; groups++) {
		i += sep;
		for (g = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++, g++)
			KEEP(p[i]);
		if (g != 3)
			return 0;
	}
	if (groups == 0)
		return 0;
	if (i < n && (p[i] == '.' || p[i] == ',')) {
		for (KEEP(p[i]), i++; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			KEEP(p[i]);
	}
#undef KEEP
	return i == n ? o : 0;
}

/*
 * The amount of a field, written w[0..wn), as dec_parse() reads it: *num[0..*nn), as
 * written or rewritten in st->scratch (its digit groups joined with --grouped, its decimal
 * comma made a point with --decimal-comma). *num is w, or w's blank-separated groups
 * already joined in st->scratch; quoted: the field had quotes. false, with st->why, when
 * it cannot be an amount of this stream.
 */
static bool amount_text(run_state *st, const char *w, size_t wn, bool quoted, const char **num, size_t *nn)
{
	char b[MSG_SHOWN_SIZE];
	if (st->quote_amounts && !quoted) {
		/* "1500,50" cut in two by its own comma: refused, never read as 1500. */
		stream_bad(st, _("amount '%s' is not quoted (with --decimal-comma and -d ',' an amount is quoted, "
		                 "as in \"1500,50\")"), msg_shown(b, w, wn));
		return false;
	}
	size_t g;
	if (*num == w && (g = field_groups(w, wn, NULL)) != 0) {
		/* "1 200 000" in one field (quoted, or -d ';'), as spreadsheets write it */
		if (!st->o->grouped) {
			stream_bad(st, _("'%s' looks like a grouped number: write it without blanks, or use --grouped"),
			           msg_shown(b, w, wn));
			return false;
		}
		{
			char *out = stream_scratch(st, g);
			if (out == NULL) {
				stream_bad(st, "%s", _("out of memory"));
				return false;
			}
			*nn = field_groups(w, wn, out);
			*num = out;
		}
	}
	if (st->point == '.')
		return true;
	if (memchr(*num, '.', *nn) != NULL) {
		stream_bad(st, _("bad amount '%s': --decimal-comma reads a comma as the decimal point, "
		                 "and a point is not one"), msg_shown(b, w, wn));
		return false;
	}
	if (*num != st->scratch) {
		char *out = stream_scratch(st, *nn);
		if (out == NULL) {
			stream_bad(st, "%s", _("out of memory"));
			return false;
		}
		memcpy(out, *num, *nn);
		*num = out;
	}
	char *c = memchr(st->scratch, ',', *nn);
	if (c != NULL)
		*c = '.';
	return true;
}

/* A bad amount that a decimal comma would make good ("12,5"): the message says so. */
static bool reads_with_decimal_comma(const char *p, size_t n)
{
	char tmp[64];
	const char *c = memchr(p, ',', n);
	dec_t unused;
	if (n >= sizeof tmp || c == NULL || memchr(c + 1, ',', n - (size_t)(c - p) - 1) != NULL ||
	    memchr(p, '.', n) != NULL)
		return false;
	memcpy(tmp, p, n);
	tmp[c - p] = '.';
	return dec_parse(&unused, tmp, n) == DEC_OK;
}

/*
 * Convert one amount into every target, appending to the sink: the results
 * joined by sep (text), or one record each. false, with st->why set, when
 * the amount or a result is bad.
 */
static bool convert_field(run_state *st, pair_set *ps, const char *text, size_t n, const char *num_text,
                          size_t num_len, char sep, bool with_codes, bool code_first)
{
	const stream_opts *o = st->o;
	dec_t amount;
	char shownbuf[MSG_SHOWN_SIZE];
	dec_status ds = dec_parse(&amount, num_text, num_len);
	if (ds != DEC_OK) {
		if (ds == DEC_RANGE)
			stream_bad(st, _("amount '%s' is out of range"), msg_shown(shownbuf, text, n));
		else if (st->point == '.' && reads_with_decimal_comma(num_text, num_len))
			stream_bad(st, _("bad amount '%s' (if its comma is the decimal point: use --decimal-comma)"),
			           msg_shown(shownbuf, text, n));
		else
			stream_bad(st, _("bad amount '%s'"), msg_shown(shownbuf, text, n));
		return false;
	}
	for (int t = 0; t < o->nto; t++) {
		conv_ctx ctx = { st->scale[t], o->mode };
		dec_int r;
		if (conv_apply(&r, &amount, &ps->to[t].pair, &ctx) != CONV_OK) {
			stream_bad(st, _("result of %s %s in %s is out of range"), msg_shown(shownbuf, text, n), ps->code,
			    o->to[t]);
			return false;
		}
		if (o->format == OUT_TEXT && !with_codes) {
			/* The usual case: the number straight into the output. */
			if (t > 0)
				sink_put(&st->out, &sep, 1);
			if (!sink_reserve(&st->out, DEC_STRING_MAX + 2))
				return false;
			int len = dec_format(st->out.buf + st->out.len, DEC_STRING_MAX, r, ctx.precision);
			st->out.len += stream_result_text(st, st->out.buf + st->out.len, (size_t)len, ctx.precision);
			continue;
		}
		char num[DEC_STRING_MAX + 2];
		int len = dec_format(num, DEC_STRING_MAX, r, ctx.precision);
		if (o->format == OUT_TEXT)
			len = (int)stream_result_text(st, num, (size_t)len, ctx.precision);
		if (o->format == OUT_JSON) {
			/* The record's constant parts are made once per file and pair (output.h). */
			out_json_template *tp = &ps->to[t].json;
			if (ps->to[t].json_file != st->file) {
				out_record rec = { st->file, st->line, text, n, ps->code, o->to[t], num, NULL,
				                   pairs_rate_text(ps, t), ctx.precision, o->mode, st->table,
				                   pairs_uncertainty_text(st, ps, t), NULL, NULL, NULL };
				out_json_template_destroy(tp);
				ps->to[t].json_file = NULL;
				if (!out_json_template_init(tp, &rec)) {
					stream_bad(st, "%s", _("out of memory"));
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
			                   pairs_rate_text(ps, t), ctx.precision, o->mode, st->table,
			                   pairs_uncertainty_text(st, ps, t), NULL, NULL, NULL };
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

/* n delimiters: n + 1 empty fields between the fields around them. */
static void put_delims(run_state *st, size_t n)
{
	for (size_t k = 0; k < n; k++)
		sink_put(&st->out, &st->o->delim, 1);
}

void stream_keep_row(run_state *st, const char *line, size_t len)
{
	const stream_opts *o = st->o;
	size_t nto = (size_t)o->nto, mark = st->out.len;
	if (o->from == NULL && o->from_field == 0) {
		/* AMOUNT,CODE: each target writes a result and a code. */
		size_t nf = stream_split(st, line, len, 3);
		if (nf != 2) {
			sink_put(&st->out, line, len);
		} else if (o->append) {
			sink_put(&st->out, line, len);
			put_delims(st, 2 * nto);
		} else {
			sink_put(&st->out, line, st->split_a[0]);
			put_delims(st, 2 * nto - 1);
			sink_put(&st->out, line + st->split_b[1], len - st->split_b[1]);
		}
		return;
	}
	size_t nf = stream_split(st, line, len, 0);
	if (nf == SIZE_MAX) {
		st->out.len = mark;
		sink_put(&st->out, line, len);
		return;
	}
	if (o->append) {
		/* As many as a good row appends: every field asked for by a closed range, and those
		   of an open one that this row has. */
		size_t last = nf;
		for (int i = 0; i < o->nfields; i++)
			if (o->fields[i].hi != STREAM_FIELD_OPEN && (size_t)o->fields[i].hi > last)
				last = (size_t)o->fields[i].hi;
		size_t asked = 0;
		for (size_t k = 1; k <= last; k++)
			asked += stream_field_selected(o, (long)k);
		sink_put(&st->out, line, len);
		put_delims(st, asked * nto);
		return;
	}
	size_t done = 0;
	for (size_t k = 0; k < nf; k++) {
		if (!stream_field_selected(o, (long)k + 1))
			continue;
		sink_put(&st->out, line + done, st->split_a[k] - done);
		put_delims(st, nto - 1);
		done = st->split_b[k];
	}
	sink_put(&st->out, line + done, len - done);
}

/* Convert one line (without its end) into the sink; false, with st->why, for a bad line. */
bool stream_convert_line(run_state *st, const char *line, size_t len)
{
	const stream_opts *o = st->o;
	char sep = o->delim ? o->delim : ' ';
	size_t nf;

	if (o->from == NULL && o->from_field == 0) {
		/* "AMOUNT CODE" or "CODE AMOUNT": the line names its own currency. */
		nf = stream_split(st, line, len, 3);
		if (nf == SIZE_MAX)
			return false;
		if (nf != 2) {
			stream_bad(st, P_("expected 'AMOUNT CODE' or 'CODE AMOUNT', got %zu field",
			                  "expected 'AMOUNT CODE' or 'CODE AMOUNT', got %zu fields", nf), nf);
			return false;
		}
		const char *p0, *p1;
		size_t n0, n1;
		char code[4];
		bool q0 = field_text(st, line, 0, &p0, &n0);
		bool q1 = field_text(st, line, 1, &p1, &n1);
		bool code_first = stream_read_code(st, p0, n0, code);
		if (!code_first && !stream_read_code(st, p1, n1, code)) {
			char b[MSG_SHOWN_SIZE];
			stream_bad(st, _("no currency code in '%s'"), msg_shown(b, line, len));
			return false;
		}
		pair_set *ps = pairs_for(st, code);
		if (ps == NULL) {
			stream_bad(st, _("unknown currency '%s'"), code);
			return false;
		}
		const char *amt = code_first ? p1 : p0, *num = amt;
		size_t namt = code_first ? n1 : n0, nnum = namt;
		if (!amount_text(st, amt, namt, code_first ? q1 : q0, &num, &nnum))
			return false;
		if (o->format != OUT_TEXT)
			return convert_field(st, ps, amt, namt, num, nnum, sep, false, false);
		if (o->append) {
			sink_put(&st->out, line, len);
			sink_put(&st->out, &sep, 1);
			return convert_field(st, ps, amt, namt, num, nnum, sep, true, code_first);
		}
		sink_put(&st->out, line, st->split_a[0]);
		if (!convert_field(st, ps, amt, namt, num, nnum, sep, true, code_first))
			return false;
		sink_put(&st->out, line + st->split_b[1], len - st->split_b[1]);
		return true;
	}

	nf = stream_split(st, line, len, st->want);
	if (nf == SIZE_MAX)
		return false;
	if (o->date_field != 0 && !line_table(st, line, nf))
		return false;

	pair_set *ps;
	if (o->from != NULL) {
		char code[4];
		memcpy(code, o->from, 4);
		ps = pairs_for(st, code);
	} else {
		if ((size_t)o->from_field > nf) {
			stream_bad(st, _("no field %ld for the currency"), o->from_field);
			return false;
		}
		const char *p;
		size_t n;
		char code[4];
		char b[MSG_SHOWN_SIZE];
		field_text(st, line, (size_t)o->from_field - 1, &p, &n);
		if (!stream_read_code(st, p, n, code)) {
			stream_bad(st, _("invalid currency code '%s'"), msg_shown(b, p, n));
			return false;
		}
		ps = pairs_for(st, code);
		if (ps == NULL) {
			stream_bad(st, _("unknown currency '%s'"), code);
			return false;
		}
	}

	/* Every field asked for must be there. */
	for (int i = 0; i < o->nfields; i++)
		if (o->fields[i].hi != STREAM_FIELD_OPEN && (size_t)o->fields[i].hi > nf) {
			stream_bad(st, _("no field %ld"), o->fields[i].hi);
			return false;
		}
	if (o->nfields == 0 && nf == 0) {
		stream_bad(st, _("no number on the line"));
		return false;
	}

	size_t done = 0;  /* bytes of the line already in the sink */
	size_t taken = 0; /* the end of the last number converted, its digit groups included */
	size_t converted = 0;
	for (size_t k = 0; k < nf; k++) {
		if (!stream_field_selected(o, (long)k + 1))
			continue;
		const char *p;
		size_t n;
		if (st->split_a[k] < taken)
			continue; /* a digit group taken along by the field before it (--grouped) */
		bool quoted = field_text(st, line, k, &p, &n);
		const char *num = p;
		size_t nnum = n;
		size_t gend = o->delim == 0 ? stream_group_run(line, len, st->split_a[k], st->split_b[k])
		                            : st->split_b[k];
		if (gend != st->split_b[k]) {
			char b[MSG_SHOWN_SIZE];
			if (!o->grouped) {
				stream_bad(st, _("'%s' looks like a grouped number: write it without blanks, or use --grouped"),
				    msg_shown(b, line + st->split_a[k], gend - st->split_a[k]));
				return false;
			}
			/* --grouped: the groups are one number, and its whole span is replaced. The
			   joined number is never longer than its span, whatever the span's length. */
			char *joined = stream_scratch(st, gend - st->split_a[k]);
			if (joined == NULL) {
				stream_bad(st, "%s", _("out of memory"));
				return false;
			}
			size_t jn = 0;
			for (size_t i = st->split_a[k]; i < gend; i++)
				if (!is_blank(line[i]))
					joined[jn++] = line[i];
			p = line + st->split_a[k];
			n = gend - st->split_a[k];
			num = joined;
			nnum = jn;
		}
		taken = gend;
		if (!amount_text(st, p, n, quoted, &num, &nnum))
			return false;
		if (o->format != OUT_TEXT) {
			if (!convert_field(st, ps, p, n, num, nnum, sep, false, false))
				return false;
		} else if (o->append) {
			if (converted == 0) {
				sink_put(&st->out, line, len);
				done = len;
			}
			sink_put(&st->out, &sep, 1);
			if (!convert_field(st, ps, p, n, num, nnum, sep, false, false))
				return false;
		} else {
			sink_put(&st->out, line + done, st->split_a[k] - done);
			if (!convert_field(st, ps, p, n, num, nnum, sep, false, false))
				return false;
			done = gend;
		}
		converted++;
	}
	if (converted == 0) {
		stream_bad(st, _("no field to convert"));
		return false;
	}
	if (o->format == OUT_TEXT)
		sink_put(&st->out, line + done, len - done);
	return true;
}
