/*
 * test_load.c - JSON text -> rate table (every rule of SPEC "Rate tables",
 * every error message) and reading a table from files, directories and pipes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sarraf/load.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_QUOTES 6

/* Where the fixtures are, relative to the repository root (make runs the tests there). */
#define FIXTURES "tests/fixtures/tables/"

/* A coefficient given as a string, so that long values can be written. */
static dec_int coef_of(const char *s)
{
	dec_int v = 0;
	for (; *s; s++)
		v = v * 10 + (*s - '0');
	return v;
}

typedef struct {
	const char *code;
	const char *coef;
	int32_t exp;
	bool inverse;
} want_quote;

/* A coefficient as text, for failure messages. */
static const char *coef_text(char buf[48], dec_int v)
{
	char tmp[48];
	size_t n = 0;
	dec_uint m = v < 0 ? -(dec_uint)v : (dec_uint)v;
	do
		tmp[n++] = (char)('0' + (int)(m % 10));
	while ((m /= 10) != 0);
	size_t k = 0;
	if (v < 0)
		buf[k++] = '-';
	while (n > 0)
		buf[k++] = tmp[--n];
	buf[k] = '\0';
	return buf;
}

static void assert_quotes(const char *label, const rates_table *t, const want_quote *want)
{
	size_t n = 0;
	while (n < MAX_QUOTES && want[n].code != NULL)
		n++;
	if (t->count != n)
		fail_msg("%s: %zu quotes, want %zu", label, t->count, n);
	for (size_t k = 0; k < n; k++) {
		const rates_quote *q = &t->quotes[k];
		char got[48];
		if (strcmp(q->code, want[k].code) != 0 || q->quote.coef != coef_of(want[k].coef) ||
		    q->quote.exp != want[k].exp || q->inverse != want[k].inverse)
			fail_msg("%s: quote %zu is %s %s e%d%s, want %s %s e%d%s", label, k, q->code,
			         coef_text(got, q->quote.coef), (int)q->quote.exp,
			         q->inverse ? " (inverse)" : "", want[k].code, want[k].coef,
			         (int)want[k].exp, want[k].inverse ? " (inverse)" : "");
	}
}

static void assert_empty(const rates_table *t)
{
	assert_string_equal(t->base, "");
	assert_null(t->source);
	assert_null(t->date);
	assert_null(t->origin);
	assert_int_equal(t->count, 0);
	assert_null(t->quotes);
}

static void load_should_accept_valid_tables(void **state)
{
	static const struct {
		const char *name;
		const char *json;
		const char *base;
		want_quote quotes[MAX_QUOTES + 1];
	} cases[] = {
		{ "base on the right",
		  "{\"base\":\"USD\",\"quotes\":{\"KZT/USD\":\"0.00192\",\"UZS/USD\":\"0.00008\"}}",
		  "USD", { { "KZT", "192", -5, false }, { "UZS", "8", -5, false } } },
		{ "base on the left",
		  "{\"base\":\"USD\",\"quotes\":{\"USD/UZS\":\"12850.50\",\"USD/KZT\":\"520.83\"}}",
		  "USD", { { "UZS", "1285050", -2, true }, { "KZT", "52083", -2, true } } },
		{ "base on either side",
		  "{\"base\":\"USD\",\"quotes\":{\"USD/UZS\":\"12850.50\",\"KZT/USD\":\"0.00192\"}}",
		  "USD", { { "UZS", "1285050", -2, true }, { "KZT", "192", -5, false } } },
		{ "codes in any case, base given in lower case",
		  "{\"base\":\"usd\",\"quotes\":{\"kzt/Usd\":\"0.00192\",\"usd/uzs\":\"12850.5\"}}",
		  "USD", { { "KZT", "192", -5, false }, { "UZS", "128505", -1, true } } },
		{ "base implied by every pair",
		  "{\"quotes\":{\"KZT/USD\":\"0.00192\",\"USD/UZS\":\"12850.50\",\"TJS/USD\":\"0.10134\"}}",
		  "USD", { { "KZT", "192", -5, false }, { "UZS", "1285050", -2, true },
		           { "TJS", "10134", -5, false } } },
		{ "base implied, first pair the other way",
		  "{\"quotes\":{\"USD/KZT\":\"520.83\",\"UZS/KZT\":\"0.0405\"}}",
		  "KZT", { { "USD", "52083", -2, false }, { "UZS", "405", -4, false } } },
		{ "one pair: the base is the unit of the value",
		  "{\"quotes\":{\"KZT/USD\":\"0.00192\"}}",
		  "USD", { { "KZT", "192", -5, false } } },
		{ "one pair, base on the left: still the unit of the value",
		  "{\"quotes\":{\"USD/UZS\":\"12850.50\"}}",
		  "UZS", { { "USD", "1285050", -2, false } } },
		{ "a base that is not USD",
		  "{\"base\":\"UZS\",\"quotes\":{\"USD/UZS\":\"12850.50\",\"KZT/UZS\":\"24.67\","
		  "\"UZS/KGS\":\"0.0068\"}}",
		  "UZS", { { "USD", "1285050", -2, false }, { "KZT", "2467", -2, false },
		           { "KGS", "68", -4, true } } },
		{ "exponents in strings (SPEC amounts allow them)",
		  "{\"base\":\"USD\",\"quotes\":{\"KZT/USD\":\"1.92e-3\",\"USD/UZS\":\"1.28505E4\"}}",
		  "USD", { { "KZT", "192", -5, false }, { "UZS", "128505", -1, true } } },
		{ "digits kept as written",
		  "{\"base\":\"USD\",\"quotes\":{\"KZT/USD\":\"0.001920\",\"TMT/USD\":\"+.28571\"}}",
		  "USD", { { "KZT", "1920", -6, false }, { "TMT", "28571", -5, false } } },
		{ "unknown keys are ignored, whatever their type",
		  "{\"version\":2,\"rates\":[1,{\"a\":null}],\"quotes\":{\"KZT/USD\":\"0.00192\"},"
		  "\"Base\":7}",
		  "USD", { { "KZT", "192", -5, false } } },
		{ "whitespace around the value and a byte order mark",
		  "\xEF\xBB\xBF \r\n\t{\"quotes\":{\"KZT/USD\":\"0.00192\"}} \n\r\t ",
		  "USD", { { "KZT", "192", -5, false } } },
		{ "codes not in the ISO list are still codes",
		  "{\"base\":\"XAU\",\"quotes\":{\"USD/XAU\":\"0.0003\"}}",
		  "XAU", { { "USD", "3", -4, false } } },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		rates_table t;
		char err[LOAD_ERR_MAX];
		rates_init(&t);
		if (load_table(&t, cases[k].json, strlen(cases[k].json), "test", err) != 0)
			fail_msg("%s: %s", cases[k].name, err);
		assert_string_equal(t.base, cases[k].base);
		assert_string_equal(t.origin, "test");
		assert_quotes(cases[k].name, &t, cases[k].quotes);
		rates_destroy(&t);
	}
}

/*
 * JSON numbers: cJSON keeps only a double, read back as the shortest
 * decimal that round-trips, so what was written comes back.
 */
static void load_should_read_json_numbers_back_as_written(void **state)
{
	static const struct {
		const char *number;
		const char *coef;
		int32_t exp;
	} cases[] = {
		{ "12850.5", "128505", -1 },
		{ "12850", "12850", 0 },
		{ "12850.50", "128505", -1 }, /* a number's trailing zero is gone: use a string */
		{ "1e-05", "1", -5 },
		{ "8.9142493648729e-5", "89142493648729", -18 },
		{ "0.1", "1", -1 },
		{ "0.00192", "192", -5 },
		{ "0.28571", "28571", -5 },
		{ "1", "1", 0 },
		{ "1E6", "1000000", 0 },
		{ "520.83", "52083", -2 },
		{ "123456789012345", "123456789012345", 0 },
		{ "0.123456789012345", "123456789012345", -15 },
		{ "1e20", "100000000000000000000", 0 },
		{ "1e21", "1", 21 },        /* past 21 digits, as JavaScript, the exponent stays */
		{ "1.5e300", "15", 299 },
		{ "5e-324", "5", -324 },    /* the smallest double */
		{ "0.30000000000000004", "30000000000000004", -17 },
		{ "1.7976931348623157e308", "17976931348623157", 292 },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char json[128];
		rates_table t;
		char err[LOAD_ERR_MAX];
		snprintf(json, sizeof json, "{\"base\":\"USD\",\"quotes\":{\"KZT/USD\":%s}}",
		         cases[k].number);
		rates_init(&t);
		if (load_table(&t, json, strlen(json), NULL, err) != 0)
			fail_msg("%s: %s", cases[k].number, err);
		const want_quote want[] = { { "KZT", cases[k].coef, cases[k].exp, false }, { NULL, 0, 0, 0 } };
		assert_quotes(cases[k].number, &t, want);
		assert_null(t.origin);
		rates_destroy(&t);
	}
}

static void load_should_keep_source_and_date(void **state)
{
	static const struct {
		const char *json;
		const char *source;
		const char *date;
	} cases[] = {
		{ "{\"source\":\"The Times of Central Asia\",\"date\":\"2025-05-01\","
		  "\"quotes\":{\"KZT/USD\":\"0.00192\"}}",
		  "The Times of Central Asia", "2025-05-01" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\"},\"date\":\"2024-02-29T13:45:00Z\"}",
		  NULL, "2024-02-29T13:45:00Z" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\"},\"date\":\"2025-05-01T09:00+05:00\"}",
		  NULL, "2025-05-01T09:00+05:00" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\"},\"date\":\"2025-05-01T09:00:59.123-0300\"}",
		  NULL, "2025-05-01T09:00:59.123-0300" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\"},\"date\":\"2000-02-29T23:59:60+05\"}",
		  NULL, "2000-02-29T23:59:60+05" },
		{ "{\"source\":\"\\u041d\\u0411\\u0420\\u041a\",\"quotes\":{\"KZT/USD\":\"0.00192\"}}",
		  "\xD0\x9D\xD0\x91\xD0\xA0\xD0\x9A", NULL },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\"}}", NULL, NULL },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		rates_table t;
		char err[LOAD_ERR_MAX];
		rates_init(&t);
		if (load_table(&t, cases[k].json, strlen(cases[k].json), "somewhere.json", err) != 0)
			fail_msg("%s: %s", cases[k].json, err);
		if (cases[k].source == NULL)
			assert_null(t.source);
		else
			assert_string_equal(t.source, cases[k].source);
		if (cases[k].date == NULL)
			assert_null(t.date);
		else
			assert_string_equal(t.date, cases[k].date);
		assert_string_equal(t.origin, "somewhere.json");
		rates_destroy(&t);
	}
}

#define Q(body) "{\"base\":\"USD\",\"quotes\":{" body "}}"

static void load_should_reject_invalid_tables_naming_the_fault(void **state)
{
	static const struct {
		const char *json;
		const char *err;
	} cases[] = {
		/* not JSON; byte positions count from 1 and are cJSON's, so "near" */
		{ "{\"quotes\": }", "not valid JSON near byte 12" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\",}}", "not valid JSON near byte 33" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\"}} x", "not valid JSON near byte 34" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\"}}{}", "not valid JSON near byte 33" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\"}", "not valid JSON near byte 31" },
		{ "KZT/USD = 0.00192", "not valid JSON near byte 1" },
		{ "", "the table is empty" },
		{ " \n\t\r", "the table is empty" },
		/* the shape */
		{ "[]", "the table is not a JSON object" },
		{ "\"KZT/USD\"", "the table is not a JSON object" },
		{ "0.00192", "the table is not a JSON object" },
		{ "null", "the table is not a JSON object" },
		{ "{}", "no 'quotes' object" },
		{ "{\"base\":\"USD\"}", "no 'quotes' object" },
		{ "{\"Quotes\":{\"KZT/USD\":\"0.00192\"}}", "no 'quotes' object" },
		{ "{\"quotes\":{}}", "'quotes' is empty" },
		{ "{\"quotes\":[]}", "'quotes' must be an object" },
		{ "{\"quotes\":[[\"KZT/USD\",\"0.00192\"]]}", "'quotes' must be an object" },
		{ "{\"quotes\":\"KZT/USD 0.00192\"}", "'quotes' must be an object" },
		{ "{\"base\":\"USD\",\"base\":\"KZT\",\"quotes\":{\"KZT/USD\":\"0.00192\"}}",
		  "duplicate key 'base'" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\"},\"quotes\":{\"KGS/USD\":\"0.01144\"}}",
		  "duplicate key 'quotes'" },
		{ "{\"x\":1,\"y\":1,\"z\":1,\"y\":2,\"x\":2,\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "duplicate key 'y'" },
		/* base, source, date */
		{ "{\"base\":\"US\",\"quotes\":{\"KZT/USD\":\"0.00192\"}}",
		  "'base' 'US' is not a currency code" },
		{ "{\"base\":\"USDT\",\"quotes\":{\"KZT/USD\":\"0.00192\"}}",
		  "'base' 'USDT' is not a currency code" },
		{ "{\"base\":\"\",\"quotes\":{\"KZT/USD\":\"0.00192\"}}",
		  "'base' '' is not a currency code" },
		{ "{\"base\":840,\"quotes\":{\"KZT/USD\":\"0.00192\"}}", "'base' must be a string" },
		{ "{\"base\":null,\"quotes\":{\"KZT/USD\":\"0.00192\"}}", "'base' must be a string" },
		{ "{\"source\":[\"NBK\"],\"quotes\":{\"KZT/USD\":\"0.00192\"}}",
		  "'source' must be a string" },
		{ "{\"date\":20250501,\"quotes\":{\"KZT/USD\":\"0.00192\"}}", "'date' must be a string" },
		{ "{\"date\":\"2025-13-01\",\"quotes\":{\"KZT/USD\":\"0.00192\"}}",
		  "'date' '2025-13-01' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-00-01\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-00-01' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-04-31\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-04-31' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-02-29\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-02-29' is not an ISO 8601 date" },
		{ "{\"date\":\"1900-02-29\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '1900-02-29' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-05-00\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-05-00' is not an ISO 8601 date" },
		{ "{\"date\":\"01.05.2025\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '01.05.2025' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-5-1\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-5-1' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-05-01 09:00\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-05-01 09:00' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-05-01T24:00\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-05-01T24:00' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-05-01T\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-05-01T' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-05-01T09:00:00.\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-05-01T09:00:00.' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-05-01T09:00+05:\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-05-01T09:00+05:' is not an ISO 8601 date" },
		{ "{\"date\":\"2025-05-01Z\",\"quotes\":{\"KZT/USD\":\"1\"}}",
		  "'date' '2025-05-01Z' is not an ISO 8601 date" },
		{ "{\"date\":\"\",\"quotes\":{\"KZT/USD\":\"1\"}}", "'date' '' is not an ISO 8601 date" },
		/* keys */
		{ Q("\"KZ/USD\":\"0.00192\""), "quote 'KZ/USD': malformed currency code" },
		{ Q("\"KZT/US\":\"0.00192\""), "quote 'KZT/US': malformed currency code" },
		{ Q("\"KZTUSD\":\"0.00192\""), "quote 'KZTUSD': malformed currency code" },
		{ Q("\"KZT-USD\":\"0.00192\""), "quote 'KZT-USD': malformed currency code" },
		{ Q("\"KZT/USD \":\"0.00192\""), "quote 'KZT/USD ': malformed currency code" },
		{ Q("\"K1T/USD\":\"0.00192\""), "quote 'K1T/USD': malformed currency code" },
		{ Q("\"\":\"0.00192\""), "quote '': malformed currency code" },
		{ Q("\"KZT/USD\":\"1\",\"USD\":\"1\""), "quote 'USD': malformed currency code" },
		{ Q("\"KZT/EUR\":\"0.00171\""), "quote 'KZT/EUR': neither side is the base 'USD'" },
		{ Q("\"KZT/USD\":\"1\",\"KZT/KZT\":\"1\""),
		  "quote 'KZT/KZT': neither side is the base 'USD'" },
		{ Q("\"USD/USD\":\"1\""), "quote 'USD/USD': quotes the base against itself" },
		{ Q("\"KZT/USD\":\"0.00192\",\"USD/KZT\":\"520.83\""), "quote 'USD/KZT': KZT is quoted twice" },
		{ Q("\"kzt/USD\":\"0.00192\",\"KZT/USD\":\"0.00192\""),
		  "quote 'KZT/USD': KZT is quoted twice" },
		{ Q("\"KZT/USD\":\"0.00192\",\"KZT/USD\":\"0.00193\""),
		  "quote 'KZT/USD': KZT is quoted twice" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\",\"USD/KZT\":\"520.83\"}}",
		  "quote 'USD/KZT': KZT is quoted twice" },
		{ "{\"quotes\":{\"KZT/USD\":\"0.00192\",\"KGS/UZS\":\"146.95\"}}",
		  "quote 'KGS/UZS': shares no currency with the quotes before it, and no 'base' is given" },
		{ "{\"quotes\":{\"KZT/USD\":\"1\",\"KZT/UZS\":\"1\",\"TJS/UZS\":\"1\"}}",
		  "quote 'TJS/UZS': shares no currency with the quotes before it, and no 'base' is given" },
		{ "{\"quotes\":{\"USD/USD\":\"1\"}}", "quote 'USD/USD': quotes the base against itself" },
		/* values */
		{ Q("\"KZT/USD\":\"0\""), "quote 'KZT/USD': value is zero" },
		{ Q("\"KZT/USD\":\"0.00000\""), "quote 'KZT/USD': value is zero" },
		{ Q("\"KZT/USD\":\"-0\""), "quote 'KZT/USD': value is zero" },
		{ Q("\"KZT/USD\":0"), "quote 'KZT/USD': value is zero" },
		{ Q("\"KZT/USD\":-0.0"), "quote 'KZT/USD': value is zero" },
		{ Q("\"KZT/USD\":\"-0.00192\""), "quote 'KZT/USD': value is negative" },
		{ Q("\"KZT/USD\":-0.00192"), "quote 'KZT/USD': value is negative" },
		{ Q("\"KZT/USD\":\"abc\""), "quote 'KZT/USD': value 'abc' is not a decimal number" },
		{ Q("\"KZT/USD\":\"0,00192\""), "quote 'KZT/USD': value '0,00192' is not a decimal number" },
		{ Q("\"KZT/USD\":\"\""), "quote 'KZT/USD': value '' is not a decimal number" },
		{ Q("\"KZT/USD\":\" 0.00192\""), "quote 'KZT/USD': value ' 0.00192' is not a decimal number" },
		{ Q("\"KZT/USD\":\"0x10\""), "quote 'KZT/USD': value '0x10' is not a decimal number" },
		{ Q("\"KZT/USD\":\"nan\""), "quote 'KZT/USD': value 'nan' is not a decimal number" },
		{ Q("\"KZT/USD\":\"inf\""), "quote 'KZT/USD': value 'inf' is not a decimal number" },
		{ Q("\"KZT/USD\":\"1\\n2\""), "quote 'KZT/USD': value '1?2' is not a decimal number" },
		{ Q("\"KZT/USD\":\"1e999999\""), "quote 'KZT/USD': value '1e999999' is out of range" },
		{ Q("\"KZT/USD\":1e999"), "quote 'KZT/USD': value is out of range" },
		{ Q("\"KZT/USD\":null"), "quote 'KZT/USD': value must be a string or a number" },
		{ Q("\"KZT/USD\":true"), "quote 'KZT/USD': value must be a string or a number" },
		{ Q("\"KZT/USD\":[\"0.00192\"]"), "quote 'KZT/USD': value must be a string or a number" },
		{ Q("\"KZT/USD\":{\"rate\":\"0.00192\"}"),
		  "quote 'KZT/USD': value must be a string or a number" },
		/* the first fault in the table is the one named */
		{ Q("\"KZT/USD\":\"0.00192\",\"UZS/USD\":\"0\",\"TJS/USD\":\"x\""),
		  "quote 'UZS/USD': value is zero" },
		/* long or odd text is cut and made printable, so the message stays one line */
		{ Q("\"KZT/USD\":\"0.000000000000000000000000000000000000000000000000001x\""),
		  "quote 'KZT/USD': value '0.00000000000000000000000000000000000000...' "
		  "is not a decimal number" },
		{ Q("\"KZT/\\u0423\\u0417\\u0421\":\"1\""),
		  "quote 'KZT/\xD0\xA3\xD0\x97\xD0\xA1': malformed currency code" },
		{ Q("\"KZT/\\tUS\":\"1\""), "quote 'KZT/?US': malformed currency code" },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		rates_table t;
		char err[LOAD_ERR_MAX];
		rates_init(&t);
		if (load_table(&t, cases[k].json, strlen(cases[k].json), "test", err) != -1)
			fail_msg("%s: loaded, but it should not", cases[k].json);
		if (strcmp(err, cases[k].err) != 0)
			fail_msg("%s:\n   got \"%s\"\n  want \"%s\"", cases[k].json, err, cases[k].err);
		assert_empty(&t);
	}
}

static void load_should_refuse_a_table_over_one_mebibyte(void **state)
{
	rates_table t;
	char err[LOAD_ERR_MAX];
	const char head[] = "{\"quotes\":{\"KZT/USD\":\"0.00192\"}}";
	size_t len = LOAD_MAX_BYTES + 1;
	char *text = malloc(len);
	(void)state;
	assert_non_null(text);
	memset(text, ' ', len);
	memcpy(text, head, sizeof head - 1);

	rates_init(&t);
	assert_int_equal(load_table(&t, text, len, NULL, err), -1);
	assert_string_equal(err, "the table is larger than 1 MiB");
	assert_empty(&t);
	/* Exactly the cap is accepted. */
	assert_int_equal(load_table(&t, text, len - 1, NULL, err), 0);
	assert_int_equal(t.count, 1);
	rates_destroy(&t);
	free(text);
}

static void load_should_not_need_a_terminating_nul(void **state)
{
	rates_table t;
	char err[LOAD_ERR_MAX];
	const char json[] = "{\"quotes\":{\"KZT/USD\":\"0.00192\"}}";
	char *text = malloc(sizeof json - 1); /* exactly the bytes: the sanitizer sees any overread */
	(void)state;
	assert_non_null(text);
	memcpy(text, json, sizeof json - 1);
	rates_init(&t);
	assert_int_equal(load_table(&t, text, sizeof json - 1, NULL, err), 0);
	assert_string_equal(t.base, "USD");
	rates_destroy(&t);
	/* Cut short, the same bytes are not JSON. */
	assert_int_equal(load_table(&t, text, sizeof json - 2, NULL, err), -1);
	assert_string_equal(err, "not valid JSON near byte 31");
	free(text);
}

static void load_should_refuse_a_nul_byte_inside_the_text(void **state)
{
	rates_table t;
	char err[LOAD_ERR_MAX];
	const char json[] = "{\"quotes\":{\"KZT/USD\":\"0.00192\0garbage\"}}";
	(void)state;
	rates_init(&t);
	assert_int_equal(load_table(&t, json, sizeof json - 1, NULL, err), -1);
	assert_string_equal(err, "not valid JSON near byte 30");
	assert_empty(&t);
}

static void load_should_leave_a_previous_table_empty_on_failure(void **state)
{
	rates_table t;
	char err[LOAD_ERR_MAX];
	const char good[] = "{\"source\":\"s\",\"date\":\"2025-05-01\",\"quotes\":{\"KZT/USD\":\"1\"}}";
	const char bad[] = "{\"quotes\":{\"KZT/USD\":\"1\",\"UZS/USD\":\"0\"}}";
	(void)state;
	rates_init(&t);
	assert_int_equal(load_table(&t, good, sizeof good - 1, "first", err), 0);
	assert_string_equal(err, "");
	assert_int_equal(load_table(&t, bad, sizeof bad - 1, "second", err), -1);
	assert_empty(&t);
}

/* Deep nesting, long strings, many keys: an error or a table, never a crash. */
static void load_should_survive_hostile_input(void **state)
{
	size_t depth = 100000;
	char *text = malloc(2 * depth + 64);
	rates_table t;
	char err[LOAD_ERR_MAX];
	(void)state;
	assert_non_null(text);
	rates_init(&t);

	/* [[[[...]]]] far past cJSON's nesting limit */
	memset(text, '[', depth);
	memset(text + depth, ']', depth);
	assert_int_equal(load_table(&t, text, 2 * depth, NULL, err), -1);
	assert_non_null(strstr(err, "not valid JSON near byte "));

	/* the same depth inside an ignored key */
	size_t n = (size_t)sprintf(text, "{\"quotes\":{\"KZT/USD\":\"1\"},\"x\":");
	for (size_t k = 0; k < 900; k++)
		text[n++] = '[';
	for (size_t k = 0; k < 900; k++)
		text[n++] = ']';
	text[n++] = '}';
	assert_int_equal(load_table(&t, text, n, NULL, err), 0);
	rates_destroy(&t);

	/* a quote key of 100000 bytes: the message is cut */
	n = (size_t)sprintf(text, "{\"quotes\":{\"");
	memset(text + n, 'A', depth);
	n += depth;
	n += (size_t)sprintf(text + n, "\":\"1\"}}");
	assert_int_equal(load_table(&t, text, n, NULL, err), -1);
	assert_string_equal(err,
	                    "quote 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...': malformed currency code");
	free(text);

	/* 60000 distinct top-level keys and a duplicate at the end */
	size_t keys = 60000, cap = keys * 16 + 128;
	text = malloc(cap);
	assert_non_null(text);
	n = (size_t)sprintf(text, "{\"quotes\":{\"KZT/USD\":\"1\"}");
	for (size_t k = 0; k < keys; k++)
		n += (size_t)sprintf(text + n, ",\"k%zu\":0", k);
	n += (size_t)sprintf(text + n, ",\"k123\":1}");
	assert_int_equal(load_table(&t, text, n, NULL, err), -1);
	assert_string_equal(err, "duplicate key 'k123'");
	free(text);

	/* every code from AAA/USD up: many quotes, and the last one a repeat */
	text = malloc(26 * 26 * 26 * 20 + 64);
	assert_non_null(text);
	n = (size_t)sprintf(text, "{\"base\":\"USD\",\"quotes\":{");
	for (int a = 0; a < 26; a++)
		for (int b = 0; b < 26; b++)
			for (int c = 0; c < 26; c++) {
				if (a == 'U' - 'A' && b == 'S' - 'A' && c == 'D' - 'A')
					continue;
				n += (size_t)sprintf(text + n, "\"%c%c%c/USD\":\"1\",", 'A' + a, 'A' + b, 'A' + c);
			}
	text[n - 1] = '}';
	text[n++] = '}';
	assert_int_equal(load_table(&t, text, n, NULL, err), 0);
	assert_int_equal(t.count, 26 * 26 * 26 - 1);
	rates_destroy(&t);
	n -= 2;
	n += (size_t)sprintf(text + n, ",\"USD/zzz\":\"2\"}}");
	assert_int_equal(load_table(&t, text, n, NULL, err), -1);
	assert_string_equal(err, "quote 'USD/zzz': ZZZ is quoted twice");
	free(text);
}

/*
 * Found by tests/fuzz/fuzz_load.c: a FloatRates date cut short in its time
 * ("... 2027 11:0") made the date parser read past the string's end. Each
 * prefix of a good date is now an unreadable date, ignored, never a read
 * beyond the NUL (which the sanitized run of this test would report).
 */
static void floatrates_dates_cut_short_should_be_ignored(void **state)
{
	static const char date[] = "Fri, 02 Jan 2027 11:05:01 GMT";
	char text[512];
	rates_table t;
	char err[LOAD_ERR_MAX];
	(void)state;
	for (size_t cut = 0; cut < sizeof date - 1; cut++) {
		int n = snprintf(text, sizeof text,
		                 "{\"kzt\":{\"code\":\"KZT\",\"rate\":505.12,\"date\":\"%.*s\"}}", (int)cut,
		                 date);
		rates_init(&t);
		assert_int_equal(load_table(&t, text, (size_t)n, "https://www.floatrates.com/daily/usd.json", err), 0);
		assert_null(t.date);
		rates_destroy(&t);
	}
}

/* ---- the fixtures that the end-to-end tests use too ---------------------- */

static char *slurp(const char *path, size_t *len)
{
	char err[LOAD_ERR_MAX];
	char *text = NULL;
	if (load_read_file(path, &text, len, err) != 0)
		fail_msg("%s: %s (run the tests from the repository root)", path, err);
	return text;
}

static void fixtures_should_load_or_fail_as_named(void **state)
{
	static const struct {
		const char *file;
		const char *base;   /* NULL: the table is invalid */
		size_t count;
		const char *err;
	} cases[] = {
		{ "usd-base.json", "USD", 5, NULL },
		{ "uzs-base.json", "UZS", 5, NULL },
		{ "mixed-orientation.json", "USD", 5, NULL },
		{ "implied-base.json", "USD", 3, NULL },
		{ "numbers.json", "USD", 5, NULL },
		{ "invalid-json.json", NULL, 0, "not valid JSON near byte 63" },
		{ "invalid-not-object.json", NULL, 0, "the table is not a JSON object" },
		{ "invalid-zero.json", NULL, 0, "quote 'KZT/USD': value is zero" },
		{ "invalid-negative.json", NULL, 0, "quote 'KZT/USD': value is negative" },
		{ "invalid-not-decimal.json", NULL, 0,
		  "quote 'KZT/USD': value '0,00192' is not a decimal number" },
		{ "invalid-no-base.json", NULL, 0, "quote 'KZT/EUR': neither side is the base 'USD'" },
		{ "invalid-twice.json", NULL, 0, "quote 'USD/KZT': KZT is quoted twice" },
		{ "invalid-code.json", NULL, 0, "quote 'KZ/USD': malformed currency code" },
		{ "invalid-no-common.json", NULL, 0,
		  "quote 'KGS/UZS': shares no currency with the quotes before it, and no 'base' is given" },
		{ "invalid-date.json", NULL, 0, "'date' '2025-13-01' is not an ISO 8601 date" },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char path[256], err[LOAD_ERR_MAX];
		size_t len;
		rates_table t;
		snprintf(path, sizeof path, FIXTURES "%s", cases[k].file);
		char *text = slurp(path, &len);
		rates_init(&t);
		int rc = load_table(&t, text, len, path, err);
		free(text);
		if (cases[k].base == NULL) {
			if (rc == 0)
				fail_msg("%s: loaded, but it should not", path);
			assert_string_equal(err, cases[k].err);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: %s", path, err);
		assert_string_equal(t.base, cases[k].base);
		assert_int_equal(t.count, cases[k].count);
		assert_string_equal(t.origin, path);
		assert_non_null(t.source);
		rates_destroy(&t);
	}
}

static void fixtures_should_hold_the_exact_quotes(void **state)
{
	static const struct {
		const char *file;
		want_quote quotes[MAX_QUOTES + 1];
	} cases[] = {
		{ "uzs-base.json", { { "USD", "1285050", -2, false }, { "KZT", "2467", -2, false },
		                     { "KGS", "14695", -2, false }, { "TJS", "130240", -2, false },
		                     { "TMT", "367157", -2, false } } },
		{ "mixed-orientation.json", { { "KZT", "52083", -2, true }, { "KGS", "1144", -5, false },
		                              { "UZS", "1285050", -2, true }, { "TJS", "10134", -5, false },
		                              { "TMT", "35", -1, true } } },
		{ "numbers.json", { { "UZS", "128505", -1, true }, { "KZT", "192", -5, false },
		                    { "KGS", "1", -5, false }, { "TJS", "89142493648729", -18, false },
		                    { "TMT", "35", -1, true } } },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char path[256], err[LOAD_ERR_MAX];
		size_t len;
		rates_table t;
		snprintf(path, sizeof path, FIXTURES "%s", cases[k].file);
		char *text = slurp(path, &len);
		rates_init(&t);
		if (load_table(&t, text, len, path, err) != 0)
			fail_msg("%s: %s", path, err);
		free(text);
		assert_quotes(path, &t, cases[k].quotes);
		rates_destroy(&t);
	}
}

/* ---- the feeds' shapes ---------------------------------------------------- */

/* One quote of t, looked up by code. */
static void assert_quote(const char *label, const rates_table *t, const want_quote *w)
{
	const rates_quote *q = rates_find(t, w->code);
	char got[48];
	if (q == NULL)
		fail_msg("%s: no quote for %s", label, w->code);
	if (q->quote.coef != coef_of(w->coef) || q->quote.exp != w->exp || q->inverse != w->inverse)
		fail_msg("%s: %s is %s e%d%s, want %s e%d%s", label, w->code,
		         coef_text(got, q->quote.coef), (int)q->quote.exp, q->inverse ? " (inverse)" : "",
		         w->coef, (int)w->exp, w->inverse ? " (inverse)" : "");
}

static void feeds_should_be_recognised_by_their_shape(void **state)
{
	static const struct {
		const char *name;
		const char *json;
		const char *origin;
		const char *base;
		size_t count;
		const char *date;
		const char *source;  /* the start of the source */
		want_quote quotes[3];
	} cases[] = {
		{ "open.er-api.com: units per base, the base listed at 1",
		  "{\"result\":\"success\",\"time_last_update_utc\":\"Fri, 02 Jan 2026 00:02:31 +0000\","
		  "\"base_code\":\"USD\",\"rates\":{\"USD\":1,\"KZT\":505.12,\"UZS\":12050.5}}",
		  "http://h/v6/latest/USD", "USD", 2, "2026-01-02T00:02:31Z",
		  "exchange-rate API JSON (base_code, rates), http://h/v6/latest/USD",
		  { { "KZT", "50512", -2, true }, { "UZS", "120505", -1, true } } },
		{ "fixer-style: 'base' and an ISO date",
		  "{\"success\":true,\"base\":\"EUR\",\"date\":\"2024-01-15\","
		  "\"rates\":{\"KZT\":\"560.25\",\"USD\":1.0937}}",
		  NULL, "EUR", 2, "2024-01-15", "exchange-rate API JSON",
		  { { "KZT", "56025", -2, true }, { "USD", "10937", -4, true } } },
		{ "fawazahmed0: lower-case codes, tokens that are not codes skipped",
		  "{\"date\":\"2026-01-02\",\"usd\":{\"1inch\":3.1,\"kzt\":505.12,\"usd\":1,"
		  "\"btc\":1.1e-05}}",
		  NULL, "USD", 2, "2026-01-02", "fawazahmed0 currency-api JSON",
		  { { "KZT", "50512", -2, true }, { "BTC", "11", -6, true } } },
		{ "floatrates: the base from the file name, exponents in rates",
		  "{\"kzt\":{\"code\":\"KZT\",\"rate\":505.12,\"date\":\"Fri, 2 Jan 2026 11:55:01 GMT\","
		  "\"inverseRate\":0.00198},\"xau\":{\"code\":\"XAU\",\"rate\":2.4e-4}}",
		  "https://www.floatrates.com/daily/usd.json", "USD", 2, "2026-01-02T11:55:01Z",
		  "FloatRates JSON, https://www.floatrates.com/daily/usd.json",
		  { { "KZT", "50512", -2, true }, { "XAU", "24", -5, true } } },
		{ "CBU: base UZS, Nominal folded into the exponent, dd.mm.yyyy",
		  "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"12050.50\",\"Date\":\"02.01.2026\"},"
		  "{\"Ccy\":\"IDR\",\"Nominal\":\"10\",\"Rate\":\"7.18\",\"Date\":\"02.01.2026\"},"
		  "{\"Ccy\":\"IRR\",\"Nominal\":100,\"Rate\":9.05,\"Date\":\"02.01.2026\"}]",
		  "cbu.json", "UZS", 3, "2026-01-02", "Central Bank of Uzbekistan JSON, cbu.json",
		  { { "USD", "1205050", -2, false }, { "IDR", "718", -3, false },
		    { "IRR", "905", -4, false } } },
		{ "Frankfurter v2: the latest date is the table's",
		  "[{\"date\":\"2025-12-31\",\"base\":\"USD\",\"quote\":\"KZT\",\"rate\":505.12},"
		  "{\"date\":\"2026-01-02\",\"base\":\"USD\",\"quote\":\"UZS\",\"rate\":12050.5}]",
		  NULL, "USD", 2, "2026-01-02", "Frankfurter JSON",
		  { { "KZT", "50512", -2, true }, { "UZS", "120505", -1, true } } },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		rates_table t;
		char err[LOAD_ERR_MAX];
		rates_init(&t);
		if (load_table(&t, cases[k].json, strlen(cases[k].json), cases[k].origin, err) != 0)
			fail_msg("%s: %s", cases[k].name, err);
		assert_string_equal(t.base, cases[k].base);
		assert_int_equal(t.count, cases[k].count);
		assert_string_equal(t.date, cases[k].date);
		if (strncmp(t.source, cases[k].source, strlen(cases[k].source)) != 0)
			fail_msg("%s: source '%s', want '%s...'", cases[k].name, t.source, cases[k].source);
		for (size_t q = 0; q < COUNT(cases[k].quotes) && cases[k].quotes[q].code; q++)
			assert_quote(cases[k].name, &t, &cases[k].quotes[q]);
		rates_destroy(&t);
	}
}

static void feeds_should_be_refused_whole_naming_the_fault(void **state)
{
	static const struct {
		const char *json;
		const char *origin;
		const char *err;
	} cases[] = {
		{ "{\"result\":\"error\",\"error-type\":\"unsupported-code\"}", NULL,
		  "the feed reports an error: 'unsupported-code'" },
		{ "{\"rates\":{\"KZT\":505.12}}", NULL, "'rates' without a 'base_code' or 'base' string" },
		{ "{\"base_code\":\"US\",\"rates\":{\"KZT\":505.12}}", NULL,
		  "'base' 'US' is not a currency code" },
		{ "{\"base_code\":\"USD\",\"rates\":{}}", NULL, "'rates' is empty" },
		{ "{\"base_code\":\"USD\",\"rates\":{\"USD\":1}}", NULL,
		  "exchange-rate API JSON (base_code, rates): no currency besides the base" },
		{ "{\"base_code\":\"USD\",\"rates\":{\"KZT\":0}}", NULL, "rate 'KZT': value is zero" },
		{ "{\"base_code\":\"USD\",\"rates\":{\"KZT\":-5}}", NULL, "rate 'KZT': value is negative" },
		{ "{\"base_code\":\"USD\",\"rates\":{\"KZT\":\"5,1\"}}", NULL,
		  "rate 'KZT': value '5,1' is not a decimal number" },
		{ "{\"base_code\":\"USD\",\"rates\":{\"KZTT\":5}}", NULL,
		  "rate 'KZTT': malformed currency code" },
		{ "{\"base_code\":\"USD\",\"rates\":{\"USD\":2,\"KZT\":5}}", NULL,
		  "rate 'USD': quotes the base against itself" },
		{ "{\"base_code\":\"USD\",\"rates\":{\"KZT\":5,\"kzt\":5}}", NULL,
		  "rate 'kzt': KZT is quoted twice" },
		{ "{\"base\":\"USD\",\"date\":\"15.01.2024\",\"rates\":{\"KZT\":5}}", NULL,
		  "'date' '15.01.2024' is not an ISO 8601 date" },
		{ "{\"date\":\"2026-13-02\",\"usd\":{\"kzt\":505.12}}", NULL,
		  "'date' '2026-13-02' is not an ISO 8601 date" },
		{ "{\"date\":\"2026-01-02\",\"usd\":{\"kzt\":null}}", NULL,
		  "rate 'kzt': value must be a string or a number" },
		{ "{\"kzt\":{\"code\":\"KZT\",\"rate\":505.12}}", "rates.json",
		  "a FloatRates table does not name its base: give it with --base (--base USD), or read it "
		  "from a file or URL named after it, such as 'usd.json'" },
		{ "{\"kzt\":{\"code\":\"KZT\",\"rate\":505.12},\"uzs\":{\"rate\":1}}", "usd.json",
		  "entry 'uzs': no currency 'code'" },
		{ "{\"kzt\":{\"code\":\"KZT\",\"rate\":\"x\"}}", "/a/usd.json?x=1",
		  "rate 'kzt': value 'x' is not a decimal number" },
		{ "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"12050.50\"},"
		  "{\"Ccy\":\"IDR\",\"Nominal\":\"3\",\"Rate\":\"7.18\"}]", NULL,
		  "entry 2 'IDR': 'Nominal' '3' is not a power of ten" },
		{ "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"0\"}]", NULL,
		  "entry 1 'USD': value is zero" },
		{ "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"12050,50\"}]", NULL,
		  "entry 1 'USD': value '12050,50' is not a decimal number" },
		{ "[{\"Ccy\":\"US\",\"Nominal\":\"1\",\"Rate\":\"1\"}]", NULL,
		  "entry 1: 'Ccy' 'US' is not a currency code" },
		{ "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"1\",\"Date\":\"32.01.2026\"}]", NULL,
		  "entry 1 'USD': 'Date' '32.01.2026' is not a date dd.mm.yyyy" },
		{ "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"1\"},"
		  "{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"2\"}]", NULL,
		  "entry 2 'USD': USD is quoted twice" },
		{ "[{\"Ccy\":\"UZS\",\"Nominal\":\"1\",\"Rate\":\"2\"}]", NULL,
		  "entry 1 'UZS': quotes the base against itself" },
		{ "[{\"base\":\"USD\",\"quote\":\"KZT\",\"rate\":505},"
		  "{\"base\":\"EUR\",\"quote\":\"UZS\",\"rate\":1}]", NULL,
		  "entry 2 'UZS': base EUR differs from the first entry's USD" },
		{ "[{\"base\":\"USD\",\"quote\":\"KZT\",\"rate\":505,\"date\":\"2026\"}]", NULL,
		  "entry 1 'KZT': 'date' '2026' is not an ISO 8601 date" },
		{ "[{\"base\":\"USD\",\"quote\":\"KZT\",\"rate\":\"-1\"}]", NULL,
		  "entry 1 'KZT': value is negative" },
		/* arrays of anything else are not tables */
		{ "[{\"a\":1}]", NULL, "the table is not a JSON object" },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		rates_table t;
		char err[LOAD_ERR_MAX];
		rates_init(&t);
		if (load_table(&t, cases[k].json, strlen(cases[k].json), cases[k].origin, err) != -1)
			fail_msg("%s: loaded, but it should not", cases[k].json);
		if (strcmp(err, cases[k].err) != 0)
			fail_msg("%s:\n   got \"%s\"\n  want \"%s\"", cases[k].json, err, cases[k].err);
		assert_empty(&t);
	}
}

static void feed_fixtures_should_load(void **state)
{
	static const struct {
		const char *file;
		const char *base;
		size_t count;
		const char *date;
	} cases[] = {
		{ "er-api.json", "USD", 7, "2026-01-02T00:02:31Z" },
		{ "fawazahmed0.json", "USD", 7, "2026-01-02" },
		{ "floatrates/usd.json", "USD", 6, "2026-01-02T11:55:01Z" },
		{ "cbu.json", "UZS", 8, "2026-01-02" },
		{ "frankfurter.json", "USD", 4, "2026-01-02" },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char path[256], err[LOAD_ERR_MAX];
		size_t len;
		rates_table t;
		snprintf(path, sizeof path, "tests/fixtures/feeds/%s", cases[k].file);
		char *text = slurp(path, &len);
		rates_init(&t);
		if (load_table(&t, text, len, path, err) != 0)
			fail_msg("%s: %s", path, err);
		free(text);
		assert_string_equal(t.base, cases[k].base);
		assert_int_equal(t.count, cases[k].count);
		assert_string_equal(t.date, cases[k].date);
		assert_string_equal(t.origin, path);
		rates_destroy(&t);
	}
}

/*
 * The real responses of the Central Bank of Uzbekistan kept beside the
 * project (../shared/fixtures): every currency loads, IDR per 10 exactly.
 */
static void real_cbu_responses_should_load(void **state)
{
	static const char *files[] = { "../shared/fixtures/official/cbu-2026-04-01.json",
		                           "../shared/fixtures/official/cbu-2026-04-02.json" };
	(void)state;
	for (size_t k = 0; k < COUNT(files); k++) {
		char err[LOAD_ERR_MAX];
		char *text = NULL;
		size_t len;
		rates_table t;
		if (load_read_file(files[k], &text, &len, err) != 0) {
			print_message("skipped: %s: %s\n", files[k], err);
			continue;
		}
		rates_init(&t);
		if (load_table(&t, text, len, files[k], err) != 0)
			fail_msg("%s: %s", files[k], err);
		free(text);
		assert_string_equal(t.base, "UZS");
		assert_int_equal(t.count, 75);
		assert_non_null(t.date);
		const want_quote idr = { "IDR", "718", -3, false };
		if (k == 0)
			assert_quote(files[k], &t, &idr);
		rates_destroy(&t);
	}
}

/* ---- reading files -------------------------------------------------------- */

/* A temporary file holding len bytes of `fill` after `head`; the caller unlinks it. */
static void temp_file(char path[64], const char *head, size_t len, char fill)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, 64, "%s/sarraf-test-XXXXXX", dir != NULL && strlen(dir) < 40 ? dir : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t hl = strlen(head);
	assert_true(len >= hl);
	char *buf = malloc(len + 1);
	assert_non_null(buf);
	memcpy(buf, head, hl);
	memset(buf + hl, fill, len - hl);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
	free(buf);
}

static void read_file_should_return_the_bytes_with_a_nul(void **state)
{
	static const size_t sizes[] = { 0, 1, 33, 65535, 65536, 65537, LOAD_MAX_BYTES };
	(void)state;
	for (size_t k = 0; k < COUNT(sizes); k++) {
		char path[64], err[LOAD_ERR_MAX];
		char *text = NULL;
		size_t len = 12345;
		temp_file(path, "", sizes[k], 'x');
		assert_int_equal(load_read_file(path, &text, &len, err), 0);
		assert_int_equal(len, sizes[k]);
		assert_non_null(text);
		assert_int_equal(text[len], '\0');
		assert_true(len == 0 || (text[0] == 'x' && text[len - 1] == 'x'));
		free(text);
		unlink(path);
	}
}

static void read_file_should_refuse_what_it_cannot_use(void **state)
{
	char path[64], dir[64], err[LOAD_ERR_MAX];
	char *text = NULL;
	size_t len = 0;
	(void)state;

	temp_file(path, "{", LOAD_MAX_BYTES + 1, ' ');
	assert_int_equal(load_read_file(path, &text, &len, err), -1);
	assert_string_equal(err, "larger than 1 MiB");
	unlink(path);

	snprintf(dir, sizeof dir, "/tmp/sarraf-test-dir-XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(load_read_file(dir, &text, &len, err), -1);
	assert_string_equal(err, "is a directory");
	rmdir(dir);

	assert_int_equal(load_read_file("/nonexistent/sarraf/rates.json", &text, &len, err), -1);
	assert_string_equal(err, "No such file or directory");
	assert_int_equal(load_read_file("", &text, &len, err), -1);
	assert_string_equal(err, "No such file or directory");
}

/*
 * A child writes `len` bytes into a pipe (a table padded with spaces), as
 * bash's <(curl ...) does; the parent reads it as /dev/fd/N or as "-".
 */
static pid_t pipe_writer(int *read_end, size_t len)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static const char head[] = "{\"quotes\":{\"KZT/USD\":\"0.00192\"}}";
		static char block[4096];
		close(fds[0]);
		size_t n = 0;
		memset(block, ' ', sizeof block);
		memcpy(block, head, sizeof head - 1);
		while (n < len) {
			size_t chunk = len - n < sizeof block ? len - n : sizeof block;
			ssize_t w = write(fds[1], block, chunk);
			if (w <= 0)
				_exit(1); /* the reader stopped: EPIPE when SIGPIPE is ignored */
			n += (size_t)w;
			memset(block, ' ', sizeof head);
		}
		_exit(0);
	}
	close(fds[1]);
	*read_end = fds[0];
	return pid;
}

static void read_file_should_read_pipes_in_pieces(void **state)
{
	char path[64], err[LOAD_ERR_MAX];
	char *text;
	size_t len;
	int fd, status;
	rates_table t;
	(void)state;

	/* /dev/fd/N, 300 KB: many reads, and more than one buffer */
	pid_t pid = pipe_writer(&fd, 300000);
	snprintf(path, sizeof path, "/dev/fd/%d", fd);
	assert_int_equal(load_read_file(path, &text, &len, err), 0);
	assert_int_equal(len, 300000);
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	rates_init(&t);
	assert_int_equal(load_table(&t, text, len, path, err), 0);
	assert_int_equal(t.count, 1);
	rates_destroy(&t);
	free(text);

	/* "-": standard input */
	int saved = dup(STDIN_FILENO);
	assert_true(saved >= 0);
	pid = pipe_writer(&fd, 1000);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	assert_int_equal(load_read_file("-", &text, &len, err), 0);
	assert_int_equal(len, 1000);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	free(text);
	/* stdin is not closed by the reader */
	assert_true(fcntl(STDIN_FILENO, F_GETFD) != -1);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);

	/* an endless pipe stops one byte past the cap */
	pid = pipe_writer(&fd, 4 * LOAD_MAX_BYTES);
	snprintf(path, sizeof path, "/dev/fd/%d", fd);
	assert_int_equal(load_read_file(path, &text, &len, err), -1);
	assert_string_equal(err, "larger than 1 MiB");
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_false(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void read_file_should_read_a_fifo(void **state)
{
	char dir[64], path[96], err[LOAD_ERR_MAX];
	char *text;
	size_t len;
	int status;
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/sarraf-test-fifo-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/rates.json", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static const char json[] = "{\"quotes\":{\"USD/UZS\":\"12850.50\"}}\n";
		int fd = open(path, O_WRONLY);
		_exit(fd >= 0 && write(fd, json, sizeof json - 1) == (ssize_t)(sizeof json - 1) ? 0 : 1);
	}
	assert_int_equal(load_read_file(path, &text, &len, err), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(text, "{\"quotes\":{\"USD/UZS\":\"12850.50\"}}\n");
	free(text);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_should_accept_valid_tables),
		cmocka_unit_test(load_should_read_json_numbers_back_as_written),
		cmocka_unit_test(load_should_keep_source_and_date),
		cmocka_unit_test(load_should_reject_invalid_tables_naming_the_fault),
		cmocka_unit_test(load_should_refuse_a_table_over_one_mebibyte),
		cmocka_unit_test(load_should_not_need_a_terminating_nul),
		cmocka_unit_test(load_should_refuse_a_nul_byte_inside_the_text),
		cmocka_unit_test(load_should_leave_a_previous_table_empty_on_failure),
		cmocka_unit_test(load_should_survive_hostile_input),
		cmocka_unit_test(floatrates_dates_cut_short_should_be_ignored),
		cmocka_unit_test(fixtures_should_load_or_fail_as_named),
		cmocka_unit_test(fixtures_should_hold_the_exact_quotes),
		cmocka_unit_test(feeds_should_be_recognised_by_their_shape),
		cmocka_unit_test(feeds_should_be_refused_whole_naming_the_fault),
		cmocka_unit_test(feed_fixtures_should_load),
		cmocka_unit_test(real_cbu_responses_should_load),
		cmocka_unit_test(read_file_should_return_the_bytes_with_a_nul),
		cmocka_unit_test(read_file_should_refuse_what_it_cannot_use),
		cmocka_unit_test(read_file_should_read_pipes_in_pieces),
		cmocka_unit_test(read_file_should_read_a_fifo),
	};
	/* A writer whose reader stopped gets EPIPE instead of dying of SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
