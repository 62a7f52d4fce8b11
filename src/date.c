/*
 * date.c - calendar days (see date.h). Day numbers use the civil-from-days
 * algorithm (proleptic Gregorian calendar), so a range of days is plain
 * integer arithmetic.
 */
#include "sarraf/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The value of n ASCII digits at s, or -1 when one of them is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

bool date_valid(int year, int month, int day)
{
	return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= date_days_in_month(year, month);
}

static bool set(date_t *d, int year, int month, int day)
{
	if (!date_valid(year, month, day))
		return false;
	d->year = year;
	d->month = month;
	d->day = day;
	return true;
}

bool date_parse_iso(date_t *d, const char *s, size_t n)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return false;
	return set(d, digits(s, 4), digits(s + 5, 2), digits(s + 8, 2));
}

bool date_parse_dotted(date_t *d, const char *s, size_t n)
{
	if (n != 10 || s[2] != '.' || s[5] != '.')
		return false;
	return set(d, digits(s + 6, 4), digits(s + 3, 2), digits(s, 2));
}

bool date_parse(date_t *d, const char *s, size_t n)
{
	return date_parse_iso(d, s, n) || date_parse_dotted(d, s, n);
}

/* "+05:00", "-0300", "+05" or "Z" at the end of a time; false for anything else. */
static bool zone_valid(const char *s)
{
	if (s[0] == '\0' || (s[0] == 'Z' && s[1] == '\0'))
		return true;
	if (s[0] != '+' && s[0] != '-')
		return false;
	int hh = digits(s + 1, 2);
	if (hh < 0 || hh > 23)
		return false;
	s += 3;
	if (*s == ':')
		s++;
	if (*s == '\0' && s[-1] != ':')
		return true;
	int mm = digits(s, 2);
	return mm >= 0 && mm <= 59 && s[2] == '\0';
}

bool date_parse_iso_time(date_t *d, const char *s)
{
	date_t day;
	/* One part at a time: s may end anywhere, and nothing past its NUL is read. */
	if (strnlen(s, 10) < 10 || !date_parse_iso(&day, s, 10))
		return false;
	if (d != NULL)
		*d = day;
	if (s[10] == '\0')
		return true;
	if (s[10] != 'T')
		return false;
	s += 11;
	int hh = digits(s, 2);
	if (hh < 0 || hh > 23 || s[2] != ':')
		return false;
	int mm = digits(s + 3, 2);
	if (mm < 0 || mm > 59)
		return false;
	s += 5;
	if (*s == ':') {
		int ss = digits(s + 1, 2);
		if (ss < 0 || ss > 60) /* 60: a leap second */
			return false;
		s += 3;
		if (*s == '.') {
			s++;
			if (digits(s, 1) < 0)
				return false;
			while (digits(s, 1) >= 0)
				s++;
		}
	}
	return zone_valid(s);
}

bool date_http_to_iso(char *out, size_t cap, const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char iso[40];
	const char *comma = strchr(s, ',');
	if (comma != NULL)
		s = comma + 1;
	while (*s == ' ')
		s++;
	int dlen = s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' ? 2 : 1;
	int day = digits(s, dlen);
	if (day < 0 || s[dlen] != ' ')
		return false;
	s += dlen + 1;
	int month = 0;
	for (int m = 0; m < 12; m++)
		if (strncmp(s, months + 3 * m, 3) == 0)
			month = m + 1;
	if (month == 0 || s[3] != ' ')
		return false;
	s += 4;
	int year = digits(s, 4);
	if (year < 0 || s[4] != ' ')
		return false;
	s += 5;
	int hh = digits(s, 2);
	if (hh < 0 || s[2] != ':')
		return false;
	int mm = digits(s + 3, 2);
	if (mm < 0 || s[5] != ':')
		return false;
	int ss = digits(s + 6, 2);
	if (ss < 0 || s[8] != ' ')
		return false;
	s += 9;
	char zone[8];
	if (strcmp(s, "GMT") == 0 || strcmp(s, "UTC") == 0 || strcmp(s, "+0000") == 0)
		snprintf(zone, sizeof zone, "Z");
	else if ((s[0] == '+' || s[0] == '-') && digits(s + 1, 4) >= 0 && s[5] == '\0')
		snprintf(zone, sizeof zone, "%c%.2s:%.2s", s[0], s + 1, s + 3);
	else
		return false;
	int n = snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d%s", year, month, day, hh, mm,
	                 ss, zone);
	if (n < 0 || (size_t)n >= cap || !date_parse_iso_time(NULL, iso))
		return false;
	memcpy(out, iso, (size_t)n + 1);
	return true;
}

/* n in `width` digits at out (the low ones: the caller keeps n in range). */
static void put_digits(char *out, int n, int width)
{
	for (int k = width - 1; k >= 0; k--, n /= 10)
		out[k] = (char)('0' + (n < 0 ? -n : n) % 10);
}

void date_format_iso(char out[DATE_ISO_SIZE], date_t d)
{
	put_digits(out, d.year, 4);
	out[4] = '-';
	put_digits(out + 5, d.month, 2);
	out[7] = '-';
	put_digits(out + 8, d.day, 2);
	out[10] = '\0';
}

/* Howard Hinnant's days_from_civil and civil_from_days. */
long date_to_days(date_t d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

date_t date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	date_t d;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

date_t date_add(date_t d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

int date_cmp(date_t a, date_t b)
{
	long x = date_to_days(a), y = date_to_days(b);
	return (x > y) - (x < y);
}

/* Floor division: the day of a moment before the epoch is the day before. */
static long long floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

date_t date_on(long long seconds)
{
	return date_from_days((long)floor_div(seconds + DATE_REGION_UTC_OFFSET, 86400));
}

date_t date_today(void)
{
	return date_on((long long)time(NULL));
}

void date_format_utc(char out[DATE_UTC_SIZE], long long seconds)
{
	long long day = floor_div(seconds, 86400), s = seconds - day * 86400;
	date_format_iso(out, date_from_days((long)day));
	out[10] = 'T';
	put_digits(out + 11, (int)(s / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (int)(s / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (int)(s % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

bool date_parse_utc(long long *seconds, const char *s, size_t n)
{
	date_t d;
	if (n != 20 || !date_parse_iso(&d, s, 10) || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != 'Z')
		return false;
	int hh = digits(s + 11, 2), mm = digits(s + 14, 2), ss = digits(s + 17, 2);
	if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59)
		return false;
	*seconds = (long long)date_to_days(d) * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}

int date_fill(char *out, size_t cap, const char *tmpl, const date_placeholder *ph, size_t n)
{
	size_t o = 0;
	int count = 0;
	if (cap == 0)
		return -1;
	for (const char *p = tmpl; *p != '\0';) {
		const char *put = p;
		size_t len = 1, skip = 1;
		for (size_t k = 0; k < n; k++) {
			size_t name_len = strlen(ph[k].name);
			if (strncmp(p, ph[k].name, name_len) == 0) {
				put = ph[k].value;
				len = strlen(put);
				skip = name_len;
				count++;
				break;
			}
		}
		if (o + len >= cap)
			return -1;
		memcpy(out + o, put, len);
		o += len;
		p += skip;
	}
	out[o] = '\0';
	return count;
}

static const char *const day_names[] = { "{YYYY}", "{MM}", "{DD}" };

int date_expand(char *out, size_t cap, const char *tmpl, date_t d)
{
	char iso[DATE_ISO_SIZE], parts[3][5];
	date_format_iso(iso, d);
	memcpy(parts[0], iso, 4);
	parts[0][4] = '\0';
	memcpy(parts[1], iso + 5, 2);
	parts[1][2] = '\0';
	memcpy(parts[2], iso + 8, 2);
	parts[2][2] = '\0';
	date_placeholder ph[3] = { { day_names[0], parts[0] }, { day_names[1], parts[1] },
		                       { day_names[2], parts[2] } };
	return date_fill(out, cap, tmpl, ph, 3);
}

bool date_is_template(const char *s)
{
	for (size_t k = 0; k < sizeof day_names / sizeof day_names[0]; k++)
		if (strstr(s, day_names[k]) != NULL)
			return true;
	return false;
}
