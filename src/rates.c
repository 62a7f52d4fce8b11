/*
 * rates.c - the rate table in memory: a growing array of quotes kept as
 * written, and the exact value of one unit of a currency in the base.
 *
 * A quote given the other way round (BASE/X) is never turned into a
 * decimal: its value is the ratio 1/quote, so nothing is rounded here.
 */
#include "sarraf/rates.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The array starts with room for this many quotes and doubles when full. */
#define RATES_FIRST_CAPACITY 8

void rates_init(rates_table *t)
{
	memset(t->base, 0, sizeof t->base);
	t->source = NULL;
	t->date = NULL;
	t->origin = NULL;
	t->count = 0;
	t->quotes = NULL;
	for (size_t k = 0; k < RATES_PARTS; k++)
		t->parts[k] = NULL;
	t->nreceipts = 0;
	t->receipts = NULL;
}

void rates_destroy(rates_table *t)
{
	free(t->source);
	free(t->date);
	free(t->origin);
	for (size_t k = 0; k < t->count; k++) {
		free(t->quotes[k].source);
		free(t->quotes[k].date);
	}
	free(t->quotes);
	for (size_t k = 0; k < RATES_PARTS; k++)
		if (t->parts[k] != NULL) {
			rates_destroy(t->parts[k]);
			free(t->parts[k]);
		}
	for (size_t k = 0; k < t->nreceipts; k++)
		rates_receipt_destroy(&t->receipts[k]);
	free(t->receipts);
	rates_init(t);
}

void rates_receipt_destroy(rates_receipt *r)
{
	free(r->url);
	free(r->codes);
	memset(r, 0, sizeof *r);
}

bool rates_add_receipt(rates_table *t, const rates_receipt *r)
{
	if (t->nreceipts >= SIZE_MAX / sizeof *t->receipts - 1)
		return false;
	rates_receipt *a = realloc(t->receipts, (t->nreceipts + 1) * sizeof *a);
	if (a == NULL)
		return false;
	t->receipts = a;
	rates_receipt *c = &a[t->nreceipts];
	*c = *r;
	c->url = NULL;
	c->codes = NULL;
	if (!rates_set_string(&c->url, r->url) || !rates_set_string(&c->codes, r->codes)) {
		rates_receipt_destroy(c);
		return false;
	}
	t->nreceipts++;
	return true;
}

/* true when list ("USD,EUR") names code. */
static bool lists(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p != NULL; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (strncmp(p, code, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

const rates_receipt *rates_receipt_of(const rates_table *t, const char *code)
{
	for (size_t k = 0; k < t->nreceipts; k++) {
		const rates_receipt *r = &t->receipts[k];
		if (code == NULL ? r->codes == NULL : r->codes != NULL && lists(r->codes, code))
			return r;
	}
	return NULL;
}

/*
 * The table keeps no capacity field: the capacity is a function of count
 * (0, then RATES_FIRST_CAPACITY, then doubling), so the array is full
 * exactly when count is 0 or a power of two not below RATES_FIRST_CAPACITY.
 */
static bool rates_full(size_t count)
{
	return count == 0 || (count >= RATES_FIRST_CAPACITY && (count & (count - 1)) == 0);
}

bool rates_add(rates_table *t, const char code[4], const dec_t *quote, bool inverse)
{
	if (rates_full(t->count)) {
		size_t cap = t->count == 0 ? RATES_FIRST_CAPACITY : t->count * 2;
		if (cap > SIZE_MAX / sizeof *t->quotes)
			return false;
		rates_quote *q = realloc(t->quotes, cap * sizeof *q);
		if (q == NULL)
			return false;
		t->quotes = q;
	}
	rates_quote *q = &t->quotes[t->count++];
	memcpy(q->code, code, 3);
	q->code[3] = '\0';
	q->quote = *quote;
	q->inverse = inverse;
	q->exact = false;
	q->nominal_digits = 0;
	q->source = NULL;
	q->date = NULL;
	return true;
}

bool rates_set_quote_origin(rates_table *t, size_t k, const char *source, const char *date)
{
	return rates_set_string(&t->quotes[k].source, source) &&
	       rates_set_string(&t->quotes[k].date, date);
}

bool rates_set_string(char **field, const char *s)
{
	char *copy = NULL;
	if (s != NULL) {
		size_t n = strlen(s) + 1;
		copy = malloc(n);
		if (copy == NULL)
			return false;
		memcpy(copy, s, n);
	}
	free(*field);
	*field = copy;
	return true;
}

bool rates_has(const rates_table *t, const char *code)
{
	return (t->base[0] != '\0' && strcmp(t->base, code) == 0) || rates_find(t, code) != NULL;
}

const rates_quote *rates_find(const rates_table *t, const char *code)
{
	for (size_t k = 0; k < t->count; k++)
		if (strcmp(t->quotes[k].code, code) == 0)
			return &t->quotes[k];
	return NULL;
}

bool rates_value_of(const rates_table *t, const char *code, rates_value *out)
{
	if (t->base[0] != '\0' && strcmp(t->base, code) == 0) {
		*out = (rates_value){ 1, 1, 0 };
		return true;
	}
	const rates_quote *q = rates_find(t, code);
	if (q == NULL)
		return false;
	/* The loader admits only quotes > 0, so the coefficient is positive. */
	dec_uint coef = (dec_uint)q->quote.coef;
	if (q->inverse)
		*out = (rates_value){ 1, coef, -q->quote.exp };
	else
		*out = (rates_value){ coef, 1, q->quote.exp };
	return true;
}

int rates_quote_text(char *buf, size_t cap, const rates_table *t, const rates_quote *q)
{
	char v[DEC_STRING_MAX];
	if (dec_to_string(v, sizeof v, &q->quote) < 0)
		snprintf(v, sizeof v, "?");
	return snprintf(buf, cap, "%s/%s %s", q->inverse ? t->base : q->code, q->inverse ? q->code : t->base,
	                v);
}

int rates_quote_origin(char *buf, size_t cap, const rates_quote *q)
{
	return snprintf(buf, cap, "%s%s%s", q->source ? q->source : "", q->source && q->date ? ", " : "",
	                q->date ? q->date : "");
}

bool rates_knows(const rates_table *t, const char *code)
{
	if (rates_has(t, code))
		return true;
	for (size_t k = 0; k < RATES_PARTS; k++)
		if (t->parts[k] != NULL && rates_has(t->parts[k], code))
			return true;
	return false;
}

bool rates_has_parts(const rates_table *t)
{
	for (size_t k = 0; k < RATES_PARTS; k++)
		if (t->parts[k] != NULL)
			return true;
	return false;
}

