/* test_rates.c - the table in memory: adding, finding, and the exact value of a unit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sarraf/rates.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A USD table with one quote each way round: KZT/USD 0.00192 and USD/UZS 12850.50. */
static void seed(rates_table *t)
{
	rates_init(t);
	memcpy(t->base, "USD", 4);
	assert_true(rates_add(t, "KZT", &(dec_t){ 192, -5 }, false));
	assert_true(rates_add(t, "UZS", &(dec_t){ 1285050, -2 }, true));
}

static void init_should_leave_an_empty_table(void **state)
{
	rates_table t;
	(void)state;
	memset(&t, 0x5A, sizeof t);
	rates_init(&t);
	assert_string_equal(t.base, "");
	assert_null(t.source);
	assert_null(t.date);
	assert_null(t.origin);
	assert_int_equal(t.count, 0);
	assert_null(t.quotes);
	assert_false(rates_has(&t, "USD"));
	assert_false(rates_has(&t, ""));
	rates_value v;
	assert_false(rates_value_of(&t, "USD", &v));
}

static void value_of_should_give_the_exact_ratio(void **state)
{
	static const struct {
		const char *code;
		bool known;
		uint64_t num, den;
		int32_t exp;
	} cases[] = {
		{ "USD", true, 1, 1, 0 },          /* the base is 1/1 */
		{ "KZT", true, 192, 1, -5 },       /* KZT/USD 0.00192: 192 * 10^-5 */
		{ "UZS", true, 1, 1285050, 2 },    /* USD/UZS 12850.50: 1 / (1285050 * 10^-2) */
		{ "EUR", false, 0, 0, 0 },
		{ "usd", false, 0, 0, 0 },         /* codes are upper case by contract */
	};
	rates_table t;
	(void)state;
	seed(&t);
	for (size_t k = 0; k < COUNT(cases); k++) {
		rates_value v;
		assert_int_equal(rates_value_of(&t, cases[k].code, &v), cases[k].known);
		assert_int_equal(rates_has(&t, cases[k].code), cases[k].known);
		if (!cases[k].known)
			continue;
		assert_true(v.num == cases[k].num);
		assert_true(v.den == cases[k].den);
		assert_int_equal(v.exp, cases[k].exp);
	}
	rates_destroy(&t);
}

static void find_should_return_the_quote_as_written_but_not_the_base(void **state)
{
	rates_table t;
	(void)state;
	seed(&t);
	const rates_quote *q = rates_find(&t, "UZS");
	assert_non_null(q);
	assert_string_equal(q->code, "UZS");
	assert_true(q->quote.coef == 1285050);
	assert_int_equal(q->quote.exp, -2);
	assert_true(q->inverse);
	q = rates_find(&t, "KZT");
	assert_non_null(q);
	assert_false(q->inverse);
	assert_null(rates_find(&t, "USD"));
	assert_null(rates_find(&t, "TJS"));
	rates_destroy(&t);
}

static void add_should_grow_and_keep_every_quote_in_order(void **state)
{
	rates_table t;
	(void)state;
	rates_init(&t);
	memcpy(t.base, "AAA", 4);
	/* 26 * 26 codes: many doublings of the array. */
	for (int k = 0; k < 26 * 26; k++) {
		char code[4] = { 'B', (char)('A' + k / 26), (char)('A' + k % 26), '\0' };
		assert_true(rates_add(&t, code, &(dec_t){ k + 1, -k % 7 }, k % 2 == 1));
		assert_int_equal(t.count, (size_t)k + 1);
	}
	for (int k = 0; k < 26 * 26; k++) {
		char code[4] = { 'B', (char)('A' + k / 26), (char)('A' + k % 26), '\0' };
		const rates_quote *q = rates_find(&t, code);
		assert_ptr_equal(q, &t.quotes[k]);
		assert_true(q->quote.coef == k + 1);
		assert_int_equal(q->quote.exp, -k % 7);
		assert_int_equal(q->inverse, k % 2 == 1);
		/* a new quote carries an uncertainty until a loader says it is exact */
		assert_false(q->exact);
		assert_null(q->source);
		assert_null(q->date);
	}
	rates_destroy(&t);
	assert_int_equal(t.count, 0);
	assert_null(t.quotes);
}

static void set_string_should_copy_replace_and_clear(void **state)
{
	char *field = NULL;
	char text[] = "first";
	(void)state;
	assert_true(rates_set_string(&field, text));
	text[0] = 'X'; /* a copy, not the caller's buffer */
	assert_string_equal(field, "first");
	assert_true(rates_set_string(&field, "second"));
	assert_string_equal(field, "second");
	assert_true(rates_set_string(&field, ""));
	assert_string_equal(field, "");
	assert_true(rates_set_string(&field, NULL));
	assert_null(field);
}

static void quote_text_and_origin_should_read_as_the_table_writes_them(void **state)
{
	rates_table t;
	char buf[64];
	(void)state;
	seed(&t);
	assert_int_equal(rates_quote_text(buf, sizeof buf, &t, &t.quotes[0]), 15);
	assert_string_equal(buf, "KZT/USD 0.00192");
	rates_quote_text(buf, sizeof buf, &t, &t.quotes[1]);
	assert_string_equal(buf, "USD/UZS 12850.50");
	/* no origin of its own; then source and date, each alone */
	assert_int_equal(rates_quote_origin(buf, sizeof buf, &t.quotes[0]), 0);
	assert_string_equal(buf, "");
	assert_true(rates_set_quote_origin(&t, 0, "Bank A", "2026-04-01"));
	rates_quote_origin(buf, sizeof buf, &t.quotes[0]);
	assert_string_equal(buf, "Bank A, 2026-04-01");
	assert_true(rates_set_quote_origin(&t, 0, "Bank A", NULL));
	rates_quote_origin(buf, sizeof buf, &t.quotes[0]);
	assert_string_equal(buf, "Bank A");
	assert_true(rates_set_quote_origin(&t, 0, NULL, "2026-04-01"));
	rates_quote_origin(buf, sizeof buf, &t.quotes[0]);
	assert_string_equal(buf, "2026-04-01");
	/* a short buffer is cut, never overrun */
	assert_int_equal(rates_quote_text(buf, 8, &t, &t.quotes[1]), 16);
	assert_string_equal(buf, "USD/UZS");
	rates_destroy(&t);
}

static void destroy_should_free_everything_and_reset(void **state)
{
	rates_table t;
	(void)state;
	seed(&t);
	assert_true(rates_set_string(&t.source, "a source"));
	assert_true(rates_set_string(&t.date, "2025-05-01"));
	assert_true(rates_set_string(&t.origin, "embedded"));
	rates_destroy(&t);
	assert_string_equal(t.base, "");
	assert_null(t.source);
	assert_null(t.date);
	assert_null(t.origin);
	assert_int_equal(t.count, 0);
	assert_null(t.quotes);
	rates_destroy(&t); /* twice is harmless */
}

/* Receipts are copied in; the whole table's has no codes, a quote's is found by its code alone. */
static void receipts_should_be_found_by_code_or_for_the_whole_table(void **state)
{
	rates_table t;
	(void)state;
	seed(&t);
	char url[] = "http://127.0.0.1/cbu/2026-04-03/", codes[] = "UZS,KZT";
	rates_receipt whole = { url, NULL, "2026-04-05", "2026-04-03", "2026-04-05T08:00:00Z", "ab" };
	rates_receipt some = { url, codes, "", "", "", "cd" };
	assert_null(rates_receipt_of(&t, NULL));
	assert_true(rates_add_receipt(&t, &whole));
	assert_true(rates_add_receipt(&t, &some));
	url[0] = 'X', codes[0] = 'X'; /* copies: the table does not keep the caller's strings */
	const rates_receipt *r = rates_receipt_of(&t, NULL);
	assert_non_null(r);
	assert_string_equal(r->url, "http://127.0.0.1/cbu/2026-04-03/");
	assert_string_equal(r->published, "2026-04-03");
	assert_string_equal(r->sha256, "ab");
	r = rates_receipt_of(&t, "KZT");
	assert_non_null(r);
	assert_string_equal(r->codes, "UZS,KZT");
	assert_non_null(rates_receipt_of(&t, "UZS"));
	assert_null(rates_receipt_of(&t, "KZ"));
	assert_null(rates_receipt_of(&t, "USD"));
	rates_destroy(&t);
	assert_int_equal(t.nreceipts, 0);
	assert_null(t.receipts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_should_leave_an_empty_table),
		cmocka_unit_test(value_of_should_give_the_exact_ratio),
		cmocka_unit_test(find_should_return_the_quote_as_written_but_not_the_base),
		cmocka_unit_test(add_should_grow_and_keep_every_quote_in_order),
		cmocka_unit_test(set_string_should_copy_replace_and_clear),
		cmocka_unit_test(quote_text_and_origin_should_read_as_the_table_writes_them),
		cmocka_unit_test(destroy_should_free_everything_and_reset),
		cmocka_unit_test(receipts_should_be_found_by_code_or_for_the_whole_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
