/*
 * save.c - a rate table -> the native JSON text (load.h's load_to_json): the
 * form in which the official table, parts and all, is cached, and which
 * load.c reads back to the same table.
 */
#include "sarraf/load.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "sarraf/official.h"

/* t as a native table's JSON object into root (parts included); false when out of memory. */
static bool table_object(cJSON *root, const rates_table *t)
{
	char key[8], v[DEC_STRING_MAX];
	bool all_exact = t->count > 0;
	for (size_t k = 0; k < t->count; k++)
		all_exact &= t->quotes[k].exact;
	cJSON *quotes = NULL, *qs = NULL, *parts = NULL;
	if (cJSON_AddStringToObject(root, "base", t->base) == NULL ||
	    (t->source && cJSON_AddStringToObject(root, "source", t->source) == NULL) ||
	    (t->date && cJSON_AddStringToObject(root, "date", t->date) == NULL) ||
	    (all_exact && cJSON_AddBoolToObject(root, "exact", true) == NULL) ||
	    (quotes = cJSON_AddObjectToObject(root, "quotes")) == NULL ||
	    (qs = cJSON_AddObjectToObject(root, "quote_sources")) == NULL)
		return false;
	for (size_t k = 0; k < t->count; k++) {
		const rates_quote *q = &t->quotes[k];
		snprintf(key, sizeof key, "%s/%s", q->inverse ? t->base : q->code,
		         q->inverse ? q->code : t->base);
		if (dec_to_string(v, sizeof v, &q->quote) < 0 ||
		    cJSON_AddStringToObject(quotes, key, v) == NULL)
			return false;
		if (q->source == NULL && q->date == NULL && q->exact == all_exact && q->nominal_digits == 0)
			continue;
		double nominal = 1;
		for (int d = 0; d < q->nominal_digits; d++)
			nominal *= 10;
		cJSON *o = cJSON_AddObjectToObject(qs, q->code);
		if (o == NULL || (q->source && cJSON_AddStringToObject(o, "source", q->source) == NULL) ||
		    (q->nominal_digits > 0 && cJSON_AddNumberToObject(o, "nominal", nominal) == NULL) ||
		    (q->date && cJSON_AddStringToObject(o, "date", q->date) == NULL) ||
		    (q->exact != all_exact && cJSON_AddBoolToObject(o, "exact", q->exact) == NULL))
			return false;
	}
	for (size_t k = 0; k < RATES_PARTS; k++) {
		if (t->parts[k] == NULL)
			continue;
		cJSON *p;
		if ((parts == NULL && (parts = cJSON_AddObjectToObject(root, "parts")) == NULL) ||
		    (p = cJSON_AddObjectToObject(parts, official_info((official_bank)k)->id)) == NULL || !table_object(p, t->parts[k]))
			return false;
	}
	return true;
}

char *load_to_json(const rates_table *t)
{
	char *text = NULL;
	cJSON *root = cJSON_CreateObject();
	if (root != NULL && table_object(root, t))
		text = cJSON_Print(root);
	cJSON_Delete(root);
	return text;
}

