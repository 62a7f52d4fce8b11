/*
 * erapi.c - open.er-api.com and fixer-style APIs, Frankfurter v1: {"base_code"|"base": B, "rates": {X: v}}.
 */
#include "feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "../i18n.h"

/* {"result": "success", "base_code": "USD", "time_last_update_utc": ..., "rates": {...}} */
bool feed_erapi_shape(const cJSON *root)
{
	const char *result = feed_member_string(root, "result");
	return cJSON_IsObject(root) && (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "rates")) ||
	                                (result != NULL && strcmp(result, "error") == 0));
}

bool feed_erapi_parse(rates_table *t, const cJSON *root, const char *origin, const char *base_given,
                      char err[LOAD_ERR_MAX])
{
	const cJSON *rates = cJSON_GetObjectItemCaseSensitive(root, "rates");
	const char *result = feed_member_string(root, "result");
	(void)base_given;
	if (result != NULL && strcmp(result, "error") == 0) {
		char s[MSG_SHOWN_SIZE];
		const char *why = feed_member_string(root, "error-type");
		msg_set(err, LOAD_ERR_MAX, _("the feed reports an error: '%s'"), msg_shown_str(s, why ? why : "?"));
		return false;
	}
	char k[MSG_SHOWN_SIZE];
	const char *base = feed_member_string(root, "base_code");
	if (base == NULL)
		base = feed_member_string(root, "base");
	if (base == NULL) {
		msg_set(err, LOAD_ERR_MAX, _("'rates' without a 'base_code' or 'base' string"));
		return false;
	}
	if (!feed_code(t->base, base)) {
		msg_set(err, LOAD_ERR_MAX, _("'base' '%s' is not a currency code"), msg_shown_str(k, base));
		return false;
	}
	if (rates->child == NULL) {
		msg_set(err, LOAD_ERR_MAX, _("'rates' is empty"));
		return false;
	}
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	const char *date = feed_member_string(root, "date");
	const char *updated = feed_member_string(root, "time_last_update_utc");
	char iso[FEED_DATE_MAX];
	if (date != NULL) {
		if (!date_parse_iso_time(NULL, date)) {
			msg_set(err, LOAD_ERR_MAX, _("'date' '%s' is not an ISO 8601 date"), msg_shown_str(k, date));
			return feed_fail(&f);
		}
		feed_date(&f, date);
	} else if (updated != NULL && date_http_to_iso(iso, sizeof iso, updated)) {
		feed_date(&f, iso);
	}
	for (const cJSON *r = rates->child; r != NULL; r = r->next) {
		char code[4];
		if (!feed_code(code, r->string)) {
			msg_set(err, LOAD_ERR_MAX, _("rate '%s': malformed currency code"), msg_shown_str(k, r->string));
			return feed_fail(&f);
		}
		if (!feed_add(&f, code, r, 0, true, _("rate"), r->string, err))
			return feed_fail(&f);
	}
	/* Frankfurter v1 has the same shape and says "amount": its rates are for that many units. */
	const cJSON *amount = cJSON_GetObjectItemCaseSensitive(root, "amount");
	if (amount != NULL && feed_member_string(root, "base_code") == NULL) {
		if (!cJSON_IsNumber(amount) || amount->valuedouble != 1) {
			msg_set(err, LOAD_ERR_MAX, _("'amount' must be 1 (the rates of one unit of the base)"));
			return feed_fail(&f);
		}
		return feed_end(&f, FEED_FRANKFURTER, origin, err);
	}
	return feed_end(&f, FEED_ER_API, origin, err);
}
