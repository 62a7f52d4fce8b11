/*
 * date.h - calendar days: the one place where dates are read, checked and
 * written. Every feed, the table loader and --date use it.
 *
 *   ISO     "2026-04-01"     (YYYY-MM-DD, as tables and --date write it)
 *   dotted  "01.04.2026"     (DD.MM.YYYY, as the region's banks write it)
 *
 * A day must exist in its month (leap years included); years are 1000 to
 * 9999. No locale, no <time.h> parsing: digits are scanned by hand.
 */
#ifndef SARRAF_DATE_H
#define SARRAF_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* "YYYY-MM-DD" and its NUL. */
#define DATE_ISO_SIZE 11

typedef struct {
	int year, month, day;
} date_t;

/* true when year-month-day is a real day of the years 1000 to 9999. */
bool date_valid(int year, int month, int day);

/* Days in a month (1-12) of a year. */
int date_days_in_month(int year, int month);

/* s[0..n) is exactly "YYYY-MM-DD" (a real day) -> *d. */
bool date_parse_iso(date_t *d, const char *s, size_t n);

/* s[0..n) is exactly "DD.MM.YYYY" (a real day) -> *d. */
bool date_parse_dotted(date_t *d, const char *s, size_t n);

/* Either form. */
bool date_parse(date_t *d, const char *s, size_t n);

/*
 * ISO 8601 extended calendar date, optionally with a time, as tables carry:
 *   YYYY-MM-DD[Thh:mm[:ss[.fff...]][Z|+hh[:mm]|-hh[:mm]]]
 * *d (may be NULL) gets the day.
 */
bool date_parse_iso_time(date_t *d, const char *s);

/*
 * An HTTP date ("Fri, 13 Jan 2023 11:55:01 GMT", or "+0000" for the zone)
 * as ISO 8601 ("2023-01-13T11:55:01Z") into out (cap bytes). False when s
 * is not of that form.
 */
bool date_http_to_iso(char *out, size_t cap, const char *s);

/* "2026-04-01" into out. */
void date_format_iso(char out[DATE_ISO_SIZE], date_t d);

/* Days since 1970-01-01 (negative before), and back. */
long date_to_days(date_t d);
date_t date_from_days(long days);

/* d moved by n days. */
date_t date_add(date_t d, long n);

/* <0, 0, >0 as a is before, the same as, after b. */
int date_cmp(date_t a, date_t b);

/*
 * The region's clock: Asia/Bishkek, UTC+6 all year (no summer time), the
 * day the banks' rates are published for. The user's TZ plays no part, so
 * that "today" is the same for everyone asking for the same rates.
 */
#define DATE_REGION_UTC_OFFSET (6 * 3600)

/* The region's day at a moment (seconds since the epoch). */
date_t date_on(long long seconds);

/* Today in the region: date_on(now). */
date_t date_today(void);

/* Room for a UTC time "2026-04-05T08:00:00Z" and its NUL. */
#define DATE_UTC_SIZE 21

/* A moment (seconds since the epoch) as ISO 8601 UTC, "2026-04-05T08:00:00Z". */
void date_format_utc(char out[DATE_UTC_SIZE], long long seconds);

/* s[0..n) exactly as date_format_utc writes it (a real day and time) -> *seconds. */
bool date_parse_utc(long long *seconds, const char *s, size_t n);

/*
 * A URL template with {YYYY}, {MM} and {DD} -> out (cap bytes), those
 * replaced by d's parts. Returns the number of placeholders replaced (0:
 * the template is a plain URL, copied as it is), or -1 when out is too
 * small.
 */
int date_expand(char *out, size_t cap, const char *tmpl, date_t d);

/* A placeholder of a template ("{ID}") and the text that stands for it. */
typedef struct {
	const char *name;
	const char *value;
} date_placeholder;

/*
 * tmpl -> out (cap bytes) with each of the n placeholders replaced by its
 * value. Returns how many were replaced, or -1 when out is too small.
 * date_expand is this with {YYYY}, {MM} and {DD}.
 */
int date_fill(char *out, size_t cap, const char *tmpl, const date_placeholder *ph, size_t n);

/* true when s holds one of {YYYY}, {MM}, {DD}. */
bool date_is_template(const char *s);

#endif
