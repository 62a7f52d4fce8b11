/*
 * registry.c - every feed sarraf fetches by name, in one table (see feed.h).
 * Adding a feed: its parser in a file of its own under src/feeds/, and one
 * line here.
 */
#include "sarraf/feed.h"

#include "../i18n.h"

#include <string.h>

#include "sarraf/load.h"
#include "sarraf/msg.h"
#include "sarraf/official.h"
#include "feeds.h"

static const feed_info feeds[] = {
	{ "nbk", "NBK", "National Bank of Kazakhstan", "SARRAF_NBK_URL",
	  "https://nationalbank.kz/rss/get_rates.cfm?fdate={DD}.{MM}.{YYYY}", NULL, OFFICIAL_NBK },
	{ "nbkr", "NBKR", "National Bank of the Kyrgyz Republic", "SARRAF_NBKR_URL",
	  "https://www.nbkr.kg/XML/daily.xml", NULL, OFFICIAL_NBKR },
	{ "nbkr-weekly", N_("NBKR weekly"), "National Bank of the Kyrgyz Republic", "SARRAF_NBKR_WEEKLY_URL",
	  "https://www.nbkr.kg/XML/weekly.xml", NULL, OFFICIAL_NBKR },
	{ "nbt", "NBT", "National Bank of Tajikistan", "SARRAF_NBT_URL",
	  "https://nbt.tj/en/kurs/export_xml.php?date={YYYY}-{MM}-{DD}&export=xmlout", NULL, OFFICIAL_NBT },
	{ "cbu", "CBU", "Central Bank of Uzbekistan", "SARRAF_CBU_URL",
	  "https://cbu.uz/en/arkhiv-kursov-valyut/json/",
	  "https://cbu.uz/en/arkhiv-kursov-valyut/json/all/{YYYY}-{MM}-{DD}/", OFFICIAL_CBU },
};

#define FEEDS (sizeof feeds / sizeof feeds[0])

/* The JSON feeds recognised by shape, in the order they are tried (arrays first, then objects). */
static const feed_json json_feeds[] = {
	{ "cbu", feed_cbu_shape, feed_cbu_parse },
	{ "frankfurter", feed_frankfurter_shape, feed_frankfurter_parse },
	{ "erapi", feed_erapi_shape, feed_erapi_parse },
	{ "fawazahmed0", feed_fawazahmed0_shape, feed_fawazahmed0_parse },
	{ "floatrates", feed_floatrates_shape, feed_floatrates_parse },
};

const feed_json *feed_json_find(const cJSON *root)
{
	for (size_t k = 0; k < sizeof json_feeds / sizeof json_feeds[0]; k++)
		if (json_feeds[k].shape(root))
			return &json_feeds[k];
	return NULL;
}

size_t feed_count(void)
{
	return FEEDS;
}

const feed_info *feed_at(size_t i)
{
	return i < FEEDS ? &feeds[i] : NULL;
}

const feed_info *feed_by_id(const char *id)
{
	for (size_t k = 0; k < FEEDS; k++)
		if (strcmp(feeds[k].id, id) == 0)
			return &feeds[k];
	return NULL;
}

/* The override of f's URL in s, or NULL. */
static const char *override_of(const sarraf_settings *s, const feed_info *f)
{
	for (size_t k = 0; s != NULL && k < SARRAF_FEED_URLS_MAX && s->feed_urls[k].id != NULL; k++)
		if (strcmp(s->feed_urls[k].id, f->id) == 0)
			return s->feed_urls[k].url;
	return NULL;
}

int feed_url(char *out, size_t cap, const feed_info *f, const sarraf_settings *s, const date_t *d,
             bool *overridden)
{
	const char *over = override_of(s, f);
	const char *tmpl;
	*overridden = over != NULL && *over != '\0';
	if (*overridden)
		tmpl = over;
	else if (d != NULL && f->dated_url != NULL)
		tmpl = f->dated_url;
	else
		tmpl = f->url;
	if (tmpl == NULL)
		return -1;
	return date_expand(out, cap, tmpl, d != NULL ? *d : date_today()) < 0 ? -1 : 0;
}

/* The parser of each fetched feed, in the order of feeds[]. */
static int (*const parsers[])(rates_table *, const char *, size_t, const char *, char[FEED_ERR_MAX]) = {
	feed_nbk_bank_parse, feed_nbkr_bank_parse, feed_nbkr_bank_parse, feed_nbt_bank_parse,
	feed_cbu_bank_parse,
};

int feed_bank_parse(rates_table *t, int bank, const char *body, size_t len, const char *libxml2,
                    char err[FEED_ERR_MAX])
{
	for (size_t k = 0; k < FEEDS; k++)
		if (feeds[k].bank == bank)
			return parsers[k](t, body, len, libxml2, err);
	msg_set(err, FEED_ERR_MAX, _("no feed of that bank"));
	return -1;
}

int feed_parse(rates_table *t, const feed_info *f, const char *body, size_t len,
               const char *origin, const char *libxml2, char err[FEED_ERR_MAX])
{
	size_t k = (size_t)(f - feeds);
	if (k >= FEEDS) {
		msg_set(err, FEED_ERR_MAX, _("feed '%s' is not fetched by name"), f->id);
		return -1;
	}
	if (parsers[k](t, body, len, libxml2, err) != 0)
		return -1;
	if (origin != NULL && !rates_set_string(&t->origin, origin)) {
		rates_destroy(t);
		msg_set(err, FEED_ERR_MAX, _("out of memory"));
		return -1;
	}
	return 0;
}
