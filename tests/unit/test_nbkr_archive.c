/*
 * test_nbkr_archive.c - the NBKR's archive page -> rows (the fixture page,
 * exact values, cells with blanks and tags around them, a body without a
 * NUL), the rate in effect on a day (weekends, before the first row), every
 * refusal and its message, the valuta_id and nominal of each code, and the
 * request URL with every placeholder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/load.h"
#include "sarraf/nbkr_archive.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FIX "tests/fixtures/official/"

/* A page's bytes in a buffer of exactly len bytes, no NUL after them: ASan sees any read past len. */
static char *exact_copy(const char *s, size_t len)
{
	char *b = malloc(len > 0 ? len : 1);
	assert_non_null(b);
	memcpy(b, s, len);
	return b;
}

static int parse_text(nbkr_day_rate *out, size_t cap, const char *page, char err[FEED_ERR_MAX])
{
	size_t len = strlen(page);
	char *body = exact_copy(page, len);
	int n = nbkr_archive_parse(out, cap, body, len, err);
	free(body);
	return n;
}

static void assert_day(date_t d, int y, int m, int dd)
{
	assert_int_equal(d.year, y);
	assert_int_equal(d.month, m);
	assert_int_equal(d.day, dd);
}

static void assert_value(dec_t v, long long coef, int exp)
{
	assert_true(v.coef == (dec_int)coef);
	assert_int_equal(v.exp, exp);
}

/* ---- the page --------------------------------------------------------------- */

static void parse_should_read_every_row_of_the_fixture_page(void **state)
{
	static const struct {
		int y, m, d;
		long long coef;
	} want[] = {
		{ 2026, 2, 11, 874500 }, { 2026, 2, 12, 874512 }, { 2026, 2, 13, 874498 },
		{ 2026, 2, 16, 874530 }, { 2026, 2, 17, 874475 }, { 2026, 2, 18, 874501 },
	};
	nbkr_day_rate rows[NBKR_ARCHIVE_MAX_DAYS];
	char err[FEED_ERR_MAX] = "", lerr[LOAD_ERR_MAX];
	char *text = NULL;
	size_t len;
	(void)state;
	if (load_read_file(FIX "nbkr-archive-usd.html", &text, &len, lerr) != 0)
		fail_msg("%s", lerr);
	char *body = exact_copy(text, len);
	free(text);
	int n = nbkr_archive_parse(rows, COUNT(rows), body, len, err);
	free(body);
	if (n < 0)
		fail_msg("%s", err);
	assert_int_equal(n, (int)COUNT(want));
	for (size_t k = 0; k < COUNT(want); k++) {
		assert_day(rows[k].day, want[k].y, want[k].m, want[k].d);
		assert_value(rows[k].value, want[k].coef, -4);
	}
}

static void parse_should_keep_the_digits_as_written(void **state)
{
	static const struct {
		const char *value;
		long long coef;
		int exp;
	} good[] = {
		{ "87,4500", 874500, -4 }, { "87.45", 8745, -2 }, { "1", 1, 0 },     { "0,0012", 12, -4 },
		{ "\n 0,6 \t", 6, -1 },    { "10,000", 10000, -3 }, { "007,50", 750, -2 },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(good); k++) {
		char page[128], err[FEED_ERR_MAX] = "";
		nbkr_day_rate rows[2];
		snprintf(page, sizeof page, "<tr><td><!--date-->02.01.2026<!--date--></td><td><!--value-->%s<!--value-->",
		         good[k].value);
		int n = parse_text(rows, COUNT(rows), page, err);
		if (n != 1)
			fail_msg("'%s': %s", good[k].value, err);
		assert_day(rows[0].day, 2026, 1, 2);
		assert_value(rows[0].value, good[k].coef, good[k].exp);
	}
}

static void parse_should_skip_the_html_between_and_around_cells(void **state)
{
	/* Tags, comments and blanks between a date and its value; a page ending right after a cell. */
	static const char page[] = "<html><!-- a comment --><td><!--date-->30.12.2025<!--date--></td>\r\n"
	                           "<td class=\"x\"><span><!--value-->87,30<!--value--></span></td>"
	                           "<script>var a = '<!--';</script><!--date-->31.12.2025<!--date-->"
	                           "<!--value-->87,31<!--value-->";
	nbkr_day_rate rows[2];
	char err[FEED_ERR_MAX] = "";
	(void)state;
	assert_int_equal(parse_text(rows, COUNT(rows), page, err), 2);
	assert_day(rows[0].day, 2025, 12, 30);
	assert_value(rows[0].value, 8730, -2);
	assert_day(rows[1].day, 2025, 12, 31);
	assert_value(rows[1].value, 8731, -2);
}

#define ROW(d, v) "<tr><td><!--date-->" d "<!--date--></td><td><!--value-->" v "<!--value--></td></tr>\n"

static void parse_should_refuse_bad_pages_naming_the_row(void **state)
{
	static const struct {
		const char *page, *err;
	} bad[] = {
		{ ROW("11.02.2026", "87,45") ROW("12.02.2026", "87,46") ROW("31.02.2026", "87,47"),
		  "row 3: date '31.02.2026' is not a real day" },
		{ ROW("5.2.2026", "87,45"), "row 1: date '5.2.2026' is not DD.MM.YYYY" },
		{ ROW("2026-02-05", "87,45"), "row 1: date '2026-02-05' is not DD.MM.YYYY" },
		{ ROW("", "87,45"), "row 1: date '' is not DD.MM.YYYY" },
		{ ROW("11.02.2026", "87,45") ROW("12.02.2026", "87,4,5"), "row 2: value '87,4,5' is not a decimal > 0" },
		{ ROW("11.02.2026", "-87,45"), "row 1: value '-87,45' is not a decimal > 0" },
		{ ROW("11.02.2026", "+87,45"), "row 1: value '+87,45' is not a decimal > 0" },
		{ ROW("11.02.2026", "8,745e1"), "row 1: value '8,745e1' is not a decimal > 0" },
		{ ROW("11.02.2026", "87,45.1"), "row 1: value '87,45.1' is not a decimal > 0" },
		{ ROW("11.02.2026", "0,0000"), "row 1: value '0,0000' is not a decimal > 0" },
		{ ROW("11.02.2026", ""), "row 1: value '' is not a decimal > 0" },
		{ ROW("11.02.2026", "87,"), "row 1: value '87,' is not a decimal > 0" },
		{ ROW("11.02.2026", ",45"), "row 1: value ',45' is not a decimal > 0" },
		{ ROW("11.02.2026", "1 087,45"), "row 1: value '1 087,45' is not a decimal > 0" },
		{ ROW("11.02.2026", "87&#44;45"), "row 1: value '87&#44;45' is not a decimal > 0" },
		{ ROW("11.02.2026", "-"), "row 1: value '-' is not a decimal > 0" },
		{ ROW("11.02.2026", "1234567890123456789012345678901234567890"),
		  "row 1: value '1234567890123456789012345678901234567890' is not a decimal > 0" },
		{ ROW("11.02.2026", "87,45") "<!--date-->12.02.2026<!--date--></table>",
		  "row 2: a date cell without its value" },
		{ "<!--date-->11.02.2026<!--date--><!--date-->12.02.2026<!--date--><!--value-->1<!--value-->",
		  "row 1: a date cell without its value" },
		{ ROW("11.02.2026", "87,45") "<td><!--value-->87,46<!--value--></td>",
		  "row 2: a value cell without its date" },
		{ "<!--date-->11.02.2026</td><td><!--value-->87,45<!--value-->",
		  "row 1: a date cell without its closing <!--date-->" },
		{ "<!--date-->11.02.2026", "row 1: a date cell without its closing <!--date-->" },
		{ "<!--date-->11.02.2026<!--date--><!--value-->87,45</td>",
		  "row 1: a value cell without its closing <!--value-->" },
		{ ROW("11.02.2026", "87,45") ROW("12.02.2026", "87,46") ROW("11.02.2026", "87,47"),
		  "row 3: date '11.02.2026' repeats row 1" },
		{ "", "no rates in the page" },
		{ "<html><body><table><tr><th>Date</th><th>Rate</th></tr></table></body></html>",
		  "no rates in the page" },
		{ "<!--date--", "no rates in the page" },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(bad); k++) {
		nbkr_day_rate rows[4];
		char err[FEED_ERR_MAX] = "";
		int n = parse_text(rows, COUNT(rows), bad[k].page, err);
		if (n != -1 || strcmp(err, bad[k].err) != 0)
			fail_msg("case %zu: got %d '%s', want '%s'", k, n, err, bad[k].err);
	}
}

static void parse_should_refuse_more_rows_than_room_and_pages_over_1_mib(void **state)
{
	nbkr_day_rate rows[2];
	char err[FEED_ERR_MAX] = "";
	(void)state;
	assert_int_equal(parse_text(rows, 2, ROW("11.02.2026", "1") ROW("12.02.2026", "2") ROW("13.02.2026", "3"), err),
	                 -1);
	assert_string_equal(err, "more than 2 rows in the page");
	assert_int_equal(parse_text(NULL, 0, ROW("11.02.2026", "1"), err), -1);
	assert_string_equal(err, "more than 0 rows in the page");

	size_t len = NBKR_ARCHIVE_MAX_BYTES + 1;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, ' ', len);
	static const char row[] = ROW("11.02.2026", "1");
	memcpy(big, row, sizeof row - 1);
	assert_int_equal(nbkr_archive_parse(rows, 2, big, len, err), -1);
	assert_string_equal(err, "the page is larger than 1 MiB");
	/* One byte less is a page like any other. */
	assert_int_equal(nbkr_archive_parse(rows, 2, big, len - 1, err), 1);
	free(big);
	assert_int_equal(nbkr_archive_parse(rows, 2, NULL, 0, err), -1);
	assert_string_equal(err, "no rates in the page");
}

/* ---- the rate on a day ------------------------------------------------------ */

static void on_should_pick_the_latest_row_on_or_before_the_day(void **state)
{
	/* Thursday to Tuesday, the weekend of the 14th and 15th without rows; then out of order. */
	static const nbkr_day_rate rows[] = {
		{ { 2026, 2, 12 }, { 8745, -2 } }, { { 2026, 2, 13 }, { 8746, -2 } },
		{ { 2026, 2, 16 }, { 8747, -2 } }, { { 2026, 2, 17 }, { 8748, -2 } },
	};
	const nbkr_day_rate shuffled[] = { rows[2], rows[0], rows[3], rows[1] };
	static const struct {
		date_t day;
		int want; /* index into rows, -1: none */
	} cases[] = {
		{ { 2026, 2, 11 }, -1 }, { { 2025, 12, 31 }, -1 }, { { 2026, 2, 12 }, 0 },
		{ { 2026, 2, 13 }, 1 },  { { 2026, 2, 14 }, 1 },    { { 2026, 2, 15 }, 1 },
		{ { 2026, 2, 16 }, 2 },  { { 2026, 2, 17 }, 3 },    { { 2026, 3, 1 }, 3 },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		const nbkr_day_rate *a = nbkr_archive_on(rows, COUNT(rows), cases[k].day);
		const nbkr_day_rate *b = nbkr_archive_on(shuffled, COUNT(shuffled), cases[k].day);
		if (cases[k].want < 0) {
			assert_null(a);
			assert_null(b);
			continue;
		}
		assert_ptr_equal(a, &rows[cases[k].want]);
		assert_non_null(b);
		assert_int_equal(date_cmp(b->day, rows[cases[k].want].day), 0);
	}
	assert_null(nbkr_archive_on(rows, 0, (date_t){ 2026, 2, 17 }));
}

/* ---- codes and the URL ------------------------------------------------------ */

static void codes_should_map_to_the_banks_ids_and_nominals(void **state)
{
	static const struct {
		const char *code;
		int id, nominal;
	} codes[] = {
		{ "USD", 15, 1 },  { "EUR", 20, 1 },  { "CNY", 24, 1 },  { "KZT", 40, 1 },  { "RUB", 44, 1 },
		{ "TJS", 45, 1 },  { "UZS", 46, 1 },  { "TMT", 108, 1 }, { "GBP", 17, 1 },  { "CHF", 35, 1 },
		{ "JPY", 36, 10 }, { "TRY", 57, 1 },  { "AMD", -1, 10 }, { "IDR", -1, 10 }, { "HUF", -1, 10 },
		{ "XXX", -1, -1 }, { "KGS", -1, -1 }, { "usd", -1, -1 }, { "USDX", -1, -1 }, { "", -1, -1 },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(codes); k++) {
		assert_int_equal(nbkr_archive_id(codes[k].code), codes[k].id);
		assert_int_equal(nbkr_archive_nominal(codes[k].code), codes[k].nominal);
	}
	assert_int_equal(nbkr_archive_id(NULL), -1);
	assert_int_equal(nbkr_archive_nominal(NULL), -1);
}

static void url_should_fill_every_placeholder(void **state)
{
	char out[512];
	date_t from = { 2025, 3, 7 }, to = { 2026, 2, 18 };
	(void)state;
	assert_int_equal(nbkr_archive_url(out, sizeof out, NULL, 15, from, to), 0);
	assert_string_equal(out, "https://www.nbkr.kg/index1.jsp?item=1562&lang=ENG&valuta_id=15&beg_day=07"
	                         "&beg_month=03&beg_year=2025&end_day=18&end_month=02&end_year=2026");
	assert_int_equal(nbkr_archive_url(out, sizeof out, NBKR_ARCHIVE_URL, 108, from, to), 0);
	assert_non_null(strstr(out, "valuta_id=108&"));

	static const char tmpl[] = "http://127.0.0.1:8080/{ID}/{FROM_YYYY}-{FROM_MM}-{FROM_DD}/{YYYY}-{MM}-{DD}"
	                           "?again={ID}{DD}&keep={X}{FROM_}{id}";
	static const char want[] = "http://127.0.0.1:8080/36/2025-03-07/2026-02-18?again=3618&keep={X}{FROM_}{id}";
	assert_int_equal(nbkr_archive_url(out, sizeof out, tmpl, 36, from, to), 0);
	assert_string_equal(out, want);
	/* Exactly room for it, and one byte less. */
	assert_int_equal(nbkr_archive_url(out, sizeof want, tmpl, 36, from, to), 0);
	assert_string_equal(out, want);
	assert_int_equal(nbkr_archive_url(out, sizeof want - 1, tmpl, 36, from, to), -1);
	assert_int_equal(nbkr_archive_url(out, 0, tmpl, 36, from, to), -1);
	assert_int_equal(nbkr_archive_url(out, sizeof out, "plain", 15, from, to), 0);
	assert_string_equal(out, "plain");
	/* No URL for an unknown currency or a day that does not exist. */
	assert_int_equal(nbkr_archive_url(out, sizeof out, NULL, nbkr_archive_id("XXX"), from, to), -1);
	assert_int_equal(nbkr_archive_url(out, sizeof out, NULL, 15, (date_t){ 2026, 2, 30 }, to), -1);
	assert_int_equal(nbkr_archive_url(out, sizeof out, NULL, 15, from, (date_t){ 0, 0, 0 }), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_should_read_every_row_of_the_fixture_page),
		cmocka_unit_test(parse_should_keep_the_digits_as_written),
		cmocka_unit_test(parse_should_skip_the_html_between_and_around_cells),
		cmocka_unit_test(parse_should_refuse_bad_pages_naming_the_row),
		cmocka_unit_test(parse_should_refuse_more_rows_than_room_and_pages_over_1_mib),
		cmocka_unit_test(on_should_pick_the_latest_row_on_or_before_the_day),
		cmocka_unit_test(codes_should_map_to_the_banks_ids_and_nominals),
		cmocka_unit_test(url_should_fill_every_placeholder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
