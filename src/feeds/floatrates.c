/*
 * floatrates.c - FloatRates daily/B.json: {"x": {"code": X, "rate": v, "date": ...}, ...} (the base from the name, or --base).
 */
#include "feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "../i18n.h"

/*
 * The base of a FloatRates feed, which its body does not name: the file
 * name of its URL or path, "daily/usd.json" -> USD.
 */
static bool base_from_origin(char base[4], const char *origin)
{
	if (origin == NULL)
		return false;
	size_t end = strcspn(origin, "?#");
	size_t start = end;
	while (start > 0 && origin[start - 1] != '/')
		start--;
	if (end - start != 8 || strncmp(origin + start + 3, ".json", 5) != 0)
		return false;
	char code[4] = { origin[start], origin[start + 1], origin[start + 2], '\0' };
	return currency_normalize(base, code);
}
/* {"kgs": {"code": "KGS", "rate": 85.26, "date": "Fri, 13 Jan 2023 ...", ...}, ...} */
bool feed_floatrates_parse(rates_table *t, const cJSON *root, const char *origin, const char *base,
                            char err[LOAD_ERR_MAX])
{
	char k[MSG_SHOWN_SIZE];
	if (base != NULL ? !currency_normalize(t->base, base) : !base_from_origin(t->base, origin)) {
		msg_set(err, LOAD_ERR_MAX, _("a FloatRates table does not name its base: give it with --base "
		        "(--base USD), or read it from a file or URL named after it, such as 'usd.json'"));
		return false;
	}
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	for (const cJSON *e = root->child; e != NULL; e = e->next) {
		char code[4], iso[FEED_DATE_MAX];
		const char *c = feed_member_string(e, "code");
		if (c == NULL)
			c = feed_member_string(e, "alphaCode");
		if (!cJSON_IsObject(e) || !feed_code(code, c)) {
			msg_set(err, LOAD_ERR_MAX, _("entry '%s': no currency 'code'"), msg_shown_str(k, e->string));
			return feed_fail(&f);
		}
		const cJSON *rate = cJSON_GetObjectItemCaseSensitive(e, "rate");
		if (!feed_add(&f, code, rate, 0, true, _("rate"), e->string, err))
			return feed_fail(&f);
		const char *date = feed_member_string(e, "date");
		if (date != NULL && date_http_to_iso(iso, sizeof iso, date))
			feed_date(&f, iso);
	}
	return feed_end(&f, FEED_FLOATRATES, origin, err);
}
bool feed_floatrates_shape(const cJSON *root)
{
	if (!cJSON_IsObject(root))
		return false; /* an array is another feed's, or no feed */
	const cJSON *e = root->child;
	return cJSON_IsObject(e) && cJSON_GetObjectItemCaseSensitive(e, "rate") != NULL &&
	       (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "code")) ||
	        cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "alphaCode")));
}
