/* test_date.c - calendar days: both written forms, real days only, day arithmetic, templates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sarraf/date.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void parse_should_take_real_days_in_either_form(void **state)
{
	static const struct {
		const char *s;
		int y, m, d;
	} good[] = {
		{ "2026-04-01", 2026, 4, 1 }, { "01.04.2026", 2026, 4, 1 },
		{ "2024-02-29", 2024, 2, 29 }, { "29.02.2000", 2000, 2, 29 },
		{ "1999-12-31", 1999, 12, 31 }, { "9999-12-31", 9999, 12, 31 },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(good); k++) {
		date_t d;
		assert_true(date_parse(&d, good[k].s, strlen(good[k].s)));
		assert_int_equal(d.year, good[k].y);
		assert_int_equal(d.month, good[k].m);
		assert_int_equal(d.day, good[k].d);
		char iso[DATE_ISO_SIZE];
		date_format_iso(iso, d);
		date_t back;
		assert_true(date_parse_iso(&back, iso, strlen(iso)));
		assert_int_equal(date_cmp(d, back), 0);
	}
}

static void parse_should_refuse_impossible_and_malformed_days(void **state)
{
	static const char *const bad[] = {
		"2026-02-30", "31.02.2026", "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
		"2026-04-00", "2026-4-01", "2026/04/01", "01-04-2026", "2026-04-01T", " 2026-04-01",
		"0999-12-31", "", "2026-04-0x", "1.04.2026", "01.04.26",
	};
	(void)state;
	for (size_t k = 0; k < COUNT(bad); k++) {
		date_t d;
		assert_false(date_parse(&d, bad[k], strlen(bad[k])));
	}
}

static void iso_time_should_take_a_time_and_zone(void **state)
{
	(void)state;
	assert_true(date_parse_iso_time(NULL, "2026-04-01"));
	assert_true(date_parse_iso_time(NULL, "2026-04-01T15:30:00+05:00"));
	assert_true(date_parse_iso_time(NULL, "2026-04-01T15:30Z"));
	assert_false(date_parse_iso_time(NULL, "2026-02-31"));
	assert_false(date_parse_iso_time(NULL, "2026-04-01T25:00"));
	assert_false(date_parse_iso_time(NULL, "2026-04"));
	char out[40];
	assert_true(date_http_to_iso(out, sizeof out, "Fri, 13 Jan 2023 11:55:01 GMT"));
	assert_string_equal(out, "2023-01-13T11:55:01Z");
	assert_false(date_http_to_iso(out, sizeof out, "Fri, 30 Feb 2023 11:55:01 GMT"));
}

static void days_should_count_across_months_years_and_leap_days(void **state)
{
	(void)state;
	date_t epoch = { 1970, 1, 1 }, d = { 2024, 2, 28 };
	assert_int_equal(date_to_days(epoch), 0);
	date_t next = date_add(d, 1);
	assert_int_equal(next.month, 2);
	assert_int_equal(next.day, 29);
	next = date_add(d, 2);
	assert_int_equal(next.month, 3);
	assert_int_equal(next.day, 1);
	date_t back = date_add((date_t){ 2026, 1, 1 }, -1);
	assert_int_equal(back.year, 2025);
	assert_int_equal(back.month, 12);
	assert_int_equal(back.day, 31);
	/* Every day of four centuries goes there and back. */
	for (long n = date_to_days((date_t){ 1800, 1, 1 }); n < date_to_days((date_t){ 2200, 1, 1 }); n++) {
		date_t x = date_from_days(n);
		assert_true(date_valid(x.year, x.month, x.day));
		assert_int_equal(date_to_days(x), n);
	}
	assert_true(date_cmp((date_t){ 2026, 4, 1 }, (date_t){ 2026, 3, 31 }) > 0);
}

static void expand_should_fill_placeholders_and_keep_plain_urls(void **state)
{
	char out[128];
	date_t d = { 2026, 4, 1 };
	(void)state;
	assert_int_equal(date_expand(out, sizeof out, "http://h/{DD}.{MM}.{YYYY}.xml", d), 3);
	assert_string_equal(out, "http://h/01.04.2026.xml");
	assert_int_equal(date_expand(out, sizeof out, "http://h/latest", d), 0);
	assert_string_equal(out, "http://h/latest");
	assert_int_equal(date_expand(out, sizeof out, "{YYYY}{YYYY}", d), 2);
	assert_string_equal(out, "20262026");
	assert_int_equal(date_expand(out, 8, "http://h/{YYYY}", d), -1);
	assert_true(date_is_template("x{MM}"));
	assert_false(date_is_template("x{M}"));
}

/* The region's day is UTC+6: 18:00 UTC is already the next day in Bishkek, whatever TZ says. */
static void the_regions_day_should_be_utc_plus_6(void **state)
{
	static const struct {
		long long t;
		const char *day, *utc;
	} cases[] = {
		{ 1775325599LL, "2026-04-04", "2026-04-04T17:59:59Z" },
		{ 1775325600LL, "2026-04-05", "2026-04-04T18:00:00Z" },
		{ 1775390400LL, "2026-04-05", "2026-04-05T12:00:00Z" },
		{ 0, "1970-01-01", "1970-01-01T00:00:00Z" },
		{ -21601LL, "1969-12-31", "1969-12-31T17:59:59Z" },
		{ -21600LL, "1970-01-01", "1969-12-31T18:00:00Z" },
	};
	(void)state;
	setenv("TZ", "America/New_York", 1);
	for (size_t k = 0; k < COUNT(cases); k++) {
		char iso[DATE_ISO_SIZE], utc[DATE_UTC_SIZE];
		date_format_iso(iso, date_on(cases[k].t));
		assert_string_equal(iso, cases[k].day);
		date_format_utc(utc, cases[k].t);
		assert_string_equal(utc, cases[k].utc);
		assert_true(date_parse_iso_time(NULL, utc));
		long long back = 0;
		assert_true(date_parse_utc(&back, utc, strlen(utc)));
		assert_true(back == cases[k].t);
	}
	static const char *bad[] = { "2026-04-05T08:00:00", "2026-04-05T24:00:00Z", "2026-02-30T08:00:00Z",
		                         "2026-04-05 08:00:00Z", "2026-04-05T08:00:60Z", "2026-04-05T8:00:00Z" };
	for (size_t k = 0; k < COUNT(bad); k++) {
		long long t;
		assert_false(date_parse_utc(&t, bad[k], strlen(bad[k])));
	}
	date_t today = date_today(), now = date_on((long long)time(NULL));
	assert_true(date_cmp(today, now) <= 0 && date_to_days(now) - date_to_days(today) <= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_should_take_real_days_in_either_form),
		cmocka_unit_test(parse_should_refuse_impossible_and_malformed_days),
		cmocka_unit_test(iso_time_should_take_a_time_and_zone),
		cmocka_unit_test(days_should_count_across_months_years_and_leap_days),
		cmocka_unit_test(expand_should_fill_placeholders_and_keep_plain_urls),
		cmocka_unit_test(the_regions_day_should_be_utc_plus_6),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
