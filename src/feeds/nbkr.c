/*
 * nbkr.c - the National Bank of the Kyrgyz Republic (daily.xml and weekly.xml): <CurrencyRates
 *        Date="dd.mm.yyyy"><Currency ISOCode="X"><Nominal>n</Nominal><Value>v,vvvv</Value>...  (v/n KGS)
 * Its URL and the variable that overrides it are in the registry.
 */
#include "feeds.h"

#include "sarraf/official.h"

static const feed_xml_shape shape = { OFFICIAL_NBKR, "CurrencyRates", "Date", NULL, "Currency", "ISOCode", NULL, "Value", "Nominal" };

int feed_nbkr_bank_parse(rates_table *t, const char *body, size_t len, const char *libxml2,
                         char err[FEED_ERR_MAX])
{
	return feed_xml_parse(t, &shape, body, len, libxml2, err);
}
