/*
 * cbu.c - the Central Bank of Uzbekistan: [{"Ccy": X, "Nominal": n, "Rate": v, "Date": "dd.mm.yyyy"}] in UZS.
 */
#include "feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/msg.h"
#include "sarraf/official.h"
#include "../i18n.h"

/*
 * [{"Ccy": "IDR", "Nominal": "10", "Rate": "7.18", "Date": "01.04.2026", ...}]:
 * Rate is UZS per Nominal units. Nominal is a power of ten, folded into the
 * exponent (7.18 / 10 = 0.718 exactly); any other Nominal is refused rather
 * than rounded.
 */
bool feed_cbu_shape(const cJSON *root)
{
	return cJSON_IsArray(root) && cJSON_IsObject(root->child) &&
	       cJSON_GetObjectItemCaseSensitive(root->child, "Ccy") != NULL;
}

bool feed_cbu_parse(rates_table *t, const cJSON *root, const char *origin, const char *base,
                    char err[LOAD_ERR_MAX])
{
	(void)base;
	char k[MSG_SHOWN_SIZE], s[MSG_SHOWN_SIZE];
	memcpy(t->base, "UZS", 4);
	feed f;
	if (!feed_begin(&f, t, err))
		return false;
	size_t n = 1;
	for (const cJSON *e = root->child; e != NULL; e = e->next, n++) {
		char what[32], code[4], iso[FEED_DATE_MAX];
		snprintf(what, sizeof what, _("entry %zu"), n);
		const char *ccy = cJSON_IsObject(e) ? feed_member_string(e, "Ccy") : NULL;
		if (!feed_code(code, ccy)) {
			msg_set(err, LOAD_ERR_MAX, _("%s: 'Ccy' '%s' is not a currency code"), what,
			        msg_shown_str(k, ccy != NULL ? ccy : ""));
			return feed_fail(&f);
		}
		const cJSON *nominal = cJSON_GetObjectItemCaseSensitive(e, "Nominal");
		int shift = feed_power_of_ten(nominal);
		if (shift < 0) {
			msg_set(err, LOAD_ERR_MAX, _("%s '%s': 'Nominal' %s%s%s is not a power of ten"), what, code,
			        cJSON_IsString(nominal) ? "'" : "",
			        cJSON_IsString(nominal) ? msg_shown_str(s, nominal->valuestring) : "",
			        cJSON_IsString(nominal) ? "'" : "");
			return feed_fail(&f);
		}
		const char *date = feed_member_string(e, "Date");
		if (date != NULL) {
			if (!feed_dotted_date_to_iso(iso, date)) {
				msg_set(err, LOAD_ERR_MAX, _("%s '%s': 'Date' '%s' is not a date dd.mm.yyyy"), what, code,
				        msg_shown_str(s, date));
				return feed_fail(&f);
			}
			feed_date(&f, iso);
		}
		if (!feed_add(&f, code, cJSON_GetObjectItemCaseSensitive(e, "Rate"), shift, false, what,
		              code, err))
			return feed_fail(&f);
	}
	/* The central bank's rates, as it publishes them: exact by definition. */
	for (size_t q = 0; q < t->count; q++)
		t->quotes[q].exact = true;
	return feed_end(&f, FEED_CBU, origin, err);
}

/* The CBU's list as the bank's own table: the JSON above, in UZS, dated. */
int feed_cbu_bank_parse(rates_table *t, const char *body, size_t len, const char *libxml2,
                        char err[FEED_ERR_MAX])
{
	char lerr[LOAD_ERR_MAX];
	if (load_table_base(t, body, len, NULL, NULL, libxml2, lerr) != 0) {
		msg_set(err, FEED_ERR_MAX, _("CBU feed: %s"), lerr);
		return -1;
	}
	if (strcmp(t->base, "UZS") != 0 || t->date == NULL) {
		rates_destroy(t);
		msg_set(err, FEED_ERR_MAX, _("CBU feed: not the CBU's JSON list of rates in UZS"));
		return -1;
	}
	if (!rates_set_string(&t->source, official_info(OFFICIAL_CBU)->name)) {
		rates_destroy(t);
		msg_set(err, FEED_ERR_MAX, _("out of memory"));
		return -1;
	}
	return 0;
}
