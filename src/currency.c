/*
 * currency.c - the ISO 4217 facts sarraf needs: how many digits an amount
 * in a currency has after the point, and what to call it.
 *
 * One static table, sorted by code and bounded by its element count (no
 * sentinel entry). The names are English, as records (--output) write them;
 * marked N_() so that what shows them to a person can give them in the
 * user's language. Codes are checked byte by byte against ASCII ranges,
 * never with <ctype.h>, so that the answer does not depend on the locale
 * (in a Turkish locale toupper('i') is not 'I').
 */
#include "sarraf/currency.h"

#include <string.h>

#include "i18n.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Numeric codes are written in decimal without leading zeros: 051 would be
 * an octal literal (41), not AMD's 051.
 */
static const currency_info currency_table[] = {
	{ "AED", 784, 2, N_("UAE dirham") },
	{ "AFN", 971, 2, N_("Afghan afghani") },
	{ "AMD", 51, 2, N_("Armenian dram") },
	{ "AUD", 36, 2, N_("Australian dollar") },
	{ "AZN", 944, 2, N_("Azerbaijani manat") },
	{ "BHD", 48, 3, N_("Bahraini dinar") },
	{ "BYN", 933, 2, N_("Belarusian ruble") },
	{ "CAD", 124, 2, N_("Canadian dollar") },
	{ "CHF", 756, 2, N_("Swiss franc") },
	{ "CNY", 156, 2, N_("Chinese yuan") },
	{ "CZK", 203, 2, N_("Czech koruna") },
	{ "DKK", 208, 2, N_("Danish krone") },
	{ "EUR", 978, 2, N_("Euro") },
	{ "GBP", 826, 2, N_("Pound sterling") },
	{ "GEL", 981, 2, N_("Georgian lari") },
	{ "HKD", 344, 2, N_("Hong Kong dollar") },
	{ "HUF", 348, 2, N_("Hungarian forint") },
	{ "IDR", 360, 2, N_("Indonesian rupiah") },
	{ "ILS", 376, 2, N_("Israeli new shekel") },
	{ "INR", 356, 2, N_("Indian rupee") },
	{ "IRR", 364, 2, N_("Iranian rial") },
	{ "JOD", 400, 3, N_("Jordanian dinar") },
	{ "JPY", 392, 0, N_("Japanese yen") },
	{ "KGS", 417, 2, N_("Kyrgyzstani som") },
	{ "KRW", 410, 0, N_("South Korean won") },
	{ "KWD", 414, 3, N_("Kuwaiti dinar") },
	{ "KZT", 398, 2, N_("Kazakhstani tenge") },
	{ "MDL", 498, 2, N_("Moldovan leu") },
	{ "MNT", 496, 2, N_("Mongolian tugrik") },
	{ "NOK", 578, 2, N_("Norwegian krone") },
	{ "NZD", 554, 2, N_("New Zealand dollar") },
	{ "OMR", 512, 3, N_("Omani rial") },
	{ "PKR", 586, 2, N_("Pakistani rupee") },
	{ "PLN", 985, 2, N_("Polish zloty") },
	{ "RUB", 643, 2, N_("Russian ruble") },
	{ "SAR", 682, 2, N_("Saudi riyal") },
	{ "SEK", 752, 2, N_("Swedish krona") },
	{ "SGD", 702, 2, N_("Singapore dollar") },
	{ "THB", 764, 2, N_("Thai baht") },
	{ "TJS", 972, 2, N_("Tajikistani somoni") },
	{ "TMT", 934, 2, N_("Turkmenistan manat") },
	{ "TRY", 949, 2, N_("Turkish lira") },
	{ "UAH", 980, 2, N_("Ukrainian hryvnia") },
	{ "USD", 840, 2, N_("US dollar") },
	{ "UZS", 860, 2, N_("Uzbekistani sum") },
	{ "VND", 704, 0, N_("Vietnamese dong") },
	{ "ZAR", 710, 2, N_("South African rand") },
};

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

bool currency_code_valid(const char *s)
{
	if (s == NULL)
		return false;
	/* Stops at the first byte that is not a letter, so never reads past a NUL. */
	for (size_t i = 0; i < 3; i++)
		if (!is_upper(s[i]) && !is_lower(s[i]))
			return false;
	return s[3] == '\0';
}

bool currency_normalize(char out[4], const char *s)
{
	if (!currency_code_valid(s))
		return false;
	for (size_t i = 0; i < 3; i++)
		out[i] = is_lower(s[i]) ? (char)(s[i] - 'a' + 'A') : s[i];
	out[3] = '\0';
	return true;
}

const currency_info *currency_find(const char *code)
{
	char key[4];
	size_t lo = 0, hi = COUNT(currency_table);

	if (!currency_normalize(key, code))
		return NULL;
	/* Binary search over [lo, hi): the table is sorted by code (a test checks it). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, currency_table[mid].code);
		if (c == 0)
			return &currency_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int currency_minor_units(const char *code)
{
	const currency_info *ci = currency_find(code);
	return ci != NULL ? ci->minor : CURRENCY_DEFAULT_MINOR;
}

const char *currency_name(const char *code)
{
	const currency_info *ci = currency_find(code);
	return ci != NULL ? ci->name : NULL;
}

size_t currency_count(void)
{
	return COUNT(currency_table);
}

/* NULL when i is past the end, rather than reading outside the table. */
const currency_info *currency_at(size_t i)
{
	return i < COUNT(currency_table) ? &currency_table[i] : NULL;
}
