/*
 * feed_json.c - what the JSON feeds' parsers share: values read exactly,
 * the builder that keeps a feed accepted whole or refused whole (no
 * currency twice, values > 0), and the small readers of their members.
 */
#include "feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "../i18n.h"

#include <math.h>
#include <stdint.h>

/*
 * The shortest decimal that reads back as v: the first of 1..17 significant
 * digits that strtod turns into the same double (17 always does), so a
 * number written with at most 15 significant digits comes back as written.
 * An integer is written out in full up to 21 digits, as JavaScript does, so
 * 12850 is coef 12850, exp 0 rather than 1285e1.
 */
static dec_status number_to_dec(dec_t *out, double v)
{
	char text[40];
	if (!isfinite(v))
		return DEC_RANGE;
	for (int digits = 1; digits <= 17; digits++) {
		snprintf(text, sizeof text, "%.*e", digits - 1, v);
		if (strtod(text, NULL) == v)
			break;
	}
	dec_t d;
	dec_status st = dec_parse_cstr(&d, text);
	if (st != DEC_OK)
		return st;
	if (d.coef != 0 && d.exp > 0 && dec_digits(&d) + d.exp <= 21) {
		for (; d.exp > 0; d.exp--)
			d.coef *= 10;
	}
	*out = d;
	return DEC_OK;
}
/*
 * A quote's value: a JSON string holding a decimal, or a JSON number; > 0.
 * Messages start with `what` and the key: "quote 'KZT/USD': value is zero".
 */
bool feed_quote_value(dec_t *out, const cJSON *v, const char *what, const char *key,
                        char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE], s[MSG_SHOWN_SIZE];
	dec_status st;

	if (cJSON_IsString(v) && v->valuestring != NULL)
		st = dec_parse_cstr(out, v->valuestring);
	else if (cJSON_IsNumber(v))
		st = number_to_dec(out, v->valuedouble);
	else {
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': value must be a string or a number"), what, msg_shown_str(k, key));
		return false;
	}
	if (st != DEC_OK && cJSON_IsString(v)) {
		msg_set(err, LOAD_ERR_MAX,
		        st == DEC_RANGE ? _("%s '%s': value '%s' is out of range")
		                        : _("%s '%s': value '%s' is not a decimal number"),
		        what, msg_shown_str(k, key), msg_shown_str(s, v->valuestring));
		return false;
	}
	if (st != DEC_OK) {
		/* Only an overflowing number (1e999 is infinite to cJSON) gets here. */
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': value is out of range"), what, msg_shown_str(k, key));
		return false;
	}
	int sign = dec_sign(out);
	if (sign <= 0) {
		msg_set(err, LOAD_ERR_MAX, sign == 0 ? _("%s '%s': value is zero") : _("%s '%s': value is negative"),
		        what, msg_shown_str(k, key));
		return false;
	}
	return true;
}
size_t feed_code_index(const char code[4])
{
	return ((size_t)(code[0] - 'A') * 26 + (size_t)(code[1] - 'A')) * 26 + (size_t)(code[2] - 'A');
}
bool feed_begin(feed *f, rates_table *t, char err[LOAD_ERR_MAX])
{
	f->t = t;
	f->date[0] = '\0';
	f->seen = calloc(FEED_CODES / 8 + 1, 1);
	if (f->seen == NULL)
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
	return f->seen != NULL;
}
/* True when x is exactly 1 (1, 1.0, 1e0, 10e-1 ...). */
static bool dec_is_one(const dec_t *x)
{
	dec_t d = *x;
	while (d.exp < 0 && d.coef != 0 && d.coef % 10 == 0) {
		d.coef /= 10;
		d.exp++;
	}
	return d.coef == 1 && d.exp == 0;
}
/*
 * One currency of a feed: code (upper case) = v / 10^shift in the base, or
 * 1 base = v code when inverse. Messages begin "<what> '<key>': ". The base
 * itself may be listed at 1 (er-api and fawazahmed0 do): it adds nothing.
 */
bool feed_add(feed *f, const char code[4], const cJSON *v, int shift, bool inverse,
                     const char *what, const char *key, char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE];
	dec_t value;
	if (!feed_quote_value(&value, v, what, key, err))
		return false;
	if (strcmp(code, f->t->base) == 0) {
		if (shift == 0 && dec_is_one(&value))
			return true;
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': quotes the base against itself"), what, msg_shown_str(k, key));
		return false;
	}
	size_t i = feed_code_index(code);
	if (f->seen[i / 8] & (1u << (i % 8))) {
		msg_set(err, LOAD_ERR_MAX, _("%s '%s': %s is quoted twice"), what, msg_shown_str(k, key), code);
		return false;
	}
	f->seen[i / 8] |= (unsigned char)(1u << (i % 8));
	value.exp -= shift;
	if (!rates_add(f->t, code, &value, inverse)) {
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
		return false;
	}
	f->t->quotes[f->t->count - 1].nominal_digits = shift;
	return true;
}
/* Keep the latest of the dates seen (ISO dates compare as strings). */
void feed_date(feed *f, const char *iso)
{
	if (strlen(iso) < sizeof f->date && strcmp(iso, f->date) > 0)
		snprintf(f->date, sizeof f->date, "%s", iso);
}
/* The feed's date, and a source naming the feed and where it was read from. */
bool feed_end(feed *f, const char *kind, const char *origin, char err[LOAD_ERR_MAX])
{
	char source[512];
	bool ok = true;
	free(f->seen);
	f->seen = NULL;
	if (f->t->count == 0) {
		msg_set(err, LOAD_ERR_MAX, _("%s: no currency besides the base"), kind);
		return false;
	}
	if (origin != NULL)
		snprintf(source, sizeof source, "%s, %s", kind, origin);
	else
		snprintf(source, sizeof source, "%s", kind);
	if (!rates_set_string(&f->t->source, source) ||
	    !rates_set_string(&f->t->date, f->date[0] ? f->date : NULL)) {
		msg_set(err, LOAD_ERR_MAX, _("out of memory"));
		ok = false;
	}
	return ok;
}
bool feed_fail(feed *f)
{
	free(f->seen);
	f->seen = NULL;
	return false;
}
/* A member's string value, or NULL when it is missing or not a string. */
const char *feed_member_string(const cJSON *obj, const char *name)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsString(m) ? m->valuestring : NULL;
}
/* True when s is exactly three ASCII letters and so a code; out is upper case. */
bool feed_code(char out[4], const char *s)
{
	return s != NULL && currency_normalize(out, s);
}
/* "dd.mm.yyyy" -> "yyyy-mm-dd"; false when it is not a real date. */
bool feed_dotted_date_to_iso(char out[FEED_DATE_MAX], const char *s)
{
	date_t d;
	if (s == NULL || !date_parse_dotted(&d, s, strlen(s)))
		return false;
	date_format_iso(out, d);
	return true;
}
/* "1", "10", "100" ... -> 0, 1, 2 ...; -1 for anything that is not a power of ten. */
int feed_power_of_ten(const cJSON *v)
{
	char text[32];
	const char *s = NULL;
	if (cJSON_IsString(v))
		s = v->valuestring;
	else if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble <= 1e18) {
		snprintf(text, sizeof text, "%.0f", v->valuedouble);
		s = text;
	}
	return s == NULL ? -1 : dec_power_of_ten(s, strlen(s), FEED_MAX_NOMINAL_DIGITS);
}
