/*
 * lane.h - what the stream's lanes do on every line (private to
 * src/stream/, for lanes.c): read a plain number where it stands, convert
 * it by the pairs' lanes, write the results, and find a delimited line's
 * fields. static inline, so that the compiler may build them into the
 * lanes (lanes.c), which call them on every line.
 */
#ifndef SARRAF_STREAM_LANE_H
#define SARRAF_STREAM_LANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && !defined(SARRAF_NO_SIMD)
#include <emmintrin.h>
#endif

#include "sarraf/convert.h"
#include "sarraf/decimal.h"
#include "stream_int.h"

/*
 * A plain number at p, up to e: an optional sign, at most 19 digits with
 * an optional point (st->point: '.', or ',' with --decimal-comma) among
 * them. Returns where it stops (NULL when there is none: the general path
 * reads the rest), with *grouping true when it is one to three digits
 * without a point, which digit groups may follow ("1 000").
 */
static inline const char *lane_amount(const char *p, const char *e, char point, dec_t *out, bool *grouping)
{
	bool neg = false;
	if (p < e && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	uint64_t c = 0;
	const char *digits = p, *dot = NULL;
	while (p < e && *p >= '0' && *p <= '9')
		c = c * 10 + (uint64_t)(*p++ - '0');
	if (p < e && *p == point) {
		dot = p++;
		while (p < e && *p >= '0' && *p <= '9')
			c = c * 10 + (uint64_t)(*p++ - '0');
	}
	size_t nd = (size_t)(p - digits) - (dot != NULL);
	if (nd == 0 || nd > 19)
		return NULL;
	out->coef = neg ? -(dec_int)c : (dec_int)c;
	out->exp = dot ? -(int32_t)(p - dot - 1) : 0;
	*grouping = dot == NULL && nd <= 3;
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
	return sink_reserve(&st->out, len + (size_t)st->o->nto * (DEC_STRING_MAX + 3) + 2);
}

/* The lanes' results side by side, sep between, into room already reserved. */
static inline void lane_results(run_state *st, const dec_int *r, char sep)
{
	for (int t = 0; t < st->o->nto; t++) {
		if (t > 0)
			st->out.buf[st->out.len++] = sep;
		size_t n = (size_t)dec_format_stream(st->out.buf + st->out.len, r[t], st->scale[t]);
		if (st->point != '.' || st->quote_results)
			n = stream_result_text(st, st->out.buf + st->out.len, n, st->scale[t]);
		st->out.len += n;
	}
}

/* A field [*a, *b) without the quotes around it, when it has them. */
static inline void lane_unquote(const char *line, size_t *a, size_t *b)
{
	if (*b - *a >= 2 && line[*a] == '"' && line[*b - 1] == '"') {
		(*a)++;
		(*b)--;
	}
}

/*
 * Cut a delimited line that starts at line[0]: it ends at the first eol outside a quoted
 * field, or at avail (*len), and each of its first `want` fields ends at its delimiter or at
 * *len (ends[]). Quotes are read as general.c's split() reads them: a field that starts with
 * '"' is quoted up to a '"' that is not doubled, and a delimiter or an eol inside it is not
 * one; a '"' elsewhere is a character. false when a field is missing, when a quoted field is
 * still open at the line's end (its record goes on past it: the driver joins the lines and
 * the general path takes it), or past STREAM_MAX_LINE bytes (the driver says so).
 *
 * With SSE2, sixteen bytes at a time: the input buffer has LANE_SLACK bytes past its end,
 * so a load that runs over the line stays inside it, and the bytes past avail are masked
 * off. A block without quotes, outside a quoted field, is cut at its delimiters and eol
 * alone; one with quotes goes through its quotes, delimiters and eol in order.
 */
static inline bool lane_cut(const char *line, size_t avail, char d, char eol, size_t want, size_t *ends,
                            size_t *len)
{
	size_t n = 0, start = 0; /* start: the current field's first byte */
	bool quoted = false;     /* inside a quoted field */
	if (avail > STREAM_MAX_LINE + 1)
		avail = STREAM_MAX_LINE + 1;
#if defined(__SSE2__) && !defined(SARRAF_NO_SIMD)
	/* (from a 32-bit pattern: _mm_set1_epi8 went through a byte on the stack, and the wider
	   load after it waited for the store, a tenth of the lane's time) */
	const __m128i dv = _mm_set1_epi32((int)(0x01010101u * (unsigned char)d));
	const __m128i qv = _mm_set1_epi32(0x22222222);
	const __m128i ev = _mm_set1_epi32((int)(0x01010101u * (unsigned char)eol));
	unsigned skip = 0; /* the second quote of a pair that the last block ended on */
	size_t i;
	for (i = 0; i < avail; i += 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(line + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, dv));
		unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, qv)) & ~skip;
		unsigned e = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, ev));
		skip = 0;
		if (avail - i < 16) {
			unsigned keep = (1u << (avail - i)) - 1;
			m &= keep;
			q &= keep;
			e &= keep;
		}
		if (q == 0 && !quoted) {
			/* no quote: the delimiters up to the eol, if it is here */
			if (e != 0)
				m &= (e & -e) - 1;
			for (; m != 0 && n < want; m &= m - 1) {
				ends[n++] = i + (size_t)__builtin_ctz(m);
				start = ends[n - 1] + 1;
			}
			if (m != 0)
				start = i + 32 - (size_t)__builtin_clz(m); /* past the last one (after want) */
			if (e != 0) {
				*len = i + (size_t)__builtin_ctz(e);
				goto end;
			}
			continue;
		}
		for (unsigned all = m | q | e; all != 0; all &= all - 1) {
			unsigned b = (unsigned)__builtin_ctz(all);
			size_t at = i + b;
			if (q >> b & 1) {
				if (!quoted) {
					quoted = at == start; /* elsewhere a quote is a character */
				} else if (at + 1 < avail && line[at + 1] == '"') {
					/* "" inside a quoted field: one quote, and the pair is passed */
					if (b == 15)
						skip = 1;
					else
						all &= ~(2u << b);
				} else {
					quoted = false;
				}
			} else if (quoted) {
				if (e >> b & 1)
					return false; /* a line end inside a quoted field: the record goes on */
			} else if (e >> b & 1) {
				*len = at;
				goto end;
			} else {
				if (n < want)
					ends[n++] = at;
				start = at + 1;
			}
		}
	}
	*len = avail;
#else
	size_t i;
	for (i = 0; i < avail; i++) {
		if (line[i] == '"') {
			if (!quoted)
				quoted = i == start;
			else if (i + 1 < avail && line[i + 1] == '"')
				i++;
			else
				quoted = false;
		} else if (quoted) {
			if (line[i] == eol)
				return false;
		} else if (line[i] == eol) {
			break;
		} else if (line[i] == d) {
			if (n < want)
				ends[n++] = i;
			start = i + 1;
		}
	}
	*len = i;
	goto end;
#endif
end:
	if (*len > STREAM_MAX_LINE)
		return false;
	if (n < want)
		ends[n++] = *len;
	return n == want && !quoted;
}

#if defined(__SSE2__) && !defined(SARRAF_NO_SIMD)
/* Bit i set where line[i] == c, for the 64 bytes of w[4]. */
static inline uint64_t lane_mask64(const __m128i *w, __m128i c)
{
	return (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w[0], c)) |
	       (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w[1], c)) << 16 |
	       (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w[2], c)) << 32 |
	       (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w[3], c)) << 48;
}

/*
 * lane_cut() in one go for a line of under 64 bytes, as a spreadsheet's lines mostly are,
 * without a branch on where its delimiters and quotes stand. Reads the 64 bytes at line
 * (the input buffer has LANE_SLACK past its end). Which bytes are inside quotes: each
 * quote turns it on or off (a prefix XOR of the quotes' bits). That is how lane_cut()
 * reads a line exactly when every quote that turns it on is a field's first byte or the
 * second of a pair ("" inside a quoted field); otherwise, and for a longer line, one whose
 * end is not in avail or one with a line end inside quotes, this says -1 and lane_cut()
 * decides. Else 1 where lane_cut() returns true, 0 where it returns false.
 */
static inline int lane_cut64(const char *line, size_t avail, char d, char eol, size_t want, size_t *ends,
                             size_t *len)
{
	__m128i w[4];
	for (int k = 0; k < 4; k++)
		w[k] = _mm_loadu_si128((const __m128i *)(const void *)(line + 16 * k));
	uint64_t keep = avail >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << avail) - 1;
	uint64_t m = lane_mask64(w, _mm_set1_epi32((int)(0x01010101u * (unsigned char)d))) & keep;
	uint64_t q = lane_mask64(w, _mm_set1_epi32(0x22222222)) & keep;
	uint64_t e = lane_mask64(w, _mm_set1_epi32((int)(0x01010101u * (unsigned char)eol))) & keep;
	uint64_t before, delims;
	if (q == 0) {
		if (e == 0)
			return -1;
		before = (e & -e) - 1;
		delims = m & before;
	} else {
		uint64_t in = q;
		in ^= in << 1;
		in ^= in << 2;
		in ^= in << 4;
		in ^= in << 8;
		in ^= in << 16;
		in ^= in << 32;
		uint64_t out_e = e & ~in;
		if (out_e == 0)
			return -1;
		before = (out_e & -out_e) - 1;
		delims = m & ~in & before;
		uint64_t opens = q & in & before, closes = q & ~in & before;
		if ((e & in & before) != 0 || (opens & ~(delims << 1 | closes << 1 | 1)) != 0)
			return -1;
	}
	*len = (size_t)__builtin_ctzll(before + 1);
	size_t n = 0;
	for (; n < want && delims != 0; n++, delims &= delims - 1)
		ends[n] = (size_t)__builtin_ctzll(delims);
	if (n < want)
		ends[n++] = *len;
	return n == want;
}
#endif

#endif
