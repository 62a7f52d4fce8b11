/*
 * nbk.c - the National Bank of Kazakhstan: <rates><date>dd.mm.yyyy</date><item><title>X</title>
 *        <description>v</description><quant>n</quant></item>...  (v/n KZT)
 * Its URL and the variable that overrides it are in the registry.
 */
#include "feeds.h"

#include "sarraf/official.h"

static const feed_xml_shape shape = { OFFICIAL_NBK, "rates", NULL, "date", "item", NULL, "title", "description", "quant" };

int feed_nbk_bank_parse(rates_table *t, const char *body, size_t len, const char *libxml2,
                        char err[FEED_ERR_MAX])
{
	return feed_xml_parse(t, &shape, body, len, libxml2, err);
}
