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
 * The rest of a delimited line after the fields a lane needs, from a field's start: true
 * when it leaves no quoted field open (the line is a whole record). Quotes are rare there:
 * one memchr() when there are none.
 */
static inline bool lane_rest_closed(const char *p, size_t n, char d, char eol)
{
	long inner;
	bool open;
	return memchr(p, '"', n) == NULL || (stream_record_end(p, p + n, d, eol, true, &inner, &open), !open);
}

/*
 * Where each of the first `want` fields of a delimited line ends (at its delimiter, or at
 * len), quotes read as general.c's split() reads them: a field that starts with '"' is
 * quoted up to a '"' that is not doubled, and a delimiter inside it is not one; a '"'
 * elsewhere is a character. false when a field is missing, or when the line ends inside a
 * quoted field (its record goes on past the line end: the driver joins the lines and the
 * general path takes it).
 *
 * With SSE2, sixteen bytes at a time: the input buffer has LANE_SLACK bytes past its end,
 * so a load that runs over the line stays inside it, and the bytes past the line are
 * masked off. A block without quotes, outside a quoted field, is cut at its delimiters
 * alone; one with quotes goes through its quotes and delimiters in order.
 */
static inline bool lane_cut(const char *line, size_t len, char d, char eol, size_t want, size_t *ends)
{
	size_t n = 0, start = 0; /* start: the current field's first byte */
	bool quoted = false;     /* inside a quoted field */
#if defined(__SSE2__) && !defined(SARRAF_NO_SIMD)
	const __m128i dv = _mm_set1_epi8(d), qv = _mm_set1_epi8('"');
	unsigned skip = 0; /* the second quote of a pair that the last block ended on */
	for (size_t i = 0; i < len; i += 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(line + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, dv));
		unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, qv)) & ~skip;
		skip = 0;
		if (len - i < 16) {
			unsigned keep = (1u << (len - i)) - 1;
			m &= keep;
			q &= keep;
		}
		if (q == 0 && quoted)
			continue; /* inside a quoted field throughout */
		if (q == 0) {
			for (; m != 0; m &= m - 1) {
				size_t at = i + (size_t)__builtin_ctz(m);
				ends[n++] = at;
				if (n == want)
					return lane_rest_closed(line + at + 1, len - at - 1, d, eol);
				start = at + 1;
			}
			continue;
		}
		for (unsigned ev = m | q; ev != 0; ev &= ev - 1) {
			unsigned b = (unsigned)__builtin_ctz(ev);
			size_t at = i + b;
			if (q >> b & 1) {
				if (!quoted) {
					quoted = at == start; /* elsewhere a quote is a character */
				} else if (at + 1 < len && line[at + 1] == '"') {
					/* "" inside a quoted field: one quote, and the pair is passed */
					if (b == 15)
						skip = 1;
					else
						ev &= ~(2u << b);
				} else {
					quoted = false;
				}
			} else if (!quoted) {
				ends[n++] = at;
				if (n == want)
					return lane_rest_closed(line + at + 1, len - at - 1, d, eol);
				start = at + 1;
			}
		}
	}
#else
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '"') {
			if (!quoted)
				quoted = i == start;
			else if (i + 1 < len && line[i + 1] == '"')
				i++;
			else
				quoted = false;
		} else if (line[i] == d && !quoted) {
			ends[n++] = i;
			if (n == want)
				return lane_rest_closed(line + i + 1, len - i - 1, d, eol);
			start = i + 1;
		}
	}
#endif
	ends[n++] = len;
	return n == want && !quoted;
}


#endif
