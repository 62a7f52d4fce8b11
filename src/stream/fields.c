/*
 * fields.c - a stream line cut into fields: --field's lists, the fields of a
 * line (blank-separated runs, or delimited fields that may be quoted as RFC
 * 4180 has them), and where a record ends when a quoted field holds line
 * breaks. The general path (general.c) and the lanes use them.
 */
#include "stream_int.h"

#include "../i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

bool stream_field_selected(const stream_opts *o, long k)
{
	if (o->nfields == 0)
		return k == 1;
	for (int i = 0; i < o->nfields; i++)
		if (k >= o->fields[i].lo && k <= o->fields[i].hi)
			return true;
	return false;
}

/* ---- lines ------------------------------------------------------------------ */

/* Room for one more field than the n already cut: the arrays doubled when full. */
static bool split_room(run_state *st, size_t n)
{
	if (n < st->split_cap)
		return true;
	size_t cap = st->split_cap ? 2 * st->split_cap : 64;
	size_t *a = realloc(st->split_a, cap * sizeof *a);
	if (a == NULL)
		return false;
	st->split_a = a;
	size_t *b = realloc(st->split_b, cap * sizeof *b);
	if (b == NULL)
		return false;
	st->split_b = b;
	st->split_cap = cap;
	return true;
}

/*
 * Cut line[0..len) into at most `want` fields (all of them when want is 0).
 * Returns how many were found; SIZE_MAX, with st->why, when out of memory.
 * A line has at most len + 1 fields, so the arrays never grow past
 * STREAM_MAX_LINE + 1 entries.
 */
size_t stream_split(run_state *st, const char *line, size_t len, size_t want)
{
	const stream_opts *o = st->o;
	size_t n = 0, i = 0;
	if (want == 0)
		want = SIZE_MAX;
	if (o->delim == 0) {
		while (n < want) {
			while (i < len && is_blank(line[i]))
				i++;
			if (i == len)
				break;
			if (!split_room(st, n))
				goto oom;
			st->split_a[n] = i;
			while (i < len && !is_blank(line[i]))
				i++;
			st->split_b[n++] = i;
		}
		return n;
	}
	while (n < want) {
		if (!split_room(st, n))
			goto oom;
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
oom:
	stream_bad(st, "%s", _("out of memory"));
	return SIZE_MAX;
}

const char *stream_record_end(const char *p, const char *e, char d, char eol, bool at_end, long *inner,
                              bool *open)
{
	const char *start = p;
	*inner = 0;
	*open = false;
	while (p < e) {
		/* Outside quotes: the record ends at the first eol, unless a field opens with a quote. */
		const char *nl = memchr(p, eol, (size_t)(e - p));
		const char *q = memchr(p, '"', (size_t)((nl != NULL ? nl : e) - p));
		if (q == NULL)
			return nl;
		p = q + 1;
		if (q != start && q[-1] != d)
			continue; /* a quote inside an unquoted field: a character */
		/* A quoted field: up to a quote that is not doubled, over delimiters and eols. */
		for (;;) {
			const char *c = memchr(p, '"', (size_t)(e - p));
			for (const char *k = p; k < (c != NULL ? c : e); k++)
				*inner += *k == eol;
			if (c == NULL) {
				*open = true;
				return NULL;
			}
			p = c + 1;
			if (p == e && !at_end) {
				*open = true; /* a doubled quote or the closing one: the next read says */
				return NULL;
			}
			if (p < e && *p == '"') {
				p++;
				continue;
			}
			break;
		}
	}
	return NULL;
}
