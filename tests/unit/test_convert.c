/* test_convert.c - exact cross rates: the SPEC's examples, ties in every mode, range edges. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "sarraf/convert.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The seed table's values in USD, as rates_value_of gives them. */
static const rates_value USD = { 1, 1, 0 };
static const rates_value KGS = { 1144, 1, -5 };
static const rates_value KZT = { 192, 1, -5 };
static const rates_value UZS = { 8, 1, -5 };
/* "USD/UZS": "12850.50" -> value(UZS) = 1 / 12850.50 */
static const rates_value UZS_INV = { 1, 1285050, 2 };

/* Convert the amount text and format the result, or return "RANGE". */
static const char *convert(char *buf, const char *amount, const rates_value *from, const rates_value *to,
                           int precision, dec_round mode)
{
	dec_t a;
	dec_int r;
	conv_ctx ctx = { precision, mode };
	assert_int_equal(dec_parse_cstr(&a, amount), DEC_OK);
	if (conv_convert(&r, &a, from, to, &ctx) != CONV_OK)
		return "RANGE";
	assert_true(dec_format(buf, DEC_STRING_MAX, r, precision) > 0);
	return buf;
}

static void convert_should_give_the_issue_examples(void **state)
{
	char b[DEC_STRING_MAX];
	(void)state;
	assert_string_equal(convert(b, "1000000", &UZS, &KZT, 2, DEC_ROUND_HALF_UP), "41666.67");
	assert_string_equal(convert(b, "1", &USD, &UZS, 2, DEC_ROUND_HALF_UP), "12500.00");
	assert_string_equal(convert(b, "1000", &KGS, &KZT, 6, DEC_ROUND_HALF_UP), "5958.333333");
	assert_string_equal(convert(b, "-12.5", &KZT, &USD, 2, DEC_ROUND_HALF_UP), "-0.02");
}

static void convert_should_keep_reciprocal_quotes_exact(void **state)
{
	char b[DEC_STRING_MAX];
	(void)state;
	assert_string_equal(convert(b, "1", &USD, &UZS_INV, 2, DEC_ROUND_HALF_UP), "12850.50");
	assert_string_equal(convert(b, "12850.50", &UZS_INV, &USD, 18, DEC_ROUND_HALF_UP),
	                    "1.000000000000000000");
	/* 1000000 / 12850.5 = 77.8179837. . . ; then into KZT: / 0.00192 = 40530.1998625. . . */
	assert_string_equal(convert(b, "1000000", &UZS_INV, &USD, 6, DEC_ROUND_HALF_UP), "77.817984");
	assert_string_equal(convert(b, "1000000", &UZS_INV, &KZT, 6, DEC_ROUND_HALF_UP), "40530.199863");
}

static void convert_should_round_ties_by_mode(void **state)
{
	static const struct {
		dec_round mode;
		const char *pos, *neg;       /* 0.125 and -0.125 at 2 digits */
		const char *above, *below;   /* 0.12500000001 and 0.12499999999 */
	} cases[] = {
		{ DEC_ROUND_HALF_UP, "0.13", "-0.13", "0.13", "0.12" },
		{ DEC_ROUND_HALF_EVEN, "0.12", "-0.12", "0.13", "0.12" },
		{ DEC_ROUND_HALF_DOWN, "0.12", "-0.12", "0.13", "0.12" },
		{ DEC_ROUND_UP, "0.13", "-0.13", "0.13", "0.13" },
		{ DEC_ROUND_DOWN, "0.12", "-0.12", "0.12", "0.12" },
		{ DEC_ROUND_CEILING, "0.13", "-0.12", "0.13", "0.13" },
		{ DEC_ROUND_FLOOR, "0.12", "-0.13", "0.12", "0.12" },
	};
	char b[DEC_STRING_MAX];
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		assert_string_equal(convert(b, "0.125", &USD, &USD, 2, cases[k].mode), cases[k].pos);
		assert_string_equal(convert(b, "-0.125", &USD, &USD, 2, cases[k].mode), cases[k].neg);
		assert_string_equal(convert(b, "0.12500000001", &USD, &USD, 2, cases[k].mode), cases[k].above);
		assert_string_equal(convert(b, "0.12499999999", &USD, &USD, 2, cases[k].mode), cases[k].below);
	}
	/* Ties reached through a rate: 0.0078125 KZT = 0.000015 USD, 0.0234375 KZT = 0.000045 USD. */
	assert_string_equal(convert(b, "0.0078125", &KZT, &USD, 5, DEC_ROUND_HALF_EVEN), "0.00002");
	assert_string_equal(convert(b, "0.0078125", &KZT, &USD, 5, DEC_ROUND_HALF_DOWN), "0.00001");
	assert_string_equal(convert(b, "0.0078125", &KZT, &USD, 5, DEC_ROUND_HALF_UP), "0.00002");
	assert_string_equal(convert(b, "0.0234375", &KZT, &USD, 5, DEC_ROUND_HALF_EVEN), "0.00004");
	assert_string_equal(convert(b, "-0.0234375", &KZT, &USD, 5, DEC_ROUND_HALF_UP), "-0.00005");
	assert_string_equal(convert(b, "0.0234375", &KZT, &USD, 6, DEC_ROUND_UP), "0.000045");
}

static void convert_should_never_give_negative_zero(void **state)
{
	char b[DEC_STRING_MAX];
	(void)state;
	assert_string_equal(convert(b, "-0.001", &USD, &USD, 2, DEC_ROUND_HALF_UP), "0.00");
	assert_string_equal(convert(b, "-0", &USD, &KZT, 2, DEC_ROUND_FLOOR), "0.00");
	assert_string_equal(convert(b, "-0.001", &USD, &USD, 2, DEC_ROUND_CEILING), "0.00");
}

static void convert_should_report_results_out_of_range(void **state)
{
	char b[DEC_STRING_MAX];
	(void)state;
	assert_string_equal(convert(b, "99999999999999999999.99", &USD, &USD, 2, DEC_ROUND_HALF_UP),
	                    "99999999999999999999.99");
	assert_string_equal(convert(b, "99999999999999999999.995", &USD, &USD, 2, DEC_ROUND_HALF_UP), "RANGE");
	assert_string_equal(convert(b, "99999999999999999999.995", &USD, &USD, 2, DEC_ROUND_DOWN),
	                    "99999999999999999999.99");
	assert_string_equal(convert(b, "1e20", &USD, &USD, 0, DEC_ROUND_HALF_UP), "RANGE");
	assert_string_equal(convert(b, "1e19", &USD, &UZS, 2, DEC_ROUND_HALF_UP), "RANGE");
	assert_string_equal(convert(b, "-1e19", &USD, &UZS, 2, DEC_ROUND_HALF_UP), "RANGE");
	assert_string_equal(convert(b, "1e99999", &USD, &USD, 2, DEC_ROUND_HALF_UP), "RANGE");
	assert_string_equal(convert(b, "99999999999999999999.999999999999999999", &USD, &USD, 18,
	                            DEC_ROUND_HALF_UP),
	                    "99999999999999999999.999999999999999999");
	assert_string_equal(convert(b, "1", &USD, &USD, 19, DEC_ROUND_HALF_UP), "RANGE");
}

static void convert_should_round_vanishing_amounts_by_mode(void **state)
{
	char b[DEC_STRING_MAX];
	(void)state;
	/* So small that 10^-k alone is past the big integers: still rounded, not refused. */
	assert_string_equal(convert(b, "1e-99999", &USD, &USD, 2, DEC_ROUND_HALF_UP), "0.00");
	assert_string_equal(convert(b, "1e-99999", &USD, &USD, 2, DEC_ROUND_UP), "0.01");
	assert_string_equal(convert(b, "-1e-99999", &USD, &USD, 2, DEC_ROUND_FLOOR), "-0.01");
	assert_string_equal(convert(b, "-1e-99999", &USD, &USD, 2, DEC_ROUND_CEILING), "0.00");
	assert_string_equal(convert(b, "1e-30", &UZS, &USD, 18, DEC_ROUND_CEILING), "0.000000000000000001");
}

static void convert_should_handle_the_widest_rates(void **state)
{
	/* 18 significant digits at both ends of the SPEC's rate range, both orientations. */
	static const rates_value tiny = { 123456789012345678, 1, -29 };   /* 1.23. . .e-12 */
	static const rates_value huge = { 987654321098765432, 1, -11 };   /* 9876543.21. . . */
	static const rates_value tiny_inv = { 1, 987654321098765432, 11 }; /* 1 / 9876543.21. . . */
	char b[DEC_STRING_MAX];
	(void)state;
	/* 1 huge in tiny = 9876543.21098765432 / 1.23456789012345678e-12 = 8000000072900000720.9. . . */
	assert_string_equal(convert(b, "1", &huge, &tiny, 0, DEC_ROUND_DOWN), "8000000072900000720");
	assert_string_equal(convert(b, "1", &tiny, &huge, 18, DEC_ROUND_UP), "0.000000000000000001");
	assert_string_equal(convert(b, "1", &tiny_inv, &huge, 18, DEC_ROUND_DOWN), "0.000000000000010251");
	assert_string_equal(convert(b, "100", &huge, &tiny, 0, DEC_ROUND_DOWN), "RANGE");
}

static void pair_should_equal_the_one_shot_conversion(void **state)
{
	static const char *amounts[] = { "0", "1", "-1", "123.45", "1e6", "0.000001", "-98765.4321" };
	conv_pair p;
	conv_ctx ctx = { 4, DEC_ROUND_HALF_EVEN };
	(void)state;
	conv_pair_init(&p, &KGS, &UZS_INV);
	for (size_t k = 0; k < COUNT(amounts); k++) {
		dec_t a;
		dec_int r1, r2;
		assert_int_equal(dec_parse_cstr(&a, amounts[k]), DEC_OK);
		assert_int_equal(conv_apply(&r1, &a, &p, &ctx), CONV_OK);
		assert_int_equal(conv_convert(&r2, &a, &KGS, &UZS_INV, &ctx), CONV_OK);
		assert_true(r1 == r2);
	}
}

/* A small deterministic generator, so that a failure repeats. */
static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 11;
}

/* 1..18 digits, fewer by a random shift: the quotes' usual coefficients. */
static uint64_t random_digits(uint64_t *seed)
{
	uint64_t c = lcg(seed) % 1000000000000000000u + 1;
	return c / ((uint64_t)1 << (lcg(seed) % 60));
}

/* A value of coefficient c (0: 1) at an exponent around the SPEC's range, either orientation. */
static rates_value random_value(uint64_t *seed, uint64_t c)
{
	c = c ? c : 1;
	int32_t e = (int32_t)(lcg(seed) % 30) - 22;
	if (lcg(seed) & 1)
		return (rates_value){ c, 1, e };
	return (rates_value){ 1, c, -e };
}

static void fast_path_should_agree_with_the_general_path(void **state)
{
	uint64_t seed = 20250501;
	int fast_hits = 0;
	(void)state;
	for (int i = 0; i < 200000; i++) {
		rates_value v[2];
		for (int j = 0; j < 2; j++)
			v[j] = random_value(&seed, random_digits(&seed));
		dec_t a = { (dec_int)(lcg(&seed) >> (lcg(&seed) % 50)), -(int32_t)(lcg(&seed) % 19) };
		if (lcg(&seed) & 1)
			a.coef = -a.coef;
		conv_ctx ctx = { (int)(lcg(&seed) % 19), (dec_round)(lcg(&seed) % DEC_ROUND_COUNT) };
		conv_pair p;
		conv_pair_init(&p, &v[0], &v[1]);
		dec_int r1 = 0, r2 = 0;
		conv_status s1 = conv_apply(&r1, &a, &p, &ctx);
		conv_status s2 = conv_apply_general(&r2, &a, &p, &ctx);
		assert_int_equal(s1, s2);
		assert_true(r1 == r2);
		fast_hits += p.fast && s1 == CONV_OK && r1 != 0;
	}
	/* The comparison means something only if the fast path ran and gave numbers. */
	assert_true(fast_hits > 50000);
}

/*
 * The streams' lane: a multiply by a reciprocal for the division. Random
 * pairs, exponents and precisions as above, divisors near powers of two
 * (where a reciprocal is most easily off by one), amounts up to the lane's
 * limit: every answer it gives is conv_apply_general's.
 */
static void lane_should_agree_with_the_general_path(void **state)
{
	uint64_t seed = 20261129;
	int answered = 0, near_limit = 0;
	(void)state;
	for (int i = 0; i < 300000; i++) {
		rates_value v[2];
		for (int j = 0; j < 2; j++) {
			uint64_t c;
			switch (lcg(&seed) % 3) {
			case 0: /* around a power of two */
				c = ((uint64_t)1 << (lcg(&seed) % 63 + 1)) + (lcg(&seed) % 5) - 2;
				break;
			case 1: /* a large odd number */
				c = lcg(&seed) << 11 | lcg(&seed) | 1;
				break;
			default:
				c = random_digits(&seed);
			}
			v[j] = random_value(&seed, c);
		}
		conv_ctx ctx = { (int)(lcg(&seed) % 19), (dec_round)(lcg(&seed) % DEC_ROUND_COUNT) };
		conv_pair p;
		conv_pair_init(&p, &v[0], &v[1]);
		conv_lane lane;
		int32_t exp = -(int32_t)(lcg(&seed) % 19);
		conv_lane_init(&lane, &p, exp, &ctx);
		if (!lane.ok)
			continue;
		for (int k = 0; k < 8; k++) {
			uint64_t mag = lcg(&seed) >> (lcg(&seed) % 53);
			if (k == 0)
				mag = lane.limit;
			else if (k == 1 && lane.limit > 0)
				mag = lane.limit - lcg(&seed) % (lane.limit < 1000 ? lane.limit : 1000);
			else if (k == 2)
				mag = lane.limit + 1;
			bool negative = lcg(&seed) & 1;
			dec_int r1 = 0, r2 = 0;
			if (!conv_lane_apply(&lane, &r1, mag, negative)) {
				assert_true(mag > lane.limit);
				continue;
			}
			if (mag > 10000000000000000000u)
				continue; /* beyond the 19 digits an amount of the lane has */
			dec_t a = { negative ? -(dec_int)mag : (dec_int)mag, exp };
			assert_int_equal(conv_apply_general(&r2, &a, &p, &ctx), CONV_OK);
			assert_true(r1 == r2);
			answered++;
			near_limit += k < 2;
		}
	}
	print_message("lane: %d answers, %d near the limit\n", answered, near_limit);
	assert_true(answered > 250000);
	assert_true(near_limit > 80000);
}

/* value of a quote "X/USD" = coef * 10^exp, not inverse */
static rates_quote quote(dec_int coef, int32_t exp, bool exact)
{
	rates_quote q = { "XXX", { coef, exp }, false, NULL, NULL, exact, 0 };
	return q;
}

static bool uncertain(const char *amount, rates_quote *from, rates_quote *to, int precision)
{
	dec_t a;
	assert_int_equal(dec_parse_cstr(&a, amount), DEC_OK);
	rates_value one = { 1, 1, 0 };
	rates_value vf = from ? (rates_value){ (dec_uint)from->quote.coef, 1, from->quote.exp } : one;
	rates_value vt = to ? (rates_value){ (dec_uint)to->quote.coef, 1, to->quote.exp } : one;
	conv_pair p;
	conv_pair_init(&p, &vf, &vt);
	return conv_uncertain(&a, &p, from, to, precision);
}

static void uncertain_should_mark_digits_the_quotes_cannot_carry(void **state)
{
	(void)state;
	rates_quote uzs = quote(8, -5, false), kzt = quote(192, -5, false), kzt_exact = quote(192, -5, true);
	/* 1 000 000 UZS in KZT = 41 666.67: UZS/USD 0.00008 is good to 6.25% */
	assert_true(uncertain("1000000", &uzs, &kzt, 2));
	/* 1 USD = 520.83 KZT: 52083 > 192 units of the last digit */
	assert_true(uncertain("1", NULL, &kzt, 2));
	/* 0.001 USD = 0.52 KZT: 52 hundredths, the quote's 0.26% is 0.14 of one */
	assert_false(uncertain("0.001", NULL, &kzt, 2));
	/* the boundary: 192 KZT (M = 192) is not more than 192 units; 193 KZT is */
	assert_false(uncertain("0.36864", NULL, &kzt, 0));
	assert_true(uncertain("0.37056", NULL, &kzt, 0));
	/* exact quotes, the base, a peg at par: never */
	assert_false(uncertain("1000000", &kzt_exact, NULL, 2));
	rates_quote par = quote(1, 0, false);
	assert_false(uncertain("123456789", &par, NULL, 6));
	/* both sides: H = 8 * 192 / 200 = 7.68 units; UZS/KZT = 1/24 */
	assert_false(uncertain("0.0018432", &uzs, &kzt, 5));
	assert_true(uncertain("0.0018456", &uzs, &kzt, 5));
	char text[32];
	assert_true(conv_uncertainty_text(text, sizeof text, &uzs, NULL, 2) > 0);
	assert_string_equal(text, "0.063");
	assert_true(conv_uncertainty_text(text, sizeof text, &uzs, &kzt, 2) > 0);
	assert_string_equal(text, "0.065");
	assert_true(conv_uncertainty_text(text, sizeof text, &kzt_exact, NULL, 2) > 0);
	assert_string_equal(text, "0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(convert_should_give_the_issue_examples),
		cmocka_unit_test(convert_should_keep_reciprocal_quotes_exact),
		cmocka_unit_test(convert_should_round_ties_by_mode),
		cmocka_unit_test(convert_should_never_give_negative_zero),
		cmocka_unit_test(convert_should_report_results_out_of_range),
		cmocka_unit_test(convert_should_round_vanishing_amounts_by_mode),
		cmocka_unit_test(convert_should_handle_the_widest_rates),
		cmocka_unit_test(pair_should_equal_the_one_shot_conversion),
		cmocka_unit_test(fast_path_should_agree_with_the_general_path),
		cmocka_unit_test(lane_should_agree_with_the_general_path),
		cmocka_unit_test(uncertain_should_mark_digits_the_quotes_cannot_carry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
