/*
 * lanes.c - the stream's two lanes: the usual streams converted without
 * the general machinery. The plain lane takes plain numbers, one to a line,
 * with --from; the column lane a delimited stream's one column, with the
 * currency from --from or from a column of its own. A lane takes a line
 * only when it writes what the general path (general.c) would write; any
 * other line it leaves, having written nothing, to the general path.
 */
#include "lane.h"

#include <stdint.h>
#include <string.h>

/*
 * The usual stream, `--from X --to Y` on plain numbers one to a line (or
 * first on it), without the general machinery: find the number, convert,
 * write. false, having written nothing, for anything else: the general
 * path then takes the line.
 */
bool lane_plain(run_state *st, const char *line, size_t len)
{
	const char *p = line, *e = line + len;
	while (p < e && is_blank(*p))
		p++;
	const char *start = p;
	dec_t amount;
	bool grouping;
	p = lane_amount(p, e, st->point, &amount, &grouping);
	if (p == NULL || (p < e && !is_blank(*p)))
		return false;
	/* "1 000": digit groups follow; the general path says so. */
	if (grouping && p < e &&
	    stream_group_run(line, len, (size_t)(start - line), (size_t)(p - line)) != (size_t)(p - line))
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
 * The column lane: a delimited stream with one field to convert and the
 * currency given (--from) or in a column of its own (--from-field), text
 * out; with --date-field, the day's table first. The fields are found in
 * one pass, quoted ones too (a quoted description before the amount, a
 * quoted amount or code), the currency column's three bytes compared with
 * the last line's, the number written straight into the output. false,
 * having written nothing, for anything else (a line that a quoted field
 * carries on past its end, blanks, a currency seen the first time that is
 * not a plain code, a bad number): the general path then takes the line.
 */
/* The column lane's work on a line already cut (lane_cut()): ends[] its fields' ends. */
static inline bool column_line(run_state *st, const char *line, size_t len, const size_t *ends)
{
	const char d = st->o->delim;
	const size_t fk = st->lane_field, ck = st->lane_code;
	size_t fa = fk == 0 ? 0 : ends[fk - 1] + 1, fb = ends[fk];

	if (st->o->date_field != 0) {
		/* The day's table (a day seen before: a hash lookup in the CLI's table_on()). */
		size_t dk = (size_t)st->o->date_field - 1, da = dk == 0 ? 0 : ends[dk - 1] + 1, db = ends[dk];
		lane_unquote(line, &da, &db);
		if (!stream_day_table(st, line + da, db - da))
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
		lane_unquote(line, &ca, &cb);
		if (cb - ca != 3)
			return false;
		uint32_t raw = (uint32_t)(unsigned char)line[ca] | (uint32_t)(unsigned char)line[ca + 1] << 8 |
		               (uint32_t)(unsigned char)line[ca + 2] << 16 | 1u << 24;
		size_t h = (size_t)((raw * 0x9E3779B1u) >> 26) % LANE_CODES;
		pair_set *ps = st->lane_codes[h].set;
		if (st->lane_codes[h].raw != raw || st->lane_codes[h].table != st->table ||
		    st->lane_codes[h].gen != st->pairs_gen) {
			/* Not seen (or the pair cache started afresh since, or another day's table): read it. */
			char code[4];
			if (!stream_read_code(st, line + ca, 3, code) || (ps = pairs_for(st, code)) == NULL)
				return false;
			st->lane_codes[h].raw = raw;
			st->lane_codes[h].gen = st->pairs_gen;
			st->lane_codes[h].table = st->table;
			st->lane_codes[h].set = ps;
		}
		st->lane_set = ps;
	}

	/* The number, inside its quotes when it has them ("1500.50"). */
	size_t na = fa, nb = fb;
	lane_unquote(line, &na, &nb);
	dec_t amount;
	bool grouping;
	if (lane_amount(line + na, line + nb, st->point, &amount, &grouping) != line + nb)
		return false;
	if (st->quote_amounts && na == fa)
		return false; /* -d , with a decimal comma: an amount must be quoted (general.c says so) */
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

bool lane_column(run_state *st, const char *line, size_t len)
{
	size_t ends[LANE_FIELDS], end;
	return lane_cut(line, len, st->o->delim, st->o->eol, st->want, ends, &end) && end == len &&
	       column_line(st, line, len, ends);
}

/*
 * The column lane over the lines of buf[0..n), one after another, each line's end found
 * in the same pass as its fields: the driver does not look for them first, nor go through
 * process_line() for each. Stops before a line it does not take, an empty one, one whose
 * end is not in buf yet, or when the output is to be written out; returns the bytes of the
 * lines done, their ends included.
 */
size_t lane_column_lines(run_state *st, const char *buf, size_t n)
{
	const char eol = st->o->eol;
	size_t pos = 0;
	while (pos < n && st->out.len < OUT_FLUSH) {
		const char *line = buf + pos;
		size_t ends[LANE_FIELDS], len;
#if defined(__SSE2__) && !defined(SARRAF_NO_SIMD)
		int cut = lane_cut64(line, n - pos, st->o->delim, eol, st->want, ends, &len);
		if (cut < 0)
			cut = lane_cut(line, n - pos, st->o->delim, eol, st->want, ends, &len);
#else
		bool cut = lane_cut(line, n - pos, st->o->delim, eol, st->want, ends, &len);
#endif
		if (!cut || len == n - pos)
			break;
		size_t body = len;
		if (eol == '\n' && body > 0 && line[body - 1] == '\r') {
			/* CRLF: the CR belongs to the line end, not to the last field */
			body--;
			if (ends[st->want - 1] == len)
				ends[st->want - 1] = body;
		}
		if (body == 0 || !column_line(st, line, body, ends))
			break;
		sink_put(&st->out, line + body, len + 1 - body);
		st->line++;
		st->record++;
		pos += len + 1;
	}
	return pos;
}
