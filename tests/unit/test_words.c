/* test_words.c - amounts and currencies as people type them, and grouped output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "sarraf/currency.h"
#include "sarraf/decimal.h"
#include "sarraf/rates.h"
#include "sarraf/output.h"
#include "sarraf/words.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Lenient amount -> strict text, or the status that refuses it. */
static const struct {
	const char *in;
	words_status want;
	const char *strict;
} amount_cases[] = {
	/* Everything strict passes through untouched. */
	{ "1234.56", WORDS_OK, "1234.56" },
	{ "-0.5", WORDS_OK, "-0.5" },
	{ ".75", WORDS_OK, ".75" },
	{ "1e6", WORDS_OK, "1e6" },
	{ "2.5E-3", WORDS_OK, "2.5E-3" },
	{ "1.234", WORDS_OK, "1.234" }, /* the point is always the decimal point */
	/* Spaces and their Unicode kin. */
	{ "1 000", WORDS_OK, "1000" },
	{ "1 000 000", WORDS_OK, "1000000" },
	{ "-12 345.67", WORDS_OK, "-12345.67" },
	{ "+1 000", WORDS_OK, "+1000" },
	{ "1\xc2\xa0" "000", WORDS_OK, "1000" },                 /* U+00A0 */
	{ "1\xe2\x80\x89" "000\xe2\x80\x89" "000", WORDS_OK, "1000000" }, /* U+2009 */
	{ "1\xe2\x80\xaf" "000.5", WORDS_OK, "1000.5" },          /* U+202F */
	/* Apostrophes and underscores. */
	{ "1'000", WORDS_OK, "1000" },
	{ "1'000'000.25", WORDS_OK, "1000000.25" },
	{ "1\xe2\x80\x99" "000", WORDS_OK, "1000" },             /* U+2019 */
	{ "1_000", WORDS_OK, "1000" },
	/* Commas only where they cannot be a decimal comma. */
	{ "1,234.50", WORDS_OK, "1234.50" },
	{ "1,234,567", WORDS_OK, "1234567" },
	{ "1,234,567.89", WORDS_OK, "1234567.89" },
	{ "1,000.", WORDS_OK, "1000." },
	{ "1,234", WORDS_AMBIGUOUS, NULL },
	{ "12,500", WORDS_AMBIGUOUS, NULL },
	{ "-999,999", WORDS_AMBIGUOUS, NULL },
	/* A comma that can only be a decimal point is one. */
	{ "1,5", WORDS_OK, "1.5" },
	{ "0,25", WORDS_OK, "0.25" },
	{ "12,5", WORDS_OK, "12.5" },
	{ "1,50", WORDS_OK, "1.50" },
	{ "1,2345", WORDS_OK, "1.2345" },
	{ "-1,5", WORDS_OK, "-1.5" },
	{ "0,500", WORDS_OK, "0.500" },        /* a first group never starts with 0 */
	{ "1234,500", WORDS_OK, "1234.500" },  /* nor has four digits */
	{ "1 000,50", WORDS_OK, "1000.50" },   /* groups of another separator, then the comma */
	{ "1 000,500", WORDS_AMBIGUOUS, NULL }, /* a group more, its separators mixed? */
	{ "1\xc2\xa0" "500\xc2\xa0" "000,5", WORDS_OK, "1500000.5" },
	{ "1'000,5", WORDS_OK, "1000.5" },
	/* Malformed groups and everything the strict parser refuses. */
	{ "1,000,5", WORDS_SYNTAX, NULL },
	{ "1.000,50", WORDS_SYNTAX, NULL },
	{ "1,5.0", WORDS_SYNTAX, NULL },
	{ "1,5,0", WORDS_SYNTAX, NULL },
	{ "1 00,5", WORDS_SYNTAX, NULL },
	{ "1 000'000", WORDS_SYNTAX, NULL },  /* one separator throughout */
	{ "1  000", WORDS_SYNTAX, NULL },
	{ "1000 000", WORDS_SYNTAX, NULL },   /* a first group of four */
	{ "0 000", WORDS_SYNTAX, NULL },
	{ "01 000", WORDS_SYNTAX, NULL },
	{ "1 00", WORDS_SYNTAX, NULL },
	{ "1 0000", WORDS_SYNTAX, NULL },
	{ " 1000", WORDS_SYNTAX, NULL },
	{ "1000 ", WORDS_SYNTAX, NULL },
	{ "1 000 ", WORDS_SYNTAX, NULL },
	{ "1 000.5 00", WORDS_SYNTAX, NULL },
	{ "1 000e3", WORDS_SYNTAX, NULL },
	{ "1.000.000", WORDS_SYNTAX, NULL },
	{ "1.2.3", WORDS_SYNTAX, NULL },
	{ "12abc", WORDS_SYNTAX, NULL },
	{ "--5", WORDS_SYNTAX, NULL },
	{ "nan", WORDS_SYNTAX, NULL },
	{ "inf", WORDS_SYNTAX, NULL },
	{ "0x10", WORDS_SYNTAX, NULL },
	{ "", WORDS_SYNTAX, NULL },
	{ ",", WORDS_SYNTAX, NULL },
	{ "1,", WORDS_SYNTAX, NULL },
	{ ",000", WORDS_SYNTAX, NULL },
	{ "1\xe2\x80" "000", WORDS_SYNTAX, NULL },  /* a truncated UTF-8 separator */
};

static void amount_text_should_take_only_unambiguous_forms(void **state)
{
	(void)state;
	for (size_t k = 0; k < COUNT(amount_cases); k++) {
		char out[WORDS_AMOUNT_MAX];
		const char *in = amount_cases[k].in;
		words_status st = words_amount_text(out, in, strlen(in), WORDS_COMMA_AUTO);
		if (st != amount_cases[k].want)
			fail_msg("'%s': status %d, want %d", in, (int)st, (int)amount_cases[k].want);
		if (st == WORDS_OK) {
			dec_t d;
			assert_string_equal(out, amount_cases[k].strict);
			assert_int_equal(dec_parse_cstr(&d, out), DEC_OK);
		}
	}
}

static void amount_text_should_refuse_overlong_input(void **state)
{
	char in[WORDS_INPUT_MAX + 2], out[WORDS_AMOUNT_MAX];
	(void)state;
	memset(in, '1', sizeof in - 1);
	in[sizeof in - 1] = '\0';
	assert_int_equal(words_amount_text(out, in, strlen(in), WORDS_COMMA_AUTO), WORDS_SYNTAX);
}

/* --decimal-comma: the comma is the decimal point, a point is refused. */
static const struct {
	const char *in;
	words_status want;
	const char *strict;
} decimal_comma_cases[] = {
	{ "1,500", WORDS_OK, "1.500" },
	{ "1,5", WORDS_OK, "1.5" },
	{ "-0,25", WORDS_OK, "-0.25" },
	{ "1500000", WORDS_OK, "1500000" },
	{ "1,5e3", WORDS_OK, "1.5e3" },
	{ "1e6", WORDS_OK, "1e6" },
	{ "1 500 000,50", WORDS_OK, "1500000.50" },
	{ "1 500", WORDS_OK, "1500" },
	{ "1.5", WORDS_SYNTAX, NULL },
	{ ".5", WORDS_SYNTAX, NULL },
	{ "1,234.50", WORDS_SYNTAX, NULL },
	{ "1,500,000", WORDS_SYNTAX, NULL },
	{ "1,5,", WORDS_SYNTAX, NULL },
	{ ",5", WORDS_OK, ".5" },      /* as ".5" is without it */
};

static void amount_text_should_read_a_decimal_comma_when_told(void **state)
{
	(void)state;
	for (size_t k = 0; k < COUNT(decimal_comma_cases); k++) {
		char out[WORDS_AMOUNT_MAX];
		const char *in = decimal_comma_cases[k].in;
		words_status st = words_amount_text(out, in, strlen(in), WORDS_COMMA_DECIMAL);
		if (st != decimal_comma_cases[k].want)
			fail_msg("'%s': status %d, want %d", in, (int)st, (int)decimal_comma_cases[k].want);
		if (st == WORDS_OK)
			assert_string_equal(out, decimal_comma_cases[k].strict);
	}
}

/* Operands as typed -> amount, glued currency, operands used. */
static const struct {
	const char *args[4];
	int n;
	words_status want;
	const char *amount, *currency;
	int used;
} operand_cases[] = {
	{ { "100", "KZT", "USD" }, 3, WORDS_OK, "100", "", 1 },
	{ { "100kzt", "USD" }, 2, WORDS_OK, "100", "kzt", 1 },
	{ { "100KZT" }, 1, WORDS_OK, "100", "KZT", 1 },
	{ { "\xe2\x82\xb8" "1500" }, 1, WORDS_OK, "1500", "\xe2\x82\xb8", 1 },      /* ₸1500 */
	{ { "1500\xe2\x82\xb8" }, 1, WORDS_OK, "1500", "\xe2\x82\xb8", 1 },         /* 1500₸ */
	{ { "1 500 \xe2\x82\xb8" }, 1, WORDS_OK, "1500", "\xe2\x82\xb8", 1 },       /* 1 500 ₸ */
	{ { "$5" }, 1, WORDS_OK, "5", "$", 1 },
	{ { "-$5" }, 1, WORDS_OK, "-5", "$", 1 },
	{ { "$-5" }, 1, WORDS_OK, "-5", "$", 1 },
	{ { "-5kzt" }, 1, WORDS_OK, "-5", "kzt", 1 },
	{ { "5 000 \xd1\x81\xd1\x83\xd0\xbc" }, 1, WORDS_OK, "5000", "\xd1\x81\xd1\x83\xd0\xbc", 1 },
	{ { "100so'm" }, 1, WORDS_OK, "100", "so'm", 1 },
	{ { "1e6uzs" }, 1, WORDS_OK, "1e6", "uzs", 1 },
	{ { "1", "000", "000", "UZS" }, 4, WORDS_OK, "1000000", "", 3 },
	{ { "5", "000", "\xd1\x81\xd1\x83\xd0\xbc", "KZT" }, 4, WORDS_OK, "5000", "", 2 },
	{ { "1", "000.50", "KZT" }, 3, WORDS_OK, "1000.50", "", 2 },
	{ { "1", "000kzt", "USD" }, 3, WORDS_OK, "1000", "kzt", 2 },
	{ { "-1", "000", "KZT" }, 3, WORDS_OK, "-1000", "", 2 },
	{ { "100", "200", "USD" }, 3, WORDS_OK, "100200", "", 2 },
	{ { "1,234.50", "KZT" }, 2, WORDS_OK, "1234.50", "", 1 },
	{ { "1", "0000", "KZT" }, 3, WORDS_OK, "1", "", 1 },   /* four digits do not continue */
	{ { "1", "00", "KZT" }, 3, WORDS_OK, "1", "", 1 },
	{ { "12abc" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "100xau" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },       /* not a currency sarraf knows by name */
	{ { "$100kzt" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "--5" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "-$-5" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "kzt" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "- 5" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "5 " }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "1,234kzt" }, 1, WORDS_AMBIGUOUS, NULL, NULL, 0 },
	{ { "1,5kzt" }, 1, WORDS_OK, "1.5", "kzt", 1 },
	{ { "1", "000,50", "KZT" }, 3, WORDS_OK, "1000.50", "", 2 },
	/* Multipliers, glued or apart, exact: the point moves. */
	{ { "2k" }, 1, WORDS_OK, "2000", "", 1 },
	{ { "2K", "USD" }, 2, WORDS_OK, "2000", "", 1 },
	{ { "1.5", "\xd0\xbc\xd0\xbb\xd0\xbd", "UZS" }, 3, WORDS_OK, "1500000", "", 2 },     /* 1.5 млн */
	{ { "1,5\xd0\xbc\xd0\xbb\xd0\xbd" }, 1, WORDS_OK, "1500000", "", 1 },               /* 1,5млн */
	{ { "1,5 \xd0\x9c\xd0\x9b\xd0\x9d" }, 1, WORDS_OK, "1500000", "", 1 },              /* 1,5 МЛН */
	{ { "5 \xd1\x82\xd1\x8b\xd1\x81. \xd1\x81\xd1\x83\xd0\xbc" }, 1, WORDS_OK, "5000",
	    "\xd1\x81\xd1\x83\xd0\xbc", 1 },                                              /* 5 тыс. сум */
	{ { "5", "\xd1\x82\xd1\x8b\xd1\x81", "KZT" }, 3, WORDS_OK, "5000", "", 2 },          /* тыс */
	{ { "2", "\xd0\xbc\xd1\x8b\xd2\xa3" }, 2, WORDS_OK, "2000", "", 2 },                 /* мың */
	{ { "3", "mlrd" }, 2, WORDS_OK, "3000000000", "", 2 },
	{ { "3", "\xd0\xbc\xd0\xbb\xd1\x80\xd0\xb4" }, 2, WORDS_OK, "3000000000", "", 2 },  /* млрд */
	{ { "7", "ming", "UZS" }, 3, WORDS_OK, "7000", "", 2 },
	{ { "0.25bn" }, 1, WORDS_OK, "250000000", "", 1 },
	{ { "1 billion" }, 1, WORDS_OK, "1000000000", "", 1 },
	{ { "2 thousand" }, 1, WORDS_OK, "2000", "", 1 },
	{ { "1.5M" }, 1, WORDS_OK, "1500000", "", 1 },
	{ { "1.5 million" }, 1, WORDS_OK, "1500000", "", 1 },
	{ { "1.5mln" }, 1, WORDS_OK, "1500000", "", 1 },
	{ { "-0.0000001k" }, 1, WORDS_OK, "-0.0001", "", 1 },
	{ { ".5k" }, 1, WORDS_OK, "500", "", 1 },
	{ { "1.23456789k" }, 1, WORDS_OK, "1234.56789", "", 1 },
	{ { "1", "000", "k" }, 3, WORDS_OK, "1000000", "", 3 },
	{ { "$2k" }, 1, WORDS_OK, "2000", "$", 1 },
	{ { "2k$" }, 1, WORDS_OK, "2000", "$", 1 },
	{ { "2kUZS" }, 1, WORDS_OK, "2000", "UZS", 1 },
	{ { "1.5 mln \xd1\x81\xd1\x83\xd0\xbc" }, 1, WORDS_OK, "1500000", "\xd1\x81\xd1\x83\xd0\xbc", 1 },
	{ { "5kzt" }, 1, WORDS_OK, "5", "kzt", 1 },        /* a currency first: never 5k "zt" */
	{ { "5manat" }, 1, WORDS_OK, "5", "manat", 1 },    /* never 5m "anat" */
	{ { "1,500", "\xd0\xbc\xd0\xbb\xd0\xbd" }, 2, WORDS_AMBIGUOUS, NULL, NULL, 0 },
	{ { "1e3k" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "2kk" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "2k " }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "$2k", "kzt" }, 2, WORDS_OK, "2000", "$", 1 },  /* "kzt" is the next operand, FROM */
	{ { "$2 kzt" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
	{ { "k" }, 1, WORDS_SYNTAX, NULL, NULL, 0 },
};

static void operands_should_split_glued_currencies_and_join_groups(void **state)
{
	(void)state;
	for (size_t k = 0; k < COUNT(operand_cases); k++) {
		words_operand_t o;
		words_status st = words_operands(&o, (char *const *)operand_cases[k].args,
		                                 operand_cases[k].n, WORDS_COMMA_AUTO);
		if (st != operand_cases[k].want)
			fail_msg("case %zu '%s': status %d, want %d", k, operand_cases[k].args[0], (int)st,
			         (int)operand_cases[k].want);
		if (st != WORDS_OK)
			continue;
		assert_string_equal(o.amount, operand_cases[k].amount);
		assert_string_equal(o.currency, operand_cases[k].currency);
		assert_int_equal(o.used, operand_cases[k].used);
	}
}

static void operands_should_name_what_was_typed(void **state)
{
	static char one[] = "1", thousand[] = "000,5.0", kzt[] = "KZT";
	char *args[] = { one, thousand, kzt };
	words_operand_t o;
	(void)state;
	assert_int_equal(words_operands(&o, args, 3, WORDS_COMMA_AUTO), WORDS_SYNTAX);
	assert_string_equal(o.text, "1 000,5.0");
	char big[WORDS_INPUT_MAX + 10];
	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	char *args2[] = { big };
	assert_int_equal(words_operands(&o, args2, 1, WORDS_COMMA_AUTO), WORDS_SYNTAX);
	assert_true(strlen(o.text) <= WORDS_INPUT_MAX);
	/* the multiplier is part of what was typed */
	static char amount[] = "1,500", mln[] = "mln";
	char *args3[] = { amount, mln };
	assert_int_equal(words_operands(&o, args3, 2, WORDS_COMMA_AUTO), WORDS_AMBIGUOUS);
	assert_string_equal(o.text, "1,500 mln");
	assert_int_equal(words_operands(&o, args3, 2, WORDS_COMMA_DECIMAL), WORDS_OK);
	assert_string_equal(o.amount, "1500000");
	assert_int_equal(o.exp, 6);
}

/* The longest amount with the most zeros a multiplier adds still fits, and reads back. */
static void operands_should_multiply_long_amounts_exactly(void **state)
{
	char big[WORDS_INPUT_MAX - 8];
	words_operand_t o;
	(void)state;
	memset(big, '9', sizeof big - 5);
	memcpy(big + sizeof big - 5, "mlrd", 5);
	char *args[] = { big };
	assert_int_equal(words_operands(&o, args, 1, WORDS_COMMA_AUTO), WORDS_OK);
	assert_int_equal(strlen(o.amount), sizeof big - 5 + 9);
	assert_memory_equal(o.amount + sizeof big - 5, "000000000", 9);
}

/* No multiplier is a currency word or an ISO code: "1.5 m USD" never reads m as a currency. */
static void multipliers_should_never_be_currencies(void **state)
{
	(void)state;
	assert_true(words_multiplier_count() >= 14);
	for (size_t k = 0; k < words_multiplier_count(); k++) {
		int exp = 0;
		const char *w = words_multiplier_at(k, &exp);
		char folded[WORDS_INPUT_MAX + 1];
		assert_non_null(w);
		assert_true(exp == 3 || exp == 6 || exp == 9);
		assert_true(words_fold(folded, sizeof folded, w, strlen(w)) > 0);
		assert_string_equal(folded, w);
		assert_false(words_is_currency(w, strlen(w)));
		char upper[4] = "";
		if (strlen(w) == 3) {
			for (int i = 0; i < 3; i++)
				upper[i] = (char)(w[i] >= 'a' && w[i] <= 'z' ? w[i] - 32 : w[i]);
			assert_null(currency_find(upper));
		}
	}
	int exp;
	assert_null(words_multiplier_at(words_multiplier_count(), &exp));
}

static void build_table(rates_table *t)
{
	static const char *const codes[] = { "KGS", "KZT", "TJS", "UZS", "TMT" };
	dec_t one = { 1, 0 };
	rates_init(t);
	memcpy(t->base, "USD", 4);
	for (size_t k = 0; k < COUNT(codes); k++)
		assert_true(rates_add(t, codes[k], &one, false));
}

/* A currency operand -> a code against a table of the six. */
static const struct {
	const char *in;
	words_status want;
	const char *code;  /* or the candidates, space-separated */
} currency_cases[] = {
	{ "KZT", WORDS_OK, "KZT" },
	{ "kzt", WORDS_OK, "KZT" },
	{ "Usd", WORDS_OK, "USD" },
	{ "\xe2\x82\xb8", WORDS_OK, "KZT" },                               /* ₸ */
	{ "tenge", WORDS_OK, "KZT" },
	{ "TENGE", WORDS_OK, "KZT" },
	{ "\xd0\xa2\xd0\x95\xd0\x9d\xd0\x93\xd0\x95", WORDS_OK, "KZT" },  /* ТЕНГЕ */
	{ "\xd1\x82\xd0\xb5\xd2\xa3\xd0\xb3\xd0\xb5", WORDS_OK, "KZT" },  /* теңге */
	{ "\xd0\xa2\xd0\x95\xd2\xa2\xd0\x93\xd0\x95", WORDS_OK, "KZT" },  /* ТЕҢГЕ */
	{ "\xd1\x81\xd0\xbe\xd0\xbc", WORDS_OK, "KGS" },                  /* сом */
	{ "\xd0\xa1\xd0\xbe\xd0\xbc", WORDS_OK, "KGS" },                  /* Сом */
	{ "\xe2\x83\x80", WORDS_OK, "KGS" },                              /* ⃀ */
	{ "\xd1\x81\xd1\x9e\xd0\xbc", WORDS_OK, "UZS" },                  /* сўм */
	{ "\xd0\xa1\xd0\x8e\xd0\x9c", WORDS_OK, "UZS" },                  /* СЎМ */
	{ "\xd1\x81\xd1\x83\xd0\xbc", WORDS_OK, "UZS" },                  /* сум */
	{ "so'm", WORDS_OK, "UZS" },
	{ "So'm", WORDS_OK, "UZS" },
	{ "so\xca\xbbm", WORDS_OK, "UZS" },                               /* soʻm (U+02BB) */
	{ "so\xe2\x80\x99m", WORDS_OK, "UZS" },                           /* so’m (U+2019) */
	{ "so`m", WORDS_OK, "UZS" },
	{ "sum", WORDS_OK, "UZS" },
	{ "somoni", WORDS_OK, "TJS" },
	{ "\xd0\xa1\xd0\x9e\xd0\x9c\xd0\x9e\xd0\x9d\xd3\xa2", WORDS_OK, "TJS" },  /* СОМОНӢ */
	{ "\xd1\x81\xd0\xbc\xd0\xbd", WORDS_OK, "TJS" },                  /* смн */
	{ "manat", WORDS_OK, "TMT" },
	{ "\xd0\x9c\xd0\xb0\xd0\xbd\xd0\xb0\xd1\x82", WORDS_OK, "TMT" },  /* Манат */
	{ "$", WORDS_OK, "USD" },
	{ "dollar", WORDS_OK, "USD" },
	{ "Dollars", WORDS_OK, "USD" },
	{ "\xd0\x94\xd0\xbe\xd0\xbb\xd0\xbb\xd0\xb0\xd1\x80", WORDS_OK, "USD" },  /* Доллар */
	{ "som", WORDS_AMBIGUOUS, "KGS UZS" },
	{ "SOM", WORDS_AMBIGUOUS, "KGS UZS" },
	{ "\xc2\xa5", WORDS_AMBIGUOUS, "CNY JPY" },                       /* ¥ */
	{ "euro", WORDS_UNKNOWN, "EUR" },
	{ "\xe2\x82\xbd", WORDS_UNKNOWN, "RUB" },                         /* ₽ */
	{ "XYZ", WORDS_UNKNOWN, "XYZ" },
	{ "KZ", WORDS_SYNTAX, NULL },
	{ "US1", WORDS_SYNTAX, NULL },
	{ "", WORDS_SYNTAX, NULL },
	{ "tenge ", WORDS_SYNTAX, NULL },
	{ "somm", WORDS_SYNTAX, NULL },
	{ "\xd1\x81\xd0", WORDS_SYNTAX, NULL },                           /* truncated UTF-8 */
	{ "\xc0\xaf", WORDS_SYNTAX, NULL },                               /* overlong '/' */
	{ "\xed\xa0\x80", WORDS_SYNTAX, NULL },                           /* a surrogate */
};

static void currency_should_resolve_codes_symbols_and_names(void **state)
{
	rates_table t;
	(void)state;
	build_table(&t);
	for (size_t k = 0; k < COUNT(currency_cases); k++) {
		words_currency_t c;
		const char *in = currency_cases[k].in;
		words_status st = words_currency(&c, in, strlen(in), &t);
		if (st != currency_cases[k].want)
			fail_msg("'%s': status %d, want %d", in, (int)st, (int)currency_cases[k].want);
		if (st == WORDS_OK) {
			assert_string_equal(c.code, currency_cases[k].code);
		} else if (st != WORDS_SYNTAX) {
			char joined[WORDS_MAX_CANDIDATES * 4 + 1] = "";
			for (size_t i = 0; i < c.ncandidates; i++) {
				if (i > 0)
					strcat(joined, " ");
				strcat(joined, c.candidates[i]);
			}
			assert_string_equal(joined, currency_cases[k].code);
		}
	}
	rates_destroy(&t);
}

static void currency_should_prefer_a_code_of_the_table(void **state)
{
	rates_table t;
	dec_t one = { 1, 0 };
	words_currency_t c;
	(void)state;
	rates_init(&t);
	memcpy(t.base, "USD", 4);
	assert_true(rates_add(&t, "SOM", &one, false));
	assert_int_equal(words_currency(&c, "som", 3, &t), WORDS_OK);
	assert_string_equal(c.code, "SOM");
	/* Without a table every well-formed code is taken, but words still come first. */
	assert_int_equal(words_currency(&c, "xyz", 3, NULL), WORDS_OK);
	assert_string_equal(c.code, "XYZ");
	assert_int_equal(words_currency(&c, "som", 3, NULL), WORDS_AMBIGUOUS);
	rates_destroy(&t);
}

static void word_list_should_be_folded_and_name_valid_codes(void **state)
{
	(void)state;
	assert_true(words_count() > 0);
	for (size_t k = 0; k < words_count(); k++) {
		const words_entry *w = words_at(k);
		char folded[WORDS_INPUT_MAX + 1];
		assert_non_null(w);
		assert_true(words_fold(folded, sizeof folded, w->word, strlen(w->word)) > 0);
		assert_string_equal(folded, w->word);
		/* Codes: "ABC" or "ABC DEF ...", each in the ISO list. */
		size_t n = strlen(w->codes);
		assert_int_equal(n % 4, 3);
		for (size_t i = 0; i < n; i += 4) {
			char code[4];
			memcpy(code, w->codes + i, 3);
			code[3] = '\0';
			assert_non_null(currency_find(code));
			if (i + 3 < n)
				assert_int_equal(w->codes[i + 3], ' ');
		}
		for (size_t j = k + 1; j < words_count(); j++)
			assert_string_not_equal(w->word, words_at(j)->word);
	}
	assert_null(words_at(words_count()));
}

static void fold_should_lower_ascii_and_cyrillic_only(void **state)
{
	char out[64];
	(void)state;
	/* "ҚАЗАҚСТАН Ёё ЎЪ ӀЖ" */
	const char *in = "\xd2\x9a\xd0\x90\xd0\x97\xd0\x90\xd2\x9a\xd0\xa1\xd0\xa2\xd0\x90\xd0\x9d "
	                 "\xd0\x81\xd1\x91 \xd0\x8e\xd0\xaa \xd3\x80\xd3\x81";
	const char *want = "\xd2\x9b\xd0\xb0\xd0\xb7\xd0\xb0\xd2\x9b\xd1\x81\xd1\x82\xd0\xb0\xd0\xbd "
	                   "\xd1\x91\xd1\x91 \xd1\x9e\xd1\x8a \xd3\x8f\xd3\x82";
	assert_true(words_fold(out, sizeof out, in, strlen(in)) > 0);
	assert_string_equal(out, want);
	assert_true(words_fold(out, sizeof out, "AbZ-1", 5) == 5);
	assert_string_equal(out, "abz-1");
	/* Other scripts are left alone: Greek capital alpha. */
	assert_true(words_fold(out, sizeof out, "\xce\x91", 2) == 2);
	assert_string_equal(out, "\xce\x91");
	/* Too small an output, and a NUL inside. */
	assert_int_equal(words_fold(out, 3, "abc", 3), -1);
	assert_int_equal(words_fold(out, sizeof out, "a\0b", 3), -1);
}

static const struct {
	const char *plain, *sep, *want;
} group_cases[] = {
	{ "0", " ", "0" },
	{ "12", " ", "12" },
	{ "123", " ", "123" },
	{ "1000", " ", "1 000" },
	{ "41666.67", " ", "41 666.67" },
	{ "1000000", " ", "1 000 000" },
	{ "-1234567.891", " ", "-1 234 567.891" },
	{ "-0.05", " ", "-0.05" },
	{ "99999999999999999999.99", ",", "99,999,999,999,999,999,999.99" },
	{ "1250000.00", "\xe2\x80\xaf", "1\xe2\x80\xaf" "250\xe2\x80\xaf" "000.00" },
};

static void group_should_separate_thousands_of_the_integer_part(void **state)
{
	(void)state;
	for (size_t k = 0; k < COUNT(group_cases); k++) {
		char out[DEC_STRING_MAX * 2];
		int n = out_group(out, sizeof out, group_cases[k].plain, group_cases[k].sep);
		assert_int_equal(n, (int)strlen(group_cases[k].want));
		assert_string_equal(out, group_cases[k].want);
		/* What we print with blanks, we read back. */
		if (strcmp(group_cases[k].sep, ",") != 0) {
			char back[WORDS_AMOUNT_MAX];
			assert_int_equal(words_amount_text(back, out, strlen(out), WORDS_COMMA_AUTO), WORDS_OK);
			assert_string_equal(back, group_cases[k].plain);
		}
	}
	char small[6];
	assert_int_equal(out_group(small, sizeof small, "123456", " "), -1);
	assert_int_equal(out_group(small, sizeof small, "12345", " "), -1);
	assert_int_equal(out_group(small, sizeof small, "1234", " "), 5);
}

static void width_should_count_code_points(void **state)
{
	(void)state;
	assert_int_equal(out_width(""), 0);
	assert_int_equal(out_width("1 000"), 5);
	assert_int_equal(out_width("1\xe2\x80\xaf" "000"), 5);
	assert_int_equal(out_width("\xd1\x81\xd1\x83\xd0\xbc"), 3);
}

static void env_utf8_should_follow_the_first_set_variable(void **state)
{
	(void)state;
	assert_false(out_env_utf8(NULL, NULL, NULL));
	assert_true(out_env_utf8(NULL, NULL, "en_US.UTF-8"));
	assert_true(out_env_utf8(NULL, NULL, "C.utf8"));
	assert_true(out_env_utf8("", "", "ru_RU.Utf-8"));
	assert_false(out_env_utf8("C", NULL, "en_US.UTF-8"));
	assert_false(out_env_utf8(NULL, "POSIX", "C.UTF-8"));
	assert_true(out_env_utf8(NULL, "kk_KZ.UTF-8", "C"));
	assert_false(out_env_utf8(NULL, NULL, "ru_RU.KOI8-R"));
	assert_false(out_env_utf8(NULL, NULL, "utf"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(amount_text_should_take_only_unambiguous_forms),
		cmocka_unit_test(amount_text_should_refuse_overlong_input),
		cmocka_unit_test(operands_should_split_glued_currencies_and_join_groups),
		cmocka_unit_test(amount_text_should_read_a_decimal_comma_when_told),
		cmocka_unit_test(operands_should_name_what_was_typed),
		cmocka_unit_test(operands_should_multiply_long_amounts_exactly),
		cmocka_unit_test(multipliers_should_never_be_currencies),
		cmocka_unit_test(currency_should_resolve_codes_symbols_and_names),
		cmocka_unit_test(currency_should_prefer_a_code_of_the_table),
		cmocka_unit_test(word_list_should_be_folded_and_name_valid_codes),
		cmocka_unit_test(fold_should_lower_ascii_and_cyrillic_only),
		cmocka_unit_test(group_should_separate_thousands_of_the_integer_part),
		cmocka_unit_test(width_should_count_code_points),
		cmocka_unit_test(env_utf8_should_follow_the_first_set_variable),
	};
	return cmocka_run_group_tests_name("words", tests, NULL, NULL);
}
