/*
 * fuzz_load.c - libFuzzer target for the rate-table loader, load_table(),
 * over every shape it recognises (the native form and the feeds').
 *
 * Properties:
 *   - a table is accepted whole or refused whole: on failure it is empty and
 *     the message is one non-empty line;
 *   - on success every quote is > 0, its code three upper-case letters, not
 *     the base, and not quoted twice;
 *   - a loaded table's values match what a second parse gives: the table is
 *     written back in the native form (each quote as "COEFeEXP", exact) and
 *     loaded again, and the two tables must be the same quote for quote,
 *     with the same base, source and date.
 * The origin is "fuzz/usd.json", so that FloatRates bodies have a base.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/load.h"

typedef struct {
	char *buf;
	size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;
		char *b = realloc(t->buf, cap);
		if (b == NULL)
			abort();
		t->buf = b;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static void puts_(text *t, const char *s)
{
	put(t, s, strlen(s));
}

/* A JSON string: quotes, backslashes and control bytes escaped; other bytes as they are. */
static void put_json(text *t, const char *s)
{
	put(t, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char e[8];
		if (c == '"' || c == '\\' || c < 0x20) {
			snprintf(e, sizeof e, "\\u%04x", c);
			puts_(t, e);
		} else {
			put(t, s, 1);
		}
	}
	put(t, "\"", 1);
}

static int same_string(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void check_valid(const rates_table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		const rates_quote *q = &t->quotes[i];
		if (q->quote.coef <= 0 || strlen(q->code) != 3 || strcmp(q->code, t->base) == 0)
			abort();
		for (int k = 0; k < 3; k++)
			if (q->code[k] < 'A' || q->code[k] > 'Z')
				abort();
		for (size_t j = 0; j < i; j++)
			if (strcmp(t->quotes[j].code, q->code) == 0)
				abort(); /* a currency quoted twice */
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	rates_table t, u;
	char err[LOAD_ERR_MAX];
	rates_init(&t);
	rates_init(&u);

	err[0] = '\0';
	if (load_table(&t, (const char *)data, size, "fuzz/usd.json", err) != 0) {
		if (t.count != 0 || t.quotes != NULL || err[0] == '\0' || strchr(err, '\n') != NULL)
			abort();
		rates_destroy(&t);
		return 0;
	}
	check_valid(&t);

	/* Written back in the native form, exactly. */
	text w = { NULL, 0, 0 };
	puts_(&w, "{\"base\":");
	put_json(&w, t.base);
	if (t.source != NULL) {
		puts_(&w, ",\"source\":");
		put_json(&w, t.source);
	}
	if (t.date != NULL) {
		puts_(&w, ",\"date\":");
		put_json(&w, t.date);
	}
	puts_(&w, ",\"quotes\":{");
	for (size_t i = 0; i < t.count; i++) {
		const rates_quote *q = &t.quotes[i];
		char key[16], num[DEC_STRING_MAX + 16];
		snprintf(key, sizeof key, "%s/%s", q->inverse ? t.base : q->code, q->inverse ? q->code : t.base);
		int n = dec_format(num, sizeof num, q->quote.coef, 0);
		if (n < 0)
			abort();
		snprintf(num + n, sizeof num - (size_t)n, "e%d", (int)q->quote.exp);
		if (i > 0)
			puts_(&w, ",");
		put_json(&w, key);
		puts_(&w, ":");
		put_json(&w, num);
	}
	puts_(&w, "}}");

	if (load_table(&u, w.buf, w.len, NULL, err) != 0) {
		fprintf(stderr, "the table written back was refused: %s\n%s\n", err, w.buf);
		abort();
	}
	if (strcmp(t.base, u.base) != 0 || t.count != u.count || !same_string(t.source, u.source) ||
	    !same_string(t.date, u.date))
		abort();
	for (size_t i = 0; i < t.count; i++) {
		const rates_quote *a = &t.quotes[i];
		const rates_quote *b = rates_find(&u, a->code);
		if (b == NULL || a->inverse != b->inverse || a->quote.coef != b->quote.coef ||
		    a->quote.exp != b->quote.exp)
			abort();
		/* The exact values agree too. */
		rates_value va, vb;
		if (!rates_value_of(&t, a->code, &va) || !rates_value_of(&u, a->code, &vb) || va.num != vb.num ||
		    va.den != vb.den || va.exp != vb.exp)
			abort();
	}
	free(w.buf);
	rates_destroy(&t);
	rates_destroy(&u);
	return 0;
}
