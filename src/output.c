/*
 * output.c - records, grouped numbers and the table block (see output.h).
 */
#include "sarraf/output.h"
#include "sarraf/convert.h"

#include "i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ---- records ------------------------------------------------------------------ */

const char *out_record_header(out_format f)
{
	switch (f) {
	case OUT_CSV:
		return "amount,from,to,result\n";
	case OUT_TSV:
		return "amount\tfrom\tto\tresult\n";
	case OUT_TEXT:
	case OUT_JSON:
	case OUT_LEDGER:
	case OUT_BEANCOUNT:
		break;
	}
	return NULL;
}

/* A bounded writer into a caller's buffer that counts what it could not write. */
typedef struct {
	char *buf;
	size_t cap, len;
} wbuf;

static void w_bytes(wbuf *w, const char *s, size_t n)
{
	if (w->len < w->cap) {
		size_t room = w->cap - w->len;
		memcpy(w->buf + w->len, s, n < room ? n : room);
	}
	w->len += n;
}

/* The NUL after what was written (or at the end, when it was cut); the length it needed. */
static size_t w_end(wbuf *w)
{
	if (w->len < w->cap)
		w->buf[w->len] = '\0';
	else if (w->cap > 0)
		w->buf[w->cap - 1] = '\0';
	return w->len;
}

static void w_str(wbuf *w, const char *s)
{
	w_bytes(w, s, strlen(s));
}

/* A JSON string: quotes, backslash escapes, control bytes as \u00XX. */
static void w_json(wbuf *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	w_bytes(w, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };
			w_bytes(w, e, 2);
		} else if (c < 0x20) {
			char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			w_bytes(w, e, 6);
		} else {
			w_bytes(w, (const char *)&c, 1);
		}
	}
	w_bytes(w, "\"", 1);
}

/* "name":"value", after a comma unless it is the object's first member. */
static void w_json_field(wbuf *w, bool *first, const char *name, const char *value, size_t n)
{
	if (!*first)
		w_bytes(w, ",", 1);
	*first = false;
	w_json(w, name, strlen(name));
	w_bytes(w, ":", 1);
	w_json(w, value, n);
}

/* A CSV field, quoted when it holds the separator, a quote or a line break. */
static void w_csv(wbuf *w, const char *s, size_t n, char sep)
{
	bool quote = false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			quote = true;
	if (!quote) {
		w_bytes(w, s, n);
		return;
	}
	w_bytes(w, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			w_bytes(w, "\"", 1);
		w_bytes(w, s + i, 1);
	}
	w_bytes(w, "\"", 1);
}

/*
 * "name":{"url":...,"asked":...,"published":...,"fetched":...,"sha256":...}, the
 * empty ones left out; nothing when r is NULL.
 */
static void json_receipt(wbuf *w, bool *first, const char *name, const rates_receipt *r)
{
	if (r == NULL)
		return;
	const char *keys[5] = { "url", "asked", "published", "fetched", "sha256" };
	const char *values[5] = { r->url, r->asked, r->published, r->fetched, r->sha256 };
	bool inner = true;
	if (!*first)
		w_bytes(w, ",", 1);
	*first = false;
	w_json(w, name, strlen(name));
	w_bytes(w, ":{", 2);
	for (int k = 0; k < 5; k++)
		if (values[k] != NULL && values[k][0] != '\0')
			w_json_field(w, &inner, keys[k], values[k], strlen(values[k]));
	w_bytes(w, "}", 1);
}

/* A record's table, its source and date, and each quote's own (the official table's). */
static void json_table(wbuf *w, const out_record *r)
{
	bool first = false;
	const rates_table *t = r->table;
	if (t == NULL)
		return;
	const char *origin = t->origin ? t->origin : "";
	w_json_field(w, &first, "table", origin, strlen(origin));
	if (t->source)
		w_json_field(w, &first, "source", t->source, strlen(t->source));
	if (t->date)
		w_json_field(w, &first, "date", t->date, strlen(t->date));
	/* A table built from several feeds (the official one): each quote's own bank and date. */
	const char *side[2] = { r->from, r->to }, *key[2][2] = { { "from_source", "from_date" },
	                                                         { "to_source", "to_date" } };
	for (int k = 0; k < 2; k++) {
		const rates_quote *q = side[k] ? rates_find(t, side[k]) : NULL;
		if (q != NULL && q->source != NULL)
			w_json_field(w, &first, key[k][0], q->source, strlen(q->source));
		if (q != NULL && q->date != NULL)
			w_json_field(w, &first, key[k][1], q->date, strlen(q->date));
	}
	/* The receipts: the table's body, and the bodies behind each side's quote (official). */
	static const char *const rkey[2] = { "from_receipt", "to_receipt" };
	json_receipt(w, &first, "receipt", rates_receipt_of(t, NULL));
	for (int k = 0; k < 2; k++)
		if (side[k] != NULL)
			json_receipt(w, &first, rkey[k], rates_receipt_of(t, side[k]));
}

/* What follows a result: the rate, precision, rounding, uncertainty, the table, and the end. */
static void json_rest(wbuf *w, const out_record *r)
{
	char num[32];
	bool first = false;
	if (r->rate)
		w_json_field(w, &first, "rate", r->rate, strlen(r->rate));
	snprintf(num, sizeof num, "%d", r->precision);
	w_json_field(w, &first, "precision", num, strlen(num));
	w_json_field(w, &first, "rounding", dec_round_name(r->mode), strlen(dec_round_name(r->mode)));
	if (r->uncertainty)
		w_json_field(w, &first, "uncertainty", r->uncertainty, strlen(r->uncertainty));
	const char *official[3][2] = { { "bank", r->bank }, { "answer", r->answer }, { "quotes", r->quotes } };
	for (int k = 0; k < 3; k++)
		if (official[k][1] != NULL)
			w_json_field(w, &first, official[k][0], official[k][1], strlen(official[k][1]));
	json_table(w, r);
	w_bytes(w, "}\n", 2);
}

size_t out_format_record(char *buf, size_t cap, out_format f, const out_record *r)
{
	wbuf w = { buf, cap, 0 };
	if (f == OUT_JSON) {
		char num[32];
		bool first = true;
		w_bytes(&w, "{", 1);
		if (r->file != NULL) {
			w_json_field(&w, &first, "file", r->file, strlen(r->file));
			snprintf(num, sizeof num, "%ld", r->line);
			w_json_field(&w, &first, "line", num, strlen(num));
		}
		w_json_field(&w, &first, "amount", r->amount, r->amount_len);
		w_json_field(&w, &first, "from", r->from ? r->from : "", r->from ? strlen(r->from) : 0);
		w_json_field(&w, &first, "to", r->to ? r->to : "", r->to ? strlen(r->to) : 0);
		if (r->result != NULL) {
			w_json_field(&w, &first, "result", r->result, strlen(r->result));
			json_rest(&w, r);
		} else {
			w_json_field(&w, &first, "error", r->error, strlen(r->error));
			json_table(&w, r);
			w_bytes(&w, "}\n", 2);
		}
	} else {
		char sep = f == OUT_TSV ? '\t' : ',';
		w_csv(&w, r->amount, r->amount_len, sep);
		w_bytes(&w, &sep, 1);
		w_str(&w, r->from ? r->from : "");
		w_bytes(&w, &sep, 1);
		w_str(&w, r->to ? r->to : "");
		w_bytes(&w, &sep, 1);
		w_str(&w, r->result ? r->result : "");
		w_bytes(&w, "\n", 1);
	}
	return w_end(&w);
}

/* One part of a template: measured, then written into its own allocation. */
static char *template_part(size_t *len, const out_record *r, int part)
{
	char *buf = NULL;
	for (int pass = 0; pass < 2; pass++) {
		wbuf w = { buf, buf != NULL ? *len + 1 : 0, 0 };
		bool first = false;
		if (part == 0) {
			w_bytes(&w, "{", 1);
			first = true;
			w_json_field(&w, &first, "file", r->file, strlen(r->file));
			w_bytes(&w, ",\"line\":\"", 9);
		} else if (part == 1) {
			w_json_field(&w, &first, "from", r->from, strlen(r->from));
			w_json_field(&w, &first, "to", r->to, strlen(r->to));
			w_bytes(&w, ",\"result\":\"", 11);
		} else {
			w_bytes(&w, "\"", 1);
			json_rest(&w, r);
		}
		if (buf != NULL) {
			w_end(&w);
			return buf;
		}
		*len = w.len;
		if ((buf = malloc(w.len + 1)) == NULL)
			return NULL;
	}
	return buf;
}

bool out_json_template_init(out_json_template *tp, const out_record *r)
{
	memset(tp, 0, sizeof *tp);
	tp->head = template_part(&tp->head_len, r, 0);
	tp->pair = template_part(&tp->pair_len, r, 1);
	tp->tail = template_part(&tp->tail_len, r, 2);
	if (tp->head == NULL || tp->pair == NULL || tp->tail == NULL) {
		out_json_template_destroy(tp);
		return false;
	}
	return true;
}

void out_json_template_destroy(out_json_template *tp)
{
	free(tp->head);
	free(tp->pair);
	free(tp->tail);
	memset(tp, 0, sizeof *tp);
}

size_t out_json_template_need(const out_json_template *tp, size_t amount_len)
{
	/* 20 digits of a line number, an amount escaped at worst 6 bytes a byte, a result */
	return tp->head_len + 20 + 12 + 2 + 6 * amount_len + tp->pair_len + DEC_STRING_MAX + tp->tail_len;
}

size_t out_json_template_write(char *buf, const out_json_template *tp, long line, const char *amount,
                               size_t amount_len, const char *result, size_t result_len)
{
	char num[24];
	size_t n = 0;
	wbuf w = { buf, SIZE_MAX, 0 };
	memcpy(buf, tp->head, tp->head_len);
	n = tp->head_len;
	/* the line number, written backwards */
	size_t k = sizeof num;
	unsigned long v = line < 0 ? 0 : (unsigned long)line;
	do
		num[--k] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	memcpy(buf + n, num + k, sizeof num - k);
	n += sizeof num - k;
	memcpy(buf + n, "\",\"amount\":", 11);
	n += 11;
	w.len = n;
	w_json(&w, amount, amount_len);
	n = w.len;
	memcpy(buf + n, tp->pair, tp->pair_len);
	n += tp->pair_len;
	memcpy(buf + n, result, result_len);
	n += result_len;
	memcpy(buf + n, tp->tail, tp->tail_len);
	return n + tp->tail_len;
}

size_t out_format_fields(char *buf, size_t cap, out_format f, const char *const *names,
                         const char *const *values, size_t n, bool header)
{
	wbuf w = { buf, cap, 0 };
	char sep = f == OUT_TSV ? '\t' : ',';
	bool first = true;
	if (f == OUT_JSON) {
		if (header)
			return w_end(&w);
		w_bytes(&w, "{", 1);
		for (size_t k = 0; k < n; k++)
			if (values[k] != NULL)
				w_json_field(&w, &first, names[k], values[k], strlen(values[k]));
		w_bytes(&w, "}\n", 2);
		return w_end(&w);
	}
	for (size_t k = 0; k < n; k++) {
		const char *v = header ? names[k] : values[k] != NULL ? values[k] : "";
		if (k > 0)
			w_bytes(&w, &sep, 1);
		w_csv(&w, v, strlen(v), sep);
	}
	w_bytes(&w, "\n", 1);
	return w_end(&w);
}

const char *out_price_header(out_format f)
{
	return f == OUT_CSV ? "date,from,to,rate\n" : f == OUT_TSV ? "date\tfrom\tto\trate\n" : NULL;
}

size_t out_format_price(char *buf, size_t cap, out_format f, const char *date, const char *from,
                        const char *to, const char *rate, const rates_table *t)
{
	wbuf w = { buf, cap, 0 };
	bool first = true;
	const char *fields[4] = { date, from, to, rate };
	switch (f) {
	case OUT_CSV:
	case OUT_TSV: {
		char sep = f == OUT_TSV ? '\t' : ',';
		for (size_t k = 0; k < 4; k++) {
			if (k > 0)
				w_bytes(&w, &sep, 1);
			w_csv(&w, fields[k], strlen(fields[k]), sep);
		}
		w_bytes(&w, "\n", 1);
		return w_end(&w);
	}
	case OUT_LEDGER:
	case OUT_BEANCOUNT:
	case OUT_TEXT: {
		static const char *const shape[][4] = { [OUT_LEDGER] = { "P ", " ", " ", " " },
			                                    [OUT_BEANCOUNT] = { "", " price ", " ", " " },
			                                    [OUT_TEXT] = { "", "  1 ", " = ", " " } };
		/* P 2026-04-01 USD 478.77 KZT: the rate before the currency it is in */
		const char *const order[4] = { date, from, rate, to };
		for (size_t k = 0; k < 4; k++) {
			w_bytes(&w, shape[f][k], strlen(shape[f][k]));
			w_bytes(&w, order[k], strlen(order[k]));
		}
		w_bytes(&w, "\n", 1);
		return w_end(&w);
	}
	case OUT_JSON:
		break;
	}
	w_bytes(&w, "{", 1);
	w_json_field(&w, &first, "date", date, strlen(date));
	w_json_field(&w, &first, "from", from, strlen(from));
	w_json_field(&w, &first, "to", to, strlen(to));
	w_json_field(&w, &first, "rate", rate, strlen(rate));
	if (t->origin)
		w_json_field(&w, &first, "table", t->origin, strlen(t->origin));
	if (t->source)
		w_json_field(&w, &first, "source", t->source, strlen(t->source));
	w_bytes(&w, "}\n", 2);
	return w_end(&w);
}

/* ---- numbers for people ------------------------------------------------------ */

int out_group(char *out, size_t cap, const char *plain, const char *sep)
{
	size_t i = 0, o = 0, seplen = strlen(sep);
	if (plain[0] == '-' || plain[0] == '+') {
		if (cap < 2)
			return -1;
		out[o++] = plain[i++];
	}
	size_t d = i;
	while (is_digit(plain[d]))
		d++;
	size_t ndig = d - i;
	for (size_t k = 0; k < ndig; k++) {
		if (k > 0 && (ndig - k) % 3 == 0) {
			if (o + seplen >= cap)
				return -1;
			memcpy(out + o, sep, seplen);
			o += seplen;
		}
		if (o + 1 >= cap)
			return -1;
		out[o++] = plain[i++];
	}
	size_t rest = strlen(plain + i);
	if (o + rest >= cap)
		return -1;
	memcpy(out + o, plain + i, rest + 1);
	return (int)(o + rest);
}

char *out_comma_point(char *s)
{
	for (char *p = s; *p != '\0'; p++)
		if (*p == '.' && p > s && is_digit(p[-1]) && is_digit(p[1]))
			*p = ',';
	return s;
}

void out_columns(const char *plain, size_t *int_cols, size_t *frac_cols)
{
	size_t i = 0, ndig = 0;
	if (plain[0] == '-' || plain[0] == '+')
		i++;
	while (is_digit(plain[i + ndig]))
		ndig++;
	*int_cols = i + ndig + (ndig > 0 ? (ndig - 1) / 3 : 0);
	*frac_cols = out_width(plain + i + ndig);
}

int out_align(char *out, size_t cap, const char *plain, const char *sep, size_t int_cols,
                size_t frac_cols)
{
	size_t ic, fc;
	out_columns(plain, &ic, &fc);
	size_t lead = int_cols > ic ? int_cols - ic : 0, trail = frac_cols > fc ? frac_cols - fc : 0;
	if (lead >= cap)
		return -1;
	memset(out, ' ', lead);
	int n = out_group(out + lead, cap - lead, plain, sep);
	if (n < 0 || lead + (size_t)n + trail >= cap)
		return -1;
	memset(out + lead + (size_t)n, ' ', trail);
	out[lead + (size_t)n + trail] = '\0';
	return (int)(lead + (size_t)n + trail);
}

/*
 * The columns of one code point: 0 for combining marks and zero-width ones, 2 for the East Asian
 * wide and fullwidth ranges, else 1. Our own table, as wcwidth() would need a UTF-8 LC_CTYPE,
 * which sarraf never sets.
 */
static int cp_width(unsigned long c)
{
	static const unsigned long zero[][2] = {
		{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
		{ 0x064B, 0x065F }, { 0x200B, 0x200F }, { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F },
		{ 0xFE20, 0xFE2F },
	};
	static const unsigned long wide[][2] = {
		{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF },
		{ 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
		{ 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
		{ 0x1F900, 0x1F9FF }, { 0x20000, 0x3FFFD },
	};
	for (size_t k = 0; k < COUNT(zero); k++)
		if (c >= zero[k][0] && c <= zero[k][1])
			return 0;
	for (size_t k = 0; k < COUNT(wide); k++)
		if (c >= wide[k][0] && c <= wide[k][1])
			return 2;
	return 1;
}

size_t out_width(const char *s)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		/* A lead byte and its continuation bytes; a stray byte counts as one column. */
		unsigned long c = *p;
		int more = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
		if (c >= 0xF8)
			more = 0;
		c &= more == 3 ? 0x07 : more == 2 ? 0x0F : more == 1 ? 0x1F : 0xFF;
		p++;
		for (; more > 0 && (*p & 0xC0) == 0x80; more--, p++)
			c = c << 6 | (*p & 0x3F);
		n += more == 0 ? (size_t)cp_width(c) : 1;
	}
	return n;
}

/* true when s contains "utf8" or "utf-8", any case. */
static bool names_utf8(const char *s)
{
	for (; *s; s++) {
		char f[5];
		size_t k;
		for (k = 0; k < 5 && s[k]; k++)
			f[k] = (s[k] >= 'A' && s[k] <= 'Z') ? (char)(s[k] + 0x20) : s[k];
		if (k >= 4 && memcmp(f, "utf8", 4) == 0)
			return true;
		if (k == 5 && memcmp(f, "utf-8", 5) == 0)
			return true;
	}
	return false;
}

bool out_env_utf8(const char *lc_all, const char *lc_ctype, const char *lang)
{
	const char *v[] = { lc_all, lc_ctype, lang };
	for (size_t k = 0; k < COUNT(v); k++)
		if (v[k] != NULL && v[k][0] != '\0')
			return names_utf8(v[k]);
	return false;
}

/* ---- the table block --------------------------------------------------------- */

int out_table_column(int indent, bool colon)
{
	const char *labels[4] = { _("table"), _("source"), _("date"), _("base") };
	int col = 9 + indent;
	for (size_t k = 0; k < 4; k++)
		if (indent + (int)out_width(labels[k]) + (colon ? 2 : 1) > col)
			col = indent + (int)out_width(labels[k]) + (colon ? 2 : 1);
	return col;
}

size_t out_table_block(char *buf, size_t cap, const rates_table *t, const char *origin, int indent,
                       bool colon, bool with_base)
{
	wbuf w = { buf, cap, 0 };
	const char *labels[4] = { _("table"), _("source"), _("date"), _("base") };
	const char *values[4] = { origin,
		                      t->source ? t->source : C_("source", "(not given)"),
		                      t->date ? t->date : C_("date", "(not given)"), t->base };
	char line[64];
	int col = out_table_column(indent, colon);
	for (size_t k = origin != NULL ? 0 : 1; k < (with_base ? 4u : 3u); k++) {
		snprintf(line, sizeof line, "%*s%s%s", indent, "", labels[k], colon ? ":" : "");
		int pad = col - (int)out_width(line);
		w_str(&w, line);
		for (; pad > 0; pad--)
			w_bytes(&w, " ", 1);
		w_str(&w, values[k]);
		w_bytes(&w, "\n", 1);
	}
	return w_end(&w);
}

int out_uncertainty(char *buf, size_t cap, const rates_quote *from, const rates_quote *to, bool utf8)
{
	conv_pair u;
	if (!conv_uncertainty(&u, from, to))
		return snprintf(buf, cap, "%s", "") < (int)cap ? 0 : -1;
	/* in percent: u * 100 */
	u.exp += 2;
	const char *sign = utf8 ? "\xc2\xb1" : "+/-";
	size_t n = strlen(sign);
	if (cap < n + 2)
		return -1;
	memcpy(buf, sign, n);
	int d = conv_format_rate(buf + n, cap - n - 1, &u, conv_significant_scale(&u, 2, 0), 0, true,
	                         DEC_ROUND_HALF_UP);
	if (d < 0)
		return -1;
	memcpy(buf + n + (size_t)d, "%", 2);
	return (int)n + d + 1;
}

