/*
 * fawazahmed0.c - the fawazahmed0 currency-api: {"date": D, "usd": {"x": v}}.
 */
#include "feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "../i18n.h"

/* The object member holding the currency-api's table: a code-like key with an object value. */
static const cJSON *fawaz_table(const cJSON *root)
{
	char code[4];
	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "date")))
		return NULL;
	for (const cJSON *m = root->child; m != NULL; m = m->next)
		if (cJSON_IsObject(m) && feed_code(code, m->string))
			return m;
	return NULL;
}

bool feed_fawazahmed0_shape(const cJSON *root)
{
	return cJSON_IsObject(root) && fawaz_table(root) != NULL;
}

/*
 * {"date": "2025-05-01", "usd": {"kzt": 478.9, "1inch": 3.2, ...}}: the
 * currency-api lists crypto tokens too; keys that are not three letters
 * cannot be ISO 4217 codes and are skipped.
 */
bool feed_fawazahmed0_parse(rates_table *t, const cJSON *root, const char *origin, const char *base,
                            char err[LOAD_ERR_MAX])
{
	const cJSON *table = fawaz_table(root);
	(void)base;
	char k[MSG_SHOWN_SIZE];
	const char *date = feed_member_string(root, "date");
	if (!date_parse_iso_time(NULL, date)) {
		msg_set(err, LOAD_ERR_MAX, _("'date' '%s' is not an ISO 8601 date"), msg_shown_str(k, date));
		return false;
	}
	feed_code(t->base, table->string); /* checked by the caller */
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	feed_date(&f, date);
	for (const cJSON *r = table->child; r != NULL; r = r->next) {
		char code[4];
		if (!feed_code(code, r->string))
			continue;
		if (!feed_add(&f, code, r, 0, true, _("rate"), r->string, err))
			return feed_fail(&f);
	}
	return feed_end(&f, FEED_FAWAZ, origin, err);
}
