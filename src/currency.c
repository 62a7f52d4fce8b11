/*
 * currency.c - the ISO 4217 facts sarraf needs: how many digits an amount
 * in a currency has after the point, and what to call it.
 *
 * One static table, sorted by code and bounded by its element count (no
 * sentinel entry). Codes are checked byte by byte against ASCII ranges,
 * never with <ctype.h>, so that the answer does not depend on the locale
 * (in a Turkish locale toupper('i') is not 'I').
 */
#include "sarraf/currency.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Numeric codes are written in decimal without leading zeros: 051 would be
 * an octal literal (41), not AMD's 051.
 */
static const currency_info currency_table[] = {
	{ "AED", 784, 2, "UAE dirham" },
	{ "AFN", 971, 2, "Afghan afghani" },
	{ "AMD", 51, 2, "Armenian dram" },
	{ "AUD", 36, 2, "Australian dollar" },
	{ "AZN", 944, 2, "Azerbaijani manat" },
	{ "BHD", 48, 3, "Bahraini dinar" },
	{ "BYN", 933, 2, "Belarusian ruble" },
	{ "CAD", 124, 2, "Canadian dollar" },
	{ "CHF", 756, 2, "Swiss franc" },
	{ "CNY", 156, 2, "Chinese yuan" },
	{ "CZK", 203, 2, "Czech koruna" },
	{ "DKK", 208, 2, "Danish krone" },
	{ "EUR", 978, 2, "Euro" },
	{ "GBP", 826, 2, "Pound sterling" },
	{ "GEL", 981, 2, "Georgian lari" },
	{ "HKD", 344, 2, "Hong Kong dollar" },
	{ "HUF", 348, 2, "Hungarian forint" },
	{ "IDR", 360, 2, "Indonesian rupiah" },
	{ "ILS", 376, 2, "Israeli new shekel" },
	{ "INR", 356, 2, "Indian rupee" },
	{ "IRR", 364, 2, "Iranian rial" },
	{ "JOD", 400, 3, "Jordanian dinar" },
	{ "JPY", 392, 0, "Japanese yen" },
	{ "KGS", 417, 2, "Kyrgyzstani som" },
	{ "KRW", 410, 0, "South Korean won" },
	{ "KWD", 414, 3, "Kuwaiti dinar" },
	{ "KZT", 398, 2, "Kazakhstani tenge" },
	{ "MDL", 498, 2, "Moldovan leu" },
	{ "MNT", 496, 2, "Mongolian tugrik" },
	{ "NOK", 578, 2, "Norwegian krone" },
	{ "NZD", 554, 2, "New Zealand dollar" },
	{ "OMR", 512, 3, "Omani rial" },
	{ "PKR", 586, 2, "Pakistani rupee" },
	{ "PLN", 985, 2, "Polish zloty" },
	{ "RUB", 643, 2, "Russian ruble" },
	{ "SAR", 682, 2, "Saudi riyal" },
	{ "SEK", 752, 2, "Swedish krona" },
	{ "SGD", 702, 2, "Singapore dollar" },
	{ "THB", 764, 2, "Thai baht" },
	{ "TJS", 972, 2, "Tajikistani somoni" },
	{ "TMT", 934, 2, "Turkmenistan manat" },
	{ "TRY", 949, 2, "Turkish lira" },
	{ "UAH", 980, 2, "Ukrainian hryvnia" },
	{ "USD", 840, 2, "US dollar" },
	{ "UZS", 860, 2, "Uzbekistani sum" },
	{ "VND", 704, 0, "Vietnamese dong" },
	{ "ZAR", 710, 2, "South African rand" },
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
