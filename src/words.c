/*
 * words.c - amounts and currencies as people type and read them.
 *
 * Input: lenient amounts ("1 000 000", "1,234.50", "1,5", "1 000,50",
 * "100kzt", "₸1500", "2k", "1,5 млн") are turned into the strict text of
 * dec_parse(), a multiplier by moving the point, and currency symbols and
 * names ("₸", "сўм", "so'm", "tenge") into codes. Every form is one that
 * cannot be read two ways; those that can ("1,234", "som") are refused,
 * never guessed.
 *
 * Output: integer digits grouped by three for the human form.
 *
 * Past 600 lines on purpose: one algorithm, the reading of an operand as
 * typed (its tables of words, symbols, separators and multipliers and the
 * one pass over the text that uses them), which loses its sense cut apart.
 *
 * Case folding is done here on UTF-8, for ASCII and Cyrillic letters only,
 * because <ctype.h> depends on the locale and knows nothing of UTF-8.
 */
#include "sarraf/words.h"

#include <stdint.h>
#include <string.h>

#include "sarraf/currency.h"
#include "sarraf/decimal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Symbols and names, folded (lower case, apostrophes as '\''). A word with
 * several codes is ambiguous and always refused, whatever the table holds:
 * "som" is the Kyrgyz som in Kyrgyzstan and the Uzbek so'm typed without its
 * apostrophe. "manat" and "манат" are the Turkmen manat here (the region's);
 * the Azerbaijani manat is AZN or ₼.
 */
static const words_entry word_table[] = {
	/* Kazakhstani tenge */
	{ "\xe2\x82\xb8", "KZT" },                              /* ₸ */
	{ "tenge", "KZT" },
	{ "\xd1\x82\xd0\xb5\xd0\xbd\xd0\xb3\xd0\xb5", "KZT" },  /* тенге */
	{ "\xd1\x82\xd0\xb5\xd2\xa3\xd0\xb3\xd0\xb5", "KZT" },  /* теңге */
	{ "\xd1\x82\xd0\xb3", "KZT" },                          /* тг */
	/* Kyrgyzstani som */
	{ "\xe2\x83\x80", "KGS" },                              /* ⃀ (U+20C0 SOM SIGN) */
	{ "\xd1\x81\xd0\xbe\xd0\xbc", "KGS" },                  /* сом */
	{ "\xd1\x81\xd0\xbe\xd0\xbc\xd0\xb0", "KGS" },          /* сома */
	{ "\xd1\x81\xd0\xbe\xd0\xbc\xd0\xbe\xd0\xb2", "KGS" },  /* сомов */
	/* Uzbekistani sum */
	{ "so'm", "UZS" },
	{ "soum", "UZS" },
	{ "sum", "UZS" },
	{ "\xd1\x81\xd1\x9e\xd0\xbc", "UZS" },                  /* сўм */
	{ "\xd1\x81\xd1\x83\xd0\xbc", "UZS" },                  /* сум */
	{ "\xd1\x81\xd1\x83\xd0\xbc\xd0\xb0", "UZS" },          /* сума */
	{ "\xd1\x81\xd1\x83\xd0\xbc\xd0\xbe\xd0\xb2", "UZS" },  /* сумов */
	/* Both: refused, naming the two */
	{ "som", "KGS UZS" },
	/* Tajikistani somoni */
	{ "somoni", "TJS" },
	{ "\xd1\x81\xd0\xbe\xd0\xbc\xd0\xbe\xd0\xbd\xd0\xb8", "TJS" },  /* сомони */
	{ "\xd1\x81\xd0\xbe\xd0\xbc\xd0\xbe\xd0\xbd\xd3\xa3", "TJS" },  /* сомонӣ */
	{ "\xd1\x81\xd0\xbc\xd0\xbd", "TJS" },                          /* смн */
	/* Turkmenistan manat */
	{ "manat", "TMT" },
	{ "\xd0\xbc\xd0\xb0\xd0\xbd\xd0\xb0\xd1\x82", "TMT" },  /* манат */
	/* US dollar: "$" alone is the US dollar here */
	{ "$", "USD" },
	{ "us$", "USD" },
	{ "dollar", "USD" },
	{ "dollars", "USD" },
	{ "\xd0\xb4\xd0\xbe\xd0\xbb\xd0\xbb\xd0\xb0\xd1\x80", "USD" },                  /* доллар */
	{ "\xd0\xb4\xd0\xbe\xd0\xbb\xd0\xbb\xd0\xb0\xd1\x80\xd0\xb0", "USD" },          /* доллара */
	{ "\xd0\xb4\xd0\xbe\xd0\xbb\xd0\xbb\xd0\xb0\xd1\x80\xd0\xbe\xd0\xb2", "USD" },  /* долларов */
	/* Neighbours and the usual others */
	{ "\xe2\x82\xac", "EUR" },                              /* € */
	{ "euro", "EUR" },
	{ "euros", "EUR" },
	{ "\xd0\xb5\xd0\xb2\xd1\x80\xd0\xbe", "EUR" },          /* евро */
	{ "\xe2\x82\xbd", "RUB" },                              /* ₽ */
	{ "ruble", "RUB" },
	{ "rubles", "RUB" },
	{ "rouble", "RUB" },
	{ "roubles", "RUB" },
	{ "\xd1\x80\xd1\x83\xd0\xb1", "RUB" },                  /* руб */
	{ "\xd1\x80\xd1\x83\xd0\xb1\xd0\xbb\xd1\x8c", "RUB" },  /* рубль */
	{ "\xd1\x80\xd1\x83\xd0\xb1\xd0\xbb\xd1\x8f", "RUB" },  /* рубля */
	{ "\xd1\x80\xd1\x83\xd0\xb1\xd0\xbb\xd0\xb5\xd0\xb9", "RUB" },  /* рублей */
	{ "\xc2\xa3", "GBP" },                                  /* £ */
	{ "\xc2\xa5", "CNY JPY" },                              /* ¥: yuan or yen */
	{ "yuan", "CNY" },
	{ "\xd1\x8e\xd0\xb0\xd0\xbd\xd1\x8c", "CNY" },          /* юань */
	{ "yen", "JPY" },
	{ "\xe2\x82\xa9", "KRW" },                              /* ₩ */
	{ "\xe2\x82\xb9", "INR" },                              /* ₹ */
	{ "\xe2\x82\xb4", "UAH" },                              /* ₴ */
	{ "\xe2\x82\xbe", "GEL" },                              /* ₾ */
	{ "lari", "GEL" },
	{ "\xd0\xbb\xd0\xb0\xd1\x80\xd0\xb8", "GEL" },          /* лари */
	{ "\xe2\x82\xbc", "AZN" },                              /* ₼ */
	{ "\xe2\x82\xae", "MNT" },                              /* ₮ */
	{ "\xd6\x8f", "AMD" },                                  /* ֏ */
	{ "\xe2\x82\xba", "TRY" },                              /* ₺ */
	{ "\xe2\x82\xaa", "ILS" },                              /* ₪ */
	{ "\xd8\x8b", "AFN" },                                  /* ؋ */
};

size_t words_count(void)
{
	return COUNT(word_table);
}

const words_entry *words_at(size_t i)
{
	return i < COUNT(word_table) ? &word_table[i] : NULL;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Decode one code point of s[*i..len) and advance *i. Returns false on
 * malformed UTF-8: a stray continuation byte, a truncated sequence, an
 * overlong form, a surrogate or a value past U+10FFFF.
 */
static bool utf8_next(const char *s, size_t len, size_t *i, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char b = u[*i];
	size_t n;
	uint32_t c, min;

	if (b < 0x80) {
		*cp = b;
		(*i)++;
		return true;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		n = 1, c = b & 0x1Fu, min = 0x80;
	} else if (b >= 0xE0 && b <= 0xEF) {
		n = 2, c = b & 0x0Fu, min = 0x800;
	} else if (b >= 0xF0 && b <= 0xF4) {
		n = 3, c = b & 0x07u, min = 0x10000;
	} else {
		return false;
	}
	if (len - *i <= n)
		return false;
	for (size_t k = 1; k <= n; k++) {
		if ((u[*i + k] & 0xC0) != 0x80)
			return false;
		c = (c << 6) | (u[*i + k] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return false;
	*cp = c;
	*i += n + 1;
	return true;
}

/* Write cp as UTF-8 at out[*o], within cap (keeping room for a NUL). */
static bool utf8_put(char *out, size_t cap, size_t *o, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	if (*o + n >= cap)
		return false;
	memcpy(out + *o, b, n);
	*o += n;
	return true;
}

/*
 * Lower case of the letters sarraf's words use: ASCII, and Cyrillic with the
 * Kazakh, Kyrgyz, Tajik and Uzbek letters (Ң, Ӣ, Ў, Қ, Ғ, Ҳ, Ү, Ө ...).
 * Cyrillic pairs: А-Я +0x20; Ѐ-Џ +0x50; in Ѡ-ԯ upper is even and lower odd,
 * except Ӂ-Ӎ (upper odd) and Ӏ (lower ӏ, U+04CF).
 */
static uint32_t fold_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 0x20;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c == 0x4C0)
		return 0x4CF;
	if (c >= 0x4C1 && c <= 0x4CE)
		return (c & 1) ? c + 1 : c;
	if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
		return (c & 1) ? c : c + 1;
	/* The apostrophes of Uzbek Latin (o'), as typed and as typeset. */
	if (c == 0x2BB || c == 0x2BC || c == 0x2018 || c == 0x2019 || c == '`')
		return '\'';
	return c;
}

int words_fold(char *out, size_t cap, const char *s, size_t len)
{
	size_t i = 0, o = 0;
	if (cap == 0)
		return -1;
	while (i < len) {
		uint32_t cp;
		if (!utf8_next(s, len, &i, &cp) || cp == 0)
			return -1;
		if (!utf8_put(out, cap, &o, fold_cp(cp)))
			return -1;
	}
	out[o] = '\0';
	return (int)o;
}

/* The folded word's entry, or NULL. */
static const words_entry *find_word(const char *s, size_t len)
{
	char key[WORDS_INPUT_MAX + 1];
	if (len > WORDS_INPUT_MAX || words_fold(key, sizeof key, s, len) < 0)
		return NULL;
	for (size_t k = 0; k < COUNT(word_table); k++)
		if (strcmp(word_table[k].word, key) == 0)
			return &word_table[k];
	return NULL;
}

/* "KGS UZS" -> out->candidates; returns the count. */
static size_t split_codes(words_currency_t *out, const char *codes)
{
	size_t n = 0;
	for (const char *p = codes; *p && n < WORDS_MAX_CANDIDATES; p += 3) {
		memcpy(out->candidates[n], p, 3);
		out->candidates[n][3] = '\0';
		n++;
		if (p[3] == ' ')
			p++;
		else if (p[3] != '\0')
			break;
	}
	return n;
}

/* s[0..len) as a NUL-terminated upper-case code, when it is three ASCII letters. */
static bool three_letters(char code[4], const char *s, size_t len)
{
	char tmp[4];
	if (len != 3)
		return false;
	memcpy(tmp, s, 3);
	tmp[3] = '\0';
	return currency_normalize(code, tmp);
}

words_status words_currency(words_currency_t *out, const char *s, size_t len,
                            const rates_table *t)
{
	char code[4];
	memset(out, 0, sizeof *out);
	bool letters = three_letters(code, s, len);

	/* 1. A code of the table wins over a word spelt the same. */
	if (letters && t != NULL && rates_knows(t, code)) {
		memcpy(out->code, code, 4);
		return WORDS_OK;
	}
	/* 2. A symbol or a name. */
	const words_entry *w = find_word(s, len);
	if (w != NULL) {
		out->ncandidates = split_codes(out, w->codes);
		if (out->ncandidates != 1)
			return WORDS_AMBIGUOUS;
		memcpy(out->code, out->candidates[0], 4);
		return t == NULL || rates_knows(t, out->code) ? WORDS_OK : WORDS_UNKNOWN;
	}
	/* 3. A code the table does not have. */
	if (letters) {
		memcpy(out->code, code, 4);
		memcpy(out->candidates[0], code, 4);
		out->ncandidates = 1;
		return t == NULL ? WORDS_OK : WORDS_UNKNOWN;
	}
	return WORDS_SYNTAX;
}

bool words_is_currency(const char *s, size_t len)
{
	char code[4];
	if (three_letters(code, s, len) && currency_find(code) != NULL)
		return true;
	return find_word(s, len) != NULL;
}

/* The group separators, each a whole UTF-8 sequence. */
static const char *const separators[] = {
	" ",
	"\xc2\xa0",      /* U+00A0 no-break space */
	"\xe2\x80\x89",  /* U+2009 thin space */
	"\xe2\x80\xaf",  /* U+202F narrow no-break space */
	"'",
	"\xe2\x80\x99",  /* U+2019 right single quotation mark, as apostrophe */
	"_",
	",",
};

/* The separator at s[i..len), or NULL. */
static const char *separator_at(const char *s, size_t len, size_t i)
{
	for (size_t k = 0; k < COUNT(separators); k++) {
		size_t n = strlen(separators[k]);
		if (len - i >= n && memcmp(s + i, separators[k], n) == 0)
			return separators[k];
	}
	return NULL;
}

/*
 * A lenient amount, as runs of digits between separators:
 *
 *   -1 500 000,50     sign "-", runs 1 500 000 50, separators ' ' ' ' ','
 *
 * The last separator may be the decimal point: '.' always, ',' when the
 * comma can only be one (or always, with WORDS_COMMA_DECIMAL). The others
 * are one and the same group separator, and the runs they join are groups:
 * a first of 1 to 3 digits not starting with 0, then groups of exactly 3.
 */
words_status words_amount_text(char out[WORDS_AMOUNT_MAX], const char *s, size_t len, words_comma comma)
{
	dec_t unused;
	size_t i = 0, o = 0;

	if (s == NULL || len == 0 || len > WORDS_INPUT_MAX)
		return WORDS_SYNTAX;
	const char *dot = memchr(s, '.', len), *c1 = memchr(s, ',', len);
	if (comma == WORDS_COMMA_DECIMAL && dot != NULL)
		return WORDS_SYNTAX; /* a point is not the decimal point here, and no group separator */
	/* Whatever the strict parser takes (or finds out of range) is passed on as it is; with
	   WORDS_COMMA_DECIMAL, once its one comma is made a point ("1,5e3"). */
	memcpy(out, s, len);
	out[len] = '\0';
	if (comma == WORDS_COMMA_DECIMAL && c1 != NULL && memchr(c1 + 1, ',', len - (size_t)(c1 - s) - 1) == NULL)
		out[c1 - s] = '.';
	if (dec_parse(&unused, out, len) != DEC_SYNTAX)
		return WORDS_OK;

	/* The runs of digits and the separators between them. */
	size_t run_at[WORDS_INPUT_MAX], run_len[WORDS_INPUT_MAX], nruns = 0;
	const char *sep[WORDS_INPUT_MAX];
	if (s[i] == '+' || s[i] == '-')
		i++;
	for (;;) {
		size_t a = i;
		while (i < len && is_digit(s[i]))
			i++;
		if (i == a)
			return WORDS_SYNTAX; /* a separator with no digits before it: ",5", "1,,5", "1 " */
		run_at[nruns] = a;
		run_len[nruns] = i - a;
		if (i == len)
			break;
		const char *sp = s[i] == '.' ? "." : separator_at(s, len, i);
		if (sp == NULL)
			return WORDS_SYNTAX;
		sep[nruns++] = sp;
		i += strlen(sp);
		if (i == len && sp[0] == '.') {
			run_at[nruns] = i; /* "1,000.": a point with no fraction, as dec_parse takes "1000." */
			run_len[nruns] = 0;
			break;
		}
	}
	size_t nseps = nruns++;
	if (nseps == 0)
		return WORDS_SYNTAX;

	/* Which separator is the decimal point, if any. */
	const char *last = sep[nseps - 1];
	size_t commas = 0, points = 0;
	for (size_t k = 0; k < nseps; k++) {
		commas += sep[k][0] == ',';
		points += sep[k][0] == '.';
	}
	bool decimal;
	if (points > 0) {
		decimal = true;
		if (points > 1 || last[0] != '.')
			return WORDS_SYNTAX; /* "1.000.000", "1.000,50" */
	} else if (last[0] != ',') {
		decimal = false;
	} else if (comma == WORDS_COMMA_DECIMAL) {
		decimal = true;
		if (commas > 1)
			return WORDS_SYNTAX; /* "1,500,000" has no reading with a decimal comma */
	} else if (commas < nseps) {
		/* "1 000,50": groups of another separator, then the comma; "1 000,000" could be a
		   group more, with the separators mixed */
		if (commas > 1 || run_len[nruns - 1] == 3)
			return commas > 1 ? WORDS_SYNTAX : WORDS_AMBIGUOUS;
		decimal = true;
	} else if (commas > 1) {
		decimal = false; /* "1,234,567" */
	} else {
		/* One comma alone: "1,5", "0,25", "1234,5" can only be decimal; "1,500" is either. */
		bool group = run_len[0] >= 1 && run_len[0] <= 3 && s[run_at[0]] != '0' && run_len[1] == 3;
		if (group)
			return WORDS_AMBIGUOUS;
		decimal = true;
	}

	/* The groups: one separator throughout, a first group of 1 to 3 digits, then of 3. */
	size_t ngroups = decimal ? nruns - 1 : nruns;
	for (size_t k = 1; k < ngroups; k++)
		if (strcmp(sep[k - 1], sep[0]) != 0 || run_len[k] != 3)
			return WORDS_SYNTAX;
	if (ngroups > 1 && (run_len[0] > 3 || s[run_at[0]] == '0'))
		return WORDS_SYNTAX;

	if (s[0] == '+' || s[0] == '-')
		out[o++] = s[0];
	for (size_t k = 0; k < nruns; k++) {
		if (decimal && k == nruns - 1)
			out[o++] = '.';
		memcpy(out + o, s + run_at[k], run_len[k]);
		o += run_len[k];
	}
	out[o] = '\0';
	return WORDS_OK;
}

/* The blank (space, no-break or thin space) that starts at s[i..end), or ends at s[..end): its length, or 0. */
static const char *const blanks[] = { " ", "\xc2\xa0", "\xe2\x80\x89", "\xe2\x80\xaf" };

static size_t blank_after(const char *s, size_t i, size_t end)
{
	for (size_t k = 0; k < COUNT(blanks); k++) {
		size_t n = strlen(blanks[k]);
		if (end - i >= n && memcmp(s + i, blanks[k], n) == 0)
			return n;
	}
	return 0;
}

static size_t blank_before(const char *s, size_t start, size_t end)
{
	for (size_t k = 0; k < COUNT(blanks); k++) {
		size_t n = strlen(blanks[k]);
		if (end - start >= n && memcmp(s + end - n, blanks[k], n) == 0)
			return n;
	}
	return 0;
}

/* An operand that continues a grouped amount typed unquoted: "000", "000.50", "000kzt". */
static bool continues_group(const char *a)
{
	return is_digit(a[0]) && is_digit(a[1]) && is_digit(a[2]) && !is_digit(a[3]);
}

static words_status too_long(words_operand_t *out, const char *arg)
{
	size_t n = strlen(arg);
	if (n > WORDS_INPUT_MAX - 3)
		n = WORDS_INPUT_MAX - 3;
	memcpy(out->text, arg, n);
	memcpy(out->text + n, "...", 4);
	return WORDS_SYNTAX;
}

/*
 * The multipliers that may follow a number, folded: Russian, Uzbek (Latin),
 * Kazakh, English. None is a currency word or code (test_words.c checks),
 * and a word glued to a number is a currency first: "5manat" is 5 TMT,
 * never 5 million "anat".
 */
static const struct {
	const char *word;
	int exp; /* the power of ten */
} multipliers[] = {
	{ "k", 3 },        { "thousand", 3 }, { "ming", 3 },
	{ "\xd1\x82\xd1\x8b\xd1\x81", 3 },          /* тыс */
	{ "\xd1\x82\xd1\x8b\xd1\x81.", 3 },         /* тыс. */
	{ "\xd0\xbc\xd1\x8b\xd2\xa3", 3 },          /* мың */
	{ "m", 6 },        { "mln", 6 },      { "million", 6 },
	{ "\xd0\xbc\xd0\xbb\xd0\xbd", 6 },          /* млн */
	{ "bn", 9 },       { "billion", 9 },  { "mlrd", 9 },
	{ "\xd0\xbc\xd0\xbb\xd1\x80\xd0\xb4", 9 }, /* млрд */
};

size_t words_multiplier_count(void)
{
	return COUNT(multipliers);
}

const char *words_multiplier_at(size_t i, int *exp)
{
	if (i >= COUNT(multipliers))
		return NULL;
	*exp = multipliers[i].exp;
	return multipliers[i].word;
}

/* The bytes of s[0..len) that spell word (folded) from its start, in any case; 0: none. */
static size_t spells(const char *s, size_t len, const char *word)
{
	size_t i = 0, w = 0, wl = strlen(word);
	while (w < wl) {
		uint32_t a, b;
		if (i >= len || !utf8_next(s, len, &i, &a) || !utf8_next(word, wl, &w, &b) || fold_cp(a) != b)
			return 0;
	}
	return i;
}

/*
 * The multiplier that s[0..len) starts with: its length in bytes and power
 * of ten, the longest whose rest is nothing or blanks and a currency
 * ("mln", "млн сум", "kUZS"); 0 when there is none.
 */
static size_t multiplier_at(const char *s, size_t len, int *exp)
{
	size_t best = 0;
	for (size_t k = 0; k < COUNT(multipliers); k++) {
		size_t m = spells(s, len, multipliers[k].word), b, rest = m;
		if (m == 0 || m <= best)
			continue;
		while (rest < len && (b = blank_after(s, rest, len)) > 0)
			rest += b;
		if (rest == len ? rest == m : words_is_currency(s + rest, len - rest)) {
			best = m;
			*exp = multipliers[k].exp;
		}
	}
	return best;
}

/* An operand that is a multiplier alone: "млн", "k", "тыс.". */
static bool is_multiplier(const char *a)
{
	int exp;
	size_t n = strlen(a);
	return n > 0 && multiplier_at(a, n, &exp) == n;
}

/*
 * A strict amount text (digits, one point, no exponent) times 10^exp, by
 * moving its point: "1.5" and 6 -> "1500000". Exact, as the digits are
 * only moved. false for an exponent, or a result longer than cap.
 */
static bool shift_point(char *a, int exp, size_t cap)
{
	char digits[WORDS_AMOUNT_MAX + 16];
	size_t n = strlen(a), i = 0, d = 0, point = SIZE_MAX;
	if (strpbrk(a, "eE") != NULL || n + (size_t)exp + 1 >= sizeof digits)
		return false;
	char sign = a[0] == '-' || a[0] == '+' ? a[i++] : 0;
	for (; i < n; i++) {
		if (a[i] == '.')
			point = d;
		else
			digits[d++] = a[i];
	}
	if (point == SIZE_MAX)
		point = d;
	point += (size_t)exp;
	while (d < point)
		digits[d++] = '0';
	size_t lead = 0;
	while (lead + 1 < point && digits[lead] == '0')
		lead++; /* "0.5" times 1000: "500", not "0500" */
	size_t o = 0, need = (sign != 0) + (point - lead) + (d > point ? 1 + d - point : 0);
	if (need + 1 > cap)
		return false;
	if (sign != 0)
		a[o++] = sign;
	memcpy(a + o, digits + lead, point - lead);
	o += point - lead;
	if (d > point) {
		a[o++] = '.';
		memcpy(a + o, digits + point, d - point);
		o += d - point;
	}
	a[o] = '\0';
	return true;
}

words_status words_operands(words_operand_t *out, char *const *args, int n, words_comma comma)
{
	char *t = out->text;
	size_t len;
	int used = 1;

	memset(out, 0, sizeof *out);
	if (n < 1 || args[0] == NULL)
		return WORDS_SYNTAX;
	len = strlen(args[0]);
	if (len > WORDS_INPUT_MAX)
		return too_long(out, args[0]);
	memcpy(t, args[0], len + 1);
	/* Join "1" "000" "000" into "1 000 000": three digits are never a currency; and the
	   multiplier after them ("1,5" "млн"), never a currency either. */
	while (used < n && len > 0 && is_digit(t[len - 1]) &&
	       (continues_group(args[used]) || is_multiplier(args[used]))) {
		bool multiplier = !continues_group(args[used]);
		size_t add = strlen(args[used]);
		if (len + 1 + add > WORDS_INPUT_MAX)
			return too_long(out, t);
		t[len++] = ' ';
		memcpy(t + len, args[used], add + 1);
		len += add;
		used++;
		if (multiplier)
			break;
	}

	/*
	 *   [sign] [currency] [sign] number [multiplier] [currency]
	 *   0      p          q               r                     len
	 * The number runs from the first digit or point to the last digit or
	 * point; a multiplier and a currency may follow it, or a currency come
	 * before it, never one on each side.
	 */
	size_t p = 0, q, r;
	char sign = 0;
	int exp = 0;
	if (t[0] == '+' || t[0] == '-')
		sign = t[p++];
	for (q = p; q < len && !is_digit(t[q]) && t[q] != '.'; q++)
		;
	if (q == len)
		return WORDS_SYNTAX; /* no number at all: "nan", "" */
	for (r = len; r > q && !is_digit(t[r - 1]) && !(t[r - 1] == '.' && r - 1 > q && is_digit(t[r - 2]));
	     r--)
		; /* "1000." ends at its point, "1,5 тыс." at its 5 */
	if (t[q] == '.' && r == q)
		r = q + 1;
	size_t after = r, b;
	while (after < len && (b = blank_after(t, after, len)) > 0)
		after += b;
	size_t mlen = after < len && !words_is_currency(t + after, len - after)
	                  ? multiplier_at(t + after, len - after, &exp) : 0;
	size_t rest = mlen > 0 ? after + mlen : r; /* the currency after the number from here */
	if (q > p && r < len && (mlen == 0 || after + mlen != len))
		return WORDS_SYNTAX; /* a currency on both sides */
	size_t cs = q > p ? p : rest, ce = q > p ? q : len;
	if (q > p && sign == 0 && (t[ce - 1] == '-' || t[ce - 1] == '+'))
		sign = t[--ce]; /* "$-5" */
	while (cs < ce && (b = blank_after(t, cs, ce)) > 0)
		cs += b;
	while (ce > cs && (b = blank_before(t, cs, ce)) > 0)
		ce -= b;
	if (ce > cs) {
		if (!words_is_currency(t + cs, ce - cs))
			return WORDS_SYNTAX; /* "12abc": a typo, not a currency */
		memcpy(out->currency, t + cs, ce - cs);
		out->currency[ce - cs] = '\0';
	} else if (q > p || (mlen == 0 && r < len)) {
		return WORDS_SYNTAX; /* only blanks or a sign around the number */
	}

	/* The number itself, its sign in front; times its multiplier. */
	char num[WORDS_INPUT_MAX + 1];
	size_t m = 0;
	if (sign != 0)
		num[m++] = sign;
	memcpy(num + m, t + q, r - q);
	m += r - q;
	out->used = used;
	out->exp = exp;
	words_status st = words_amount_text(out->amount, num, m, comma);
	if (st == WORDS_OK && exp > 0 && !shift_point(out->amount, exp, sizeof out->amount))
		return WORDS_SYNTAX; /* "1e3k": an exponent and a multiplier */
	return st;
}
