/*
 * tables_values.c - the values of the options that tables.h takes: --max-age
 * ("6h"), --timeout ("2.5"), and an age written for messages.
 */
#include "sarraf/tables.h"

#include "i18n.h"

#include <stdio.h>

/* The largest --max-age: 100 years, so that seconds never overflow. */
#define MAX_AGE_LIMIT (100LL * 366 * 24 * 3600)
/* The largest --timeout: 10 minutes. */
#define TIMEOUT_LIMIT_MS 600000L

/* ---- option values ------------------------------------------------------------ */

bool tables_parse_duration(const char *s, long long *seconds)
{
	long long v = 0;
	size_t n = 0;
	for (; s[n] >= '0' && s[n] <= '9'; n++) {
		if (n >= 12)
			return false;
		v = v * 10 + (s[n] - '0');
	}
	if (n == 0)
		return false;
	static const struct {
		char unit;
		long long seconds;
	} units[] = { { 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 } };
	long long mult = 1;
	if (s[n] != '\0') {
		size_t k;
		for (k = 0; k < sizeof units / sizeof units[0]; k++)
			if (s[n] == units[k].unit)
				break;
		if (k == sizeof units / sizeof units[0] || s[n + 1] != '\0')
			return false;
		mult = units[k].seconds;
	}
	if (v > MAX_AGE_LIMIT / mult)
		return false;
	*seconds = v * mult;
	return true;
}

bool tables_parse_timeout(const char *s, long *ms)
{
	long v = 0;
	size_t n = 0, frac = 0;
	for (; s[n] >= '0' && s[n] <= '9'; n++) {
		if (n >= 4)
			return false;
		v = v * 10 + (s[n] - '0');
	}
	size_t whole = n;
	v *= 1000;
	if (s[n] == '.') {
		long scale = 100;
		for (n++; s[n] >= '0' && s[n] <= '9'; n++, frac++) {
			if (frac >= 3)
				return false;
			v += (s[n] - '0') * scale;
			scale /= 10;
		}
	}
	if ((whole == 0 && frac == 0) || s[n] != '\0' || v < 1 || v > TIMEOUT_LIMIT_MS)
		return false;
	*ms = v;
	return true;
}

void tables_age_text(char *buf, size_t cap, long long s)
{
	if (s < 60)
		snprintf(buf, cap, _("%lld s"), s);
	else if (s < 3600)
		snprintf(buf, cap, _("%lld min"), s / 60);
	else if (s < 86400)
		snprintf(buf, cap, _("%lld h %lld min"), s / 3600, s % 3600 / 60);
	else
		snprintf(buf, cap, _("%lld d %lld h"), s / 86400, s % 86400 / 3600);
}
