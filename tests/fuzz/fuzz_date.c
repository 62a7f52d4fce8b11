/*
 * fuzz_date.c - libFuzzer target for the date readers of date.h: the
 * --date and --since options, a stream's --date-field, the dates of tables
 * and feeds, and URL templates.
 *
 * Properties:
 *   - date_parse accepts exactly the real days written YYYY-MM-DD or
 *     DD.MM.YYYY (checked against a reference that reads the digits), and
 *     the day written back by date_format_iso reads as the same day;
 *   - day numbers go there and back, and moving n days and back is no move;
 *   - date_parse_iso_time accepts only what starts with a real ISO day;
 *   - an HTTP date that is accepted comes out as an ISO 8601 time that
 *     date_parse_iso_time accepts;
 *   - a URL template filled in keeps no placeholder, and a plain one is
 *     copied as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/date.h"

static int num(const char *s, int n)
{
	int v = 0;
	for (int k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + s[k] - '0';
	}
	return v;
}

/* The reference: the shape, then the calendar by a table of month lengths. */
static int reference(const char *s, size_t n, date_t *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, dd;
	if (n == 10 && s[4] == '-' && s[7] == '-') {
		y = num(s, 4), m = num(s + 5, 2), dd = num(s + 8, 2);
	} else if (n == 10 && s[2] == '.' && s[5] == '.') {
		dd = num(s, 2), m = num(s + 3, 2), y = num(s + 6, 4);
	} else {
		return 0;
	}
	if (y < 1000 || m < 1 || m > 12 || dd < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (dd > mdays[m - 1] + (m == 2 && leap))
		return 0;
	d->year = y, d->month = m, d->day = dd;
	return 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data;
	char *z = malloc(size + 1), out[512], iso[DATE_ISO_SIZE];
	date_t d, r;
	if (z == NULL)
		abort();
	memcpy(z, data, size);
	z[size] = '\0';

	int got = date_parse(&d, s, size), want = reference(s, size, &r);
	if (got != want)
		abort();
	if (got) {
		if (d.year != r.year || d.month != r.month || d.day != r.day)
			abort();
		date_format_iso(iso, d);
		date_t back;
		if (!date_parse_iso(&back, iso, strlen(iso)) || date_cmp(back, d) != 0)
			abort();
		long n = date_to_days(d);
		if (date_cmp(date_from_days(n), d) != 0)
			abort();
		long shift = (long)(size * 37 % 4000) - 2000;
		if (date_cmp(date_add(date_add(d, shift), -shift), d) != 0 || date_to_days(date_add(d, shift)) != n + shift)
			abort();
	}

	if (date_parse_iso_time(&d, z)) {
		date_t day;
		if (strlen(z) < 10 || !date_parse_iso(&day, z, 10) || date_cmp(day, d) != 0)
			abort();
	}

	if (date_http_to_iso(out, sizeof out, z) && !date_parse_iso_time(NULL, out))
		abort();

	date_t when = { 2026, 4, 1 };
	int count = date_expand(out, sizeof out, z, when);
	if (count >= 0) {
		if (strstr(out, "{YYYY}") != NULL || strstr(out, "{MM}") != NULL || strstr(out, "{DD}") != NULL)
			abort();
		if (count == 0 && strcmp(out, z) != 0 && strlen(z) == size)
			abort();
		if ((count > 0) != date_is_template(z))
			abort();
	} else if (size + 1 < sizeof out && !date_is_template(z)) {
		abort(); /* a plain template that fits is never refused */
	}
	free(z);
	return 0;
}
