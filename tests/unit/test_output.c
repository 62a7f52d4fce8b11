/* test_output.c - records: a stream's JSON template writes the bytes of the general writer; the
 * width of text on a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/output.h"
#include "sarraf/convert.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void template_should_write_what_the_general_writer_writes(void **state)
{
	static const char *const files[] = { "stdin", "in.csv", "we\"ird\\name", "tab\there", "ü.txt" };
	static const char *const amounts[] = { "1000", "-0.5", "\"x", "a\\b", "1e6", "\x01\x1f", "₸1500", "" };
	static const char *const results[] = { "24000.00", "-12.5", "0", "99999999999999999999.999999" };
	static const char *const uncertainties[] = { NULL, "0", "0.065" };
	static const char *const rates[] = { NULL, "24", "0.041666666666666667" };
	static const long lines[] = { 0, 1, 42, 1000000, LONG_MAX };
	(void)state;
	rates_table plain, official;
	rates_init(&plain);
	rates_init(&official);
	memcpy(plain.base, "USD", 4);
	assert_true(rates_set_string(&plain.origin, "embedded"));
	memcpy(official.base, "USD", 4);
	assert_true(rates_set_string(&official.origin, "official"));
	assert_true(rates_set_string(&official.source, "official rates: \"each\" quote"));
	assert_true(rates_set_string(&official.date, "2026-04-01"));
	assert_true(rates_add(&official, "KZT", &(dec_t){ 50512, -2 }, true));
	assert_true(rates_set_quote_origin(&official, 0, "National Bank of Kazakhstan", "2026-04-01"));
	assert_true(rates_add(&official, "UZS", &(dec_t){ 1219421, -2 }, true));
	assert_true(rates_set_quote_origin(&official, 1, "Central Bank of Uzbekistan", NULL));
	const rates_table *tables[] = { NULL, &plain, &official };
	size_t cases = 0;
	for (size_t f = 0; f < COUNT(files); f++)
		for (size_t a = 0; a < COUNT(amounts); a++)
			for (size_t r = 0; r < COUNT(results); r++)
				for (size_t t = 0; t < COUNT(tables); t++) {
					out_record rec = { files[f], lines[(f + a + r) % COUNT(lines)], amounts[a],
						               strlen(amounts[a]), "KZT", "UZS", results[r], NULL,
						               rates[(a + t) % COUNT(rates)], (int)(r * 5 % 19),
						               (dec_round)(a % DEC_ROUND_COUNT), tables[t],
						               uncertainties[(f + r) % COUNT(uncertainties)], NULL, NULL, NULL };
					char want[4096], got[4096];
					size_t n = out_format_record(want, sizeof want, OUT_JSON, &rec);
					assert_true(n < sizeof want);
					out_json_template tp;
					assert_true(out_json_template_init(&tp, &rec));
					assert_true(out_json_template_need(&tp, rec.amount_len) <= sizeof got);
					size_t m = out_json_template_write(got, &tp, rec.line, rec.amount, rec.amount_len,
					                                   rec.result, strlen(rec.result));
					got[m] = '\0';
					if (m != n || memcmp(got, want, n) != 0)
						fail_msg("template:\n%s\ngeneral:\n%s", got, want);
					out_json_template_destroy(&tp);
					cases++;
				}
	assert_true(cases == COUNT(files) * COUNT(amounts) * COUNT(results) * COUNT(tables));
	rates_destroy(&plain);
	rates_destroy(&official);
}

static void price_records_should_name_the_table(void **state)
{
	rates_table t;
	char buf[512];
	(void)state;
	rates_init(&t);
	assert_true(rates_set_string(&t.origin, "official:nbk"));
	assert_true(rates_set_string(&t.source, "National Bank of Kazakhstan"));
	size_t n = out_format_price(buf, sizeof buf, OUT_JSON, "2026-04-01", "USD", "KZT", "478.77", &t);
	assert_int_equal(n, strlen(buf));
	assert_string_equal(buf, "{\"date\":\"2026-04-01\",\"from\":\"USD\",\"to\":\"KZT\",\"rate\":\"478.77\","
	                         "\"table\":\"official:nbk\",\"source\":\"National Bank of Kazakhstan\"}\n");
	/* cut to fit, NUL-terminated, the length needed returned */
	assert_int_equal(out_format_price(buf, 10, OUT_JSON, "2026-04-01", "USD", "KZT", "478.77", &t), n);
	assert_int_equal(strlen(buf), 9);
	rates_destroy(&t);
}

static void price_lines_should_take_each_format(void **state)
{
	rates_table t;
	char buf[256];
	(void)state;
	rates_init(&t);
	static const struct {
		out_format f;
		const char *want;
	} cases[] = {
		{ OUT_LEDGER, "P 2026-04-01 USD 478.77 KZT\n" },
		{ OUT_BEANCOUNT, "2026-04-01 price USD 478.77 KZT\n" },
		{ OUT_TEXT, "2026-04-01  1 USD = 478.77 KZT\n" },
		{ OUT_CSV, "2026-04-01,USD,KZT,478.77\n" },
		{ OUT_TSV, "2026-04-01\tUSD\tKZT\t478.77\n" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		size_t n = out_format_price(buf, sizeof buf, cases[k].f, "2026-04-01", "USD", "KZT", "478.77", &t);
		assert_string_equal(buf, cases[k].want);
		assert_int_equal(n, strlen(cases[k].want));
	}
	/* a field that holds the delimiter is quoted */
	out_format_price(buf, sizeof buf, OUT_CSV, "2026-04-01", "USD", "KZT", "1,5", &t);
	assert_string_equal(buf, "2026-04-01,USD,KZT,\"1,5\"\n");
	assert_string_equal(out_price_header(OUT_CSV), "date,from,to,rate\n");
	assert_null(out_price_header(OUT_LEDGER));
	rates_destroy(&t);
}

static void uncertainty_should_have_one_face(void **state)
{
	char buf[64];
	rates_quote q = { "UZS", { 8, -5 }, false, NULL, NULL, false, 0 }, exact = q;
	(void)state;
	exact.exact = true;
	assert_int_equal(out_uncertainty(buf, sizeof buf, &q, NULL, true), (int)strlen("\xc2\xb1" "6.3%"));
	assert_string_equal(buf, "\xc2\xb1" "6.3%");
	out_uncertainty(buf, sizeof buf, &q, NULL, false);
	assert_string_equal(buf, "+/-6.3%");
	/* two quotes add up: 1/16 + 1/384 = 6.51...% */
	rates_quote k = { "KZT", { 192, -5 }, false, NULL, NULL, false, 0 };
	out_uncertainty(buf, sizeof buf, &q, &k, false);
	assert_string_equal(buf, "+/-6.5%");
	/* exact quotes, and the base (NULL), have none */
	assert_int_equal(out_uncertainty(buf, sizeof buf, &exact, NULL, true), 0);
	assert_string_equal(buf, "");
	assert_int_equal(out_uncertainty(buf, sizeof buf, NULL, NULL, false), 0);
	conv_pair u;
	assert_false(conv_uncertainty(&u, &exact, NULL));
	assert_true(conv_uncertainty(&u, &q, NULL));
	/* too small a buffer */
	assert_int_equal(out_uncertainty(buf, 4, &q, NULL, false), -1);
}

/* Columns on a terminal: one a code point of Latin or Cyrillic, none for a combining mark, two
 * for an East Asian wide one; a stray byte one. */
static void widths_should_count_columns_not_bytes(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t want;
	} cases[] = {
		{ "", 0 },
		{ "USD", 3 },
		{ "казахстанский тенге", 19 },           /* Cyrillic: 2 bytes a letter */
		{ "Qozog\xca\xbbiston so\xca\xbbmi", 17 }, /* U+02BB, the Uzbek o' and g' */
		{ "\xd2\x9a\xd0\xb0\xd0\xb7\xd0\xb0\xd2\x9b\xd1\x81\xd1\x82\xd0\xb0\xd0\xbd", 9 }, /* Қазақстан */
		{ "e\xcc\x81", 1 },                       /* e and a combining acute */
		{ "\xe5\x86\x86", 2 },                    /* 円: wide */
		{ "\xef\xbc\x91\xef\xbc\x92", 4 },         /* fullwidth １２ */
		{ "\xe2\x82\xb8", 1 },                    /* ₸ */
		{ "\xf0\x9f\x92\xb0", 2 },                /* 💰 */
		{ "a\xff" "b", 3 },                       /* a stray byte */
		{ "\xd0", 1 },                           /* a cut sequence */
	};
	for (size_t k = 0; k < COUNT(cases); k++)
		assert_int_equal(out_width(cases[k].s), cases[k].want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(template_should_write_what_the_general_writer_writes),
		cmocka_unit_test(price_records_should_name_the_table),
		cmocka_unit_test(price_lines_should_take_each_format),
		cmocka_unit_test(uncertainty_should_have_one_face),
		cmocka_unit_test(widths_should_count_columns_not_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
