/* test_decimal.c - the strict parser, the formatter and the rounding decision. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "sarraf/decimal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A coefficient given as a string, so that 38-digit values can be written. */
static dec_int coef_of(const char *s)
{
	dec_int v = 0;
	int neg = *s == '-';
	for (s += neg; *s; s++)
		v = v * 10 + (*s - '0');
	return neg ? -v : v;
}

static void parse_should_accept_the_spec_forms(void **state)
{
	static const struct {
		const char *in;
		const char *coef;
		int exp;
	} cases[] = {
		{ "1234.56", "123456", -2 },
		{ "-0.5", "-5", -1 },
		{ ".75", "75", -2 },
		{ "5.", "5", 0 },
		{ "+12", "12", 0 },
		{ "1e6", "1", 6 },
		{ "2.5E-3", "25", -4 },
		{ "1.50", "150", -2 },
		{ "0", "0", 0 },
		{ "0.00", "0", -2 },
		{ "-0", "0", 0 },
		{ "000123", "123", 0 },
		{ "0.00008", "8", -5 },
		{ "99999999999999999999.999999999999999999", "99999999999999999999999999999999999999", -18 },
		{ "12850.50", "1285050", -2 },
		{ "1e+2", "1", 2 },
		{ "1e-999999999", "0", 0 }, /* checked below: out of range, not zero */
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases) - 1; k++) {
		dec_t d;
		assert_int_equal(dec_parse_cstr(&d, cases[k].in), DEC_OK);
		assert_true(d.coef == coef_of(cases[k].coef));
		assert_int_equal(d.exp, cases[k].exp);
	}
}

static void parse_should_reject_everything_else(void **state)
{
	static const char *bad[] = {
		"", "-", "+", ".", "1,5", "12abc", "--5", "1.2.3", "nan", "inf", "NaN", "Infinity",
		"0x10", " 1", "1 ", "1e", "1e+", "e5", "1_000", "1,234,567.89", "+-1", "1..2", "١٢",
		"1e5.5", "--", "-.e1", "12\n",
		/* a long exponent and then more: not a number, not "out of range" (found by fuzz_decimal) */
		"2.5E-3000000000000x", "1e1234567890-3", "1e9999999999.5",
	};
	(void)state;
	for (size_t k = 0; k < COUNT(bad); k++) {
		dec_t d;
		assert_int_equal(dec_parse_cstr(&d, bad[k]), DEC_SYNTAX);
	}
}

static void parse_should_refuse_what_does_not_fit(void **state)
{
	static const char *big[] = {
		"123456789012345678901234567890123456789", /* 39 significant digits */
		"1e1000000000",                            /* a 10-digit exponent */
		"1e999999",
		"1.000000000000000000000000000000000000001",
	};
	(void)state;
	for (size_t k = 0; k < COUNT(big); k++) {
		dec_t d;
		assert_int_equal(dec_parse_cstr(&d, big[k]), DEC_RANGE);
	}
}

static void parse_should_drop_trailing_zeros_only_to_fit(void **state)
{
	dec_t d;
	(void)state;
	/* 1 followed by 40 zeros after the point: the zeros change nothing. */
	assert_int_equal(dec_parse_cstr(&d, "1.0000000000000000000000000000000000000000"), DEC_OK);
	assert_true(d.coef == coef_of("10000000000000000000000000000000000000"));
	assert_int_equal(d.exp, -37);
}

static void parse_should_not_read_past_len(void **state)
{
	dec_t d;
	(void)state;
	assert_int_equal(dec_parse(&d, "12.5xyz", 4), DEC_OK);
	assert_true(d.coef == 125);
	assert_int_equal(d.exp, -1);
	assert_int_equal(dec_parse(&d, "12", 0), DEC_SYNTAX);
	assert_int_equal(dec_parse(&d, "1\0" "2", 3), DEC_SYNTAX); /* a NUL inside */
}

static void format_should_print_exactly_scale_digits(void **state)
{
	static const struct {
		const char *coef;
		int scale;
		const char *out;
	} cases[] = {
		{ "4166667", 2, "41666.67" },
		{ "0", 2, "0.00" },
		{ "0", 0, "0" },
		{ "-5", 2, "-0.05" },
		{ "5", 3, "0.005" },
		{ "-123", 0, "-123" },
		{ "1", 18, "0.000000000000000001" },
		{ "99999999999999999999999999999999999999", 18, "99999999999999999999.999999999999999999" },
		{ "-99999999999999999999999999999999999999", 0, "-99999999999999999999999999999999999999" },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char buf[DEC_STRING_MAX];
		int n = dec_format(buf, sizeof buf, coef_of(cases[k].coef), cases[k].scale);
		assert_string_equal(buf, cases[k].out);
		assert_int_equal(n, (int)strlen(cases[k].out));
	}
}

/*
 * The streams' formatter writes what dec_format writes: every digit count
 * and scale of its branch-free range (and both sides of its bounds), signs,
 * zero, and values at powers of ten and one below them.
 */
static void format_stream_should_write_what_format_writes(void **state)
{
	uint64_t s = 20261129;
	(void)state;
	for (int i = 0; i < 400000; i++) {
		s = s * 6364136223846793005u + 1442695040888963407u;
		uint64_t r = s >> 11;
		int digits = (int)(r % 19);          /* 0..18 digits: past the 16 it takes alone */
		int scale = (int)((r >> 5) % 11);    /* 0..10: past the 8 it takes alone */
		dec_uint p10 = 1;
		for (int k = 0; k < digits; k++)
			p10 *= 10;
		dec_uint mag;
		switch ((r >> 9) % 4) {
		case 0:
			mag = p10; /* a power of ten */
			break;
		case 1:
			mag = p10 - 1; /* all nines, or zero */
			break;
		default:
			mag = (dec_uint)(r >> 13) % p10;
		}
		dec_int coef = (r >> 12) & 1 ? -(dec_int)mag : (dec_int)mag;
		char want[DEC_STRING_MAX], got[DEC_STRING_MAX];
		int n = dec_format(want, sizeof want, coef, scale);
		memset(got, 'x', sizeof got);
		int m = dec_format_stream(got, coef, scale);
		assert_int_equal(m, n);
		assert_memory_equal(got, want, (size_t)n);
	}
}

static void format_should_report_a_small_buffer(void **state)
{
	char buf[5];
	(void)state;
	assert_int_equal(dec_format(buf, sizeof buf, 12345, 0), -1);
	assert_int_equal(dec_format(buf, sizeof buf, 1234, 0), 4);
	assert_int_equal(dec_format(buf, sizeof buf, 1, -1), -1);
}

static void to_string_should_round_trip_through_parse(void **state)
{
	static const char *cases[] = {
		"0.00192", "12850.50", "-0.5", "1e6", "2.5E-3", "0", "123456789012345678901234567890.12345678",
		"-99999999999999999999.999999999999999999", "7e-30",
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		dec_t a, b;
		char buf[DEC_STRING_MAX];
		assert_int_equal(dec_parse_cstr(&a, cases[k]), DEC_OK);
		assert_true(dec_to_string(buf, sizeof buf, &a) > 0);
		assert_int_equal(dec_parse_cstr(&b, buf), DEC_OK);
		/* The same value: digits kept as written, a positive exponent spelt out. */
		dec_int want = a.coef;
		for (int32_t e = a.exp; e > 0; e--)
			want *= 10;
		assert_true(b.coef == want);
		assert_int_equal(b.exp, a.exp > 0 ? 0 : a.exp);
	}
}

/*
 * The rounding decision at and around ties, both signs. Columns: mode,
 * then the increment for (negative?, q odd?, half) with inexact set.
 */
static void round_increment_should_follow_each_mode(void **state)
{
	static const struct {
		dec_round mode;
		/* below half, exactly half (q even), exactly half (q odd), above half: positive */
		int pos[4];
		int neg[4];
	} cases[] = {
		{ DEC_ROUND_HALF_UP, { 0, 1, 1, 1 }, { 0, 1, 1, 1 } },
		{ DEC_ROUND_HALF_EVEN, { 0, 0, 1, 1 }, { 0, 0, 1, 1 } },
		{ DEC_ROUND_HALF_DOWN, { 0, 0, 0, 1 }, { 0, 0, 0, 1 } },
		{ DEC_ROUND_UP, { 1, 1, 1, 1 }, { 1, 1, 1, 1 } },
		{ DEC_ROUND_DOWN, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } },
		{ DEC_ROUND_CEILING, { 1, 1, 1, 1 }, { 0, 0, 0, 0 } },
		{ DEC_ROUND_FLOOR, { 0, 0, 0, 0 }, { 1, 1, 1, 1 } },
	};
	static const struct {
		bool odd;
		int half;
	} where[4] = { { false, -1 }, { false, 0 }, { true, 0 }, { false, 1 } };
	(void)state;
	assert_int_equal(COUNT(cases), DEC_ROUND_COUNT);
	for (size_t k = 0; k < COUNT(cases); k++) {
		for (int w = 0; w < 4; w++) {
			assert_int_equal(dec_round_increment(cases[k].mode, false, where[w].odd, true, where[w].half),
			                 cases[k].pos[w]);
			assert_int_equal(dec_round_increment(cases[k].mode, true, where[w].odd, true, where[w].half),
			                 cases[k].neg[w]);
			/* An exact quotient is never moved. */
			assert_false(dec_round_increment(cases[k].mode, false, where[w].odd, false, -1));
			assert_false(dec_round_increment(cases[k].mode, true, where[w].odd, false, -1));
		}
	}
}

static void round_names_should_map_both_ways(void **state)
{
	static const char *names[] = { "half-up", "half-even", "half-down", "up", "down", "ceiling", "floor" };
	(void)state;
	for (size_t k = 0; k < COUNT(names); k++) {
		dec_round m;
		assert_true(dec_round_from_name(&m, names[k]));
		assert_string_equal(dec_round_name(m), names[k]);
	}
	dec_round m;
	assert_false(dec_round_from_name(&m, "HALF-UP"));
	assert_false(dec_round_from_name(&m, "bankers"));
	assert_false(dec_round_from_name(&m, ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_should_accept_the_spec_forms),
		cmocka_unit_test(parse_should_reject_everything_else),
		cmocka_unit_test(parse_should_refuse_what_does_not_fit),
		cmocka_unit_test(parse_should_drop_trailing_zeros_only_to_fit),
		cmocka_unit_test(parse_should_not_read_past_len),
		cmocka_unit_test(format_should_print_exactly_scale_digits),
		cmocka_unit_test(format_should_report_a_small_buffer),
		cmocka_unit_test(format_stream_should_write_what_format_writes),
		cmocka_unit_test(to_string_should_round_trip_through_parse),
		cmocka_unit_test(round_increment_should_follow_each_mode),
		cmocka_unit_test(round_names_should_map_both_ways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
