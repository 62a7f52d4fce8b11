/*
 * frankfurter.c - Frankfurter v2: [{"date", "base": B, "quote": X, "rate": v}].
 */
#include "feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "../i18n.h"

/* [{"date": "2024-01-15", "base": "USD", "quote": "KZT", "rate": 478.9}, ...] */
bool feed_frankfurter_shape(const cJSON *root)
{
	const cJSON *first = cJSON_IsArray(root) ? root->child : NULL;
	return cJSON_IsObject(first) && cJSON_GetObjectItemCaseSensitive(first, "quote") != NULL &&
	       cJSON_GetObjectItemCaseSensitive(first, "rate") != NULL;
}

bool feed_frankfurter_parse(rates_table *t, const cJSON *root, const char *origin, const char *base_given,
                            char err[LOAD_ERR_MAX])
{
	(void)base_given;
	char k[MSG_SHOWN_SIZE];
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	size_t n = 1;
	for (const cJSON *e = root->child; e != NULL; e = e->next, n++) {
		char what[32], base[4], code[4];
		snprintf(what, sizeof what, _("entry %zu"), n);
		const char *b = cJSON_IsObject(e) ? feed_member_string(e, "base") : NULL;
		const char *q = cJSON_IsObject(e) ? feed_member_string(e, "quote") : NULL;
		if (!feed_code(base, b) || !feed_code(code, q)) {
			msg_set(err, LOAD_ERR_MAX, _("%s: 'base' and 'quote' must be currency codes"), what);
			return feed_fail(&f);
		}
		if (t->base[0] == '\0')
			memcpy(t->base, base, 4);
		else if (strcmp(t->base, base) != 0) {
			msg_set(err, LOAD_ERR_MAX, _("%s '%s': base %s differs from the first entry's %s"), what, code, base,
			        t->base);
			return feed_fail(&f);
		}
		const char *date = feed_member_string(e, "date");
		if (date != NULL) {
			if (!date_parse_iso_time(NULL, date)) {
				msg_set(err, LOAD_ERR_MAX, _("%s '%s': 'date' '%s' is not an ISO 8601 date"), what, code,
				        msg_shown_str(k, date));
				return feed_fail(&f);
			}
			feed_date(&f, date);
		}
		if (!feed_add(&f, code, cJSON_GetObjectItemCaseSensitive(e, "rate"), 0, true, what, code,
		              err))
			return feed_fail(&f);
	}
	return feed_end(&f, FEED_FRANKFURTER, origin, err);
}
