/*
 * nbt.c - the National Bank of Tajikistan: <ValCurs Date="yyyy-mm-dd"><Valute><CharCode>X</CharCode>
 *        <Nominal>n</Nominal><Value>v</Value>...  (v/n TJS)
 * Its URL and the variable that overrides it are in the registry.
 */
#include "feeds.h"

#include "sarraf/official.h"

static const feed_xml_shape shape = { OFFICIAL_NBT, "ValCurs", "Date", NULL, "Valute", NULL, "CharCode", "Value", "Nominal" };

int feed_nbt_bank_parse(rates_table *t, const char *body, size_t len, const char *libxml2,
                        char err[FEED_ERR_MAX])
{
	return feed_xml_parse(t, &shape, body, len, libxml2, err);
}
