/* test_currency.c - the ISO 4217 table, code validation and case-insensitive look-up. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "sarraf/currency.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Codes that must be refused everywhere: not exactly three ASCII letters. */
static const char *const invalid_codes[] = {
	"",
	"K",
	"KZ",
	"KZTT",
	"K1T",
	"KZ ",
	" KZ",
	"KZT ",
	"K-T",
	"KZ\n",
	"\xd2\x9aZ\xd0\xa2",  /* "ҚZТ" in UTF-8: Cyrillic Қ and Т around a Latin Z */
	"K\xc9T",             /* Latin-1 É: not ASCII */
	"@ZT",                /* the byte before 'A' */
	"[ZT",                /* the byte after 'Z' */
	"`zt",                /* the byte before 'a' */
	"{zt",                /* the byte after 'z' */
};

static void table_should_be_sorted_without_duplicates(void **state)
{
	size_t n = currency_count();
	(void)state;
	assert_true(n > 0);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(currency_at(i - 1)->code, currency_at(i)->code) < 0);
	/* Numeric codes: no two entries share one. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_int_not_equal(currency_at(i)->numeric, currency_at(j)->numeric);
}

static void table_entries_should_be_well_formed(void **state)
{
	(void)state;
	for (size_t i = 0; i < currency_count(); i++) {
		const currency_info *ci = currency_at(i);
		char up[4];
		assert_non_null(ci);
		assert_true(currency_normalize(up, ci->code));
		assert_string_equal(up, ci->code); /* stored in upper case */
		assert_in_range(ci->numeric, 1, 999);
		assert_in_range(ci->minor, 0, 3);
		assert_non_null(ci->name);
		assert_true(ci->name[0] != '\0');
	}
}

static void at_should_return_null_past_the_end(void **state)
{
	(void)state;
	assert_null(currency_at(currency_count()));
	assert_null(currency_at((size_t)-1));
}

static void find_should_find_every_entry_by_its_code(void **state)
{
	(void)state;
	for (size_t i = 0; i < currency_count(); i++) {
		const currency_info *ci = currency_at(i);
		assert_ptr_equal(currency_find(ci->code), ci);
		assert_int_equal(currency_minor_units(ci->code), ci->minor);
		assert_ptr_equal(currency_name(ci->code), ci->name);
	}
}

static void find_should_ignore_case(void **state)
{
	(void)state;
	for (size_t i = 0; i < currency_count(); i++) {
		const currency_info *ci = currency_at(i);
		char lower[4], mixed[4];
		for (size_t k = 0; k < 4; k++) {
			lower[k] = ci->code[k] ? (char)(ci->code[k] - 'A' + 'a') : '\0';
			mixed[k] = k == 1 ? lower[k] : ci->code[k];
		}
		assert_ptr_equal(currency_find(lower), ci);
		assert_ptr_equal(currency_find(mixed), ci);
	}
}

static void find_should_give_the_iso_facts(void **state)
{
	static const struct {
		const char *code;
		unsigned short numeric;
		int minor;
		const char *name;
	} cases[] = {
		{ "USD", 840, 2, "US dollar" },
		{ "KGS", 417, 2, "Kyrgyzstani som" },
		{ "KZT", 398, 2, "Kazakhstani tenge" },
		{ "TJS", 972, 2, "Tajikistani somoni" },
		{ "UZS", 860, 2, "Uzbekistani sum" },
		{ "TMT", 934, 2, "Turkmenistan manat" },
		{ "RUB", 643, 2, "Russian ruble" },
		{ "CNY", 156, 2, "Chinese yuan" },
		{ "EUR", 978, 2, "Euro" },
		{ "TRY", 949, 2, "Turkish lira" },
		{ "AFN", 971, 2, "Afghan afghani" },
		{ "IRR", 364, 2, "Iranian rial" },
		{ "GBP", 826, 2, "Pound sterling" },
		{ "AMD", 51, 2, "Armenian dram" },
		{ "AUD", 36, 2, "Australian dollar" },
		{ "BHD", 48, 3, "Bahraini dinar" },
		{ "JPY", 392, 0, "Japanese yen" },
		{ "KRW", 410, 0, "South Korean won" },
		{ "VND", 704, 0, "Vietnamese dong" },
		{ "KWD", 414, 3, "Kuwaiti dinar" },
		{ "OMR", 512, 3, "Omani rial" },
		{ "JOD", 400, 3, "Jordanian dinar" },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		const currency_info *ci = currency_find(cases[k].code);
		assert_non_null(ci);
		assert_string_equal(ci->code, cases[k].code);
		assert_int_equal(ci->numeric, cases[k].numeric);
		assert_int_equal(ci->minor, cases[k].minor);
		assert_string_equal(ci->name, cases[k].name);
		assert_int_equal(currency_minor_units(cases[k].code), cases[k].minor);
		assert_string_equal(currency_name(cases[k].code), cases[k].name);
	}
}

static void find_should_return_null_for_an_unlisted_valid_code(void **state)
{
	/* Well-formed codes that are not in the table, including both ends of the alphabet. */
	static const char *const cases[] = { "KZX", "XXX", "AAA", "ZZZ", "usx", "XAU" };
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		assert_true(currency_code_valid(cases[k]));
		assert_null(currency_find(cases[k]));
		assert_null(currency_name(cases[k]));
		assert_int_equal(currency_minor_units(cases[k]), CURRENCY_DEFAULT_MINOR);
	}
	assert_int_equal(CURRENCY_DEFAULT_MINOR, 2);
}

static void valid_should_accept_three_ascii_letters_in_any_case(void **state)
{
	static const char *const cases[] = { "KZT", "kzt", "Kzt", "kZT", "AAA", "zzz", "XYZ" };
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++)
		assert_true(currency_code_valid(cases[k]));
}

static void invalid_codes_should_be_rejected_everywhere(void **state)
{
	(void)state;
	for (size_t k = 0; k < COUNT(invalid_codes); k++) {
		const char *s = invalid_codes[k];
		char out[4] = "##!";
		assert_false(currency_code_valid(s));
		assert_false(currency_normalize(out, s));
		assert_memory_equal(out, "##!", 4); /* untouched */
		assert_null(currency_find(s));
		assert_null(currency_name(s));
		assert_int_equal(currency_minor_units(s), CURRENCY_DEFAULT_MINOR);
	}
}

static void null_should_be_rejected_everywhere(void **state)
{
	char out[4] = "##!";
	(void)state;
	assert_false(currency_code_valid(NULL));
	assert_false(currency_normalize(out, NULL));
	assert_memory_equal(out, "##!", 4);
	assert_null(currency_find(NULL));
	assert_null(currency_name(NULL));
	assert_int_equal(currency_minor_units(NULL), CURRENCY_DEFAULT_MINOR);
}

static void valid_should_stop_at_an_embedded_nul(void **state)
{
	/* An array holding "KZ\0T": as a C string it is "KZ", two letters. */
	static const char kz_nul_t[] = { 'K', 'Z', '\0', 'T', '\0' };
	(void)state;
	assert_false(currency_code_valid(kz_nul_t));
	assert_null(currency_find(kz_nul_t));
}

static void normalize_should_upper_case(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{ "kzt", "KZT" },
		{ "KZT", "KZT" },
		{ "uSd", "USD" },
		{ "inr", "INR" }, /* 'i' -> 'I' whatever the locale (Turkish toupper differs) */
		{ "azn", "AZN" },
		{ "xyz", "XYZ" }, /* unlisted codes normalize too */
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char out[4] = "##!";
		assert_true(currency_normalize(out, cases[k].in));
		assert_string_equal(out, cases[k].out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_should_be_sorted_without_duplicates),
		cmocka_unit_test(table_entries_should_be_well_formed),
		cmocka_unit_test(at_should_return_null_past_the_end),
		cmocka_unit_test(find_should_find_every_entry_by_its_code),
		cmocka_unit_test(find_should_ignore_case),
		cmocka_unit_test(find_should_give_the_iso_facts),
		cmocka_unit_test(find_should_return_null_for_an_unlisted_valid_code),
		cmocka_unit_test(valid_should_accept_three_ascii_letters_in_any_case),
		cmocka_unit_test(invalid_codes_should_be_rejected_everywhere),
		cmocka_unit_test(null_should_be_rejected_everywhere),
		cmocka_unit_test(valid_should_stop_at_an_embedded_nul),
		cmocka_unit_test(normalize_should_upper_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
