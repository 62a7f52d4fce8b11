/*
 * words.h - amounts and currencies the way people type and read them:
 * "100₸", "5 000 сум", "so'm", "1,234.50"; and amounts grouped for reading
 * ("1 000 000"). The lenient forms live here and produce the strict text of
 * dec_parse() or an upper-case code, so that decimal.c stays strict for rate
 * tables and streams.
 *
 * No locale: case folding of Latin and Cyrillic letters is done here, byte
 * by byte on UTF-8, never with <ctype.h> or setlocale().
 */
#ifndef SARRAF_WORDS_H
#define SARRAF_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "sarraf/rates.h"

/* The longest operand looked at, in bytes: longer ones are refused. */
#define WORDS_INPUT_MAX 256
/* Room for a strict amount text produced from a lenient one, with its NUL. */
#define WORDS_AMOUNT_MAX (WORDS_INPUT_MAX + 1)
/* The most candidates an ambiguous word names. */
#define WORDS_MAX_CANDIDATES 4

typedef enum {
	WORDS_OK = 0,
	WORDS_SYNTAX,     /* not an amount (or not a currency) of any accepted form */
	WORDS_AMBIGUOUS,  /* could be read two ways: refused ("1,234"; "som") */
	WORDS_UNKNOWN,    /* a well-formed code or a known word not in the table */
} words_status;

/*
 * A lenient amount s[0..len) -> the strict text that dec_parse() accepts.
 * Accepted: whatever dec_parse() accepts; and an optional sign, an integer
 * part in groups of three digits, an optional '.' and fraction digits, where
 * the first group has 1 to 3 digits (no leading zero) and every group after it
 * has exactly 3, all separated by one and the same separator:
 *   ' ' (space), U+00A0 (no-break space), U+2009 (thin space),
 *   U+202F (narrow no-break space), '\'' or U+2019 (apostrophe), '_', or ','.
 * A comma is a decimal point in much of the region, so comma groups are taken
 * only when that reading is impossible: with a '.' fraction ("1,234.50") or
 * with two or more groups ("1,234,567"). One comma group alone ("1,234",
 * "12,500") is WORDS_AMBIGUOUS; "1,5" and "1 000,50" are WORDS_SYNTAX.
 * out gets at most WORDS_AMOUNT_MAX bytes with its NUL.
 */
words_status words_amount_text(char out[WORDS_AMOUNT_MAX], const char *s, size_t len);

/* The result of resolving a currency operand. */
typedef struct {
	char code[4];                                  /* WORDS_OK: the upper-case code */
	size_t ncandidates;                            /* WORDS_AMBIGUOUS, WORDS_UNKNOWN */
	char candidates[WORDS_MAX_CANDIDATES][4];      /* the codes it could mean */
} words_currency_t;

/*
 * A currency operand -> a code. In order:
 *   1. three ASCII letters that are a code of the table (any case);
 *   2. a symbol or a name of words_list(), Latin or Cyrillic, any case:
 *      one candidate -> that code (WORDS_UNKNOWN when the table lacks it),
 *      several -> WORDS_AMBIGUOUS, naming them ("som": KGS, UZS);
 *   3. three ASCII letters -> that code, WORDS_UNKNOWN (not in the table);
 *   4. anything else -> WORDS_SYNTAX.
 * t may be NULL: then every well-formed code counts as in the table.
 */
words_status words_currency(words_currency_t *out, const char *s, size_t len,
                            const rates_table *t);

/*
 * true when s[0..len) names a currency without a table: a code of
 * currency.h's list or a word of words_list(). This decides whether the
 * letters glued to an amount ("100kzt") are a currency or a typo ("12abc").
 */
bool words_is_currency(const char *s, size_t len);

/*
 * The amount operands of a conversion, as typed:
 *   args[0] is an amount, possibly with a currency glued before or after it
 *   ("100kzt", "₸1500", "1500 ₸", "$5", "-$5"), and possibly continued by
 *   operands of three digits ("1 000 000" typed unquoted: "1" "000" "000").
 * On WORDS_OK: amount holds the strict text, currency the glued currency
 * ("" when none), used the number of operands consumed (>= 1), and text
 * the amount as typed (joined with spaces) for messages. On an error, text
 * holds the offending value.
 */
typedef struct {
	char amount[WORDS_AMOUNT_MAX];
	char currency[WORDS_INPUT_MAX + 1];
	char text[WORDS_INPUT_MAX + 1];
	int used;
} words_operand_t;

words_status words_operands(words_operand_t *out, char *const *args, int n);

/* One entry of the word list: a symbol or name, folded to lower case. */
typedef struct {
	const char *word;   /* UTF-8, lower case */
	const char *codes;  /* "KZT", or "KGS UZS" for an ambiguous word */
} words_entry;

size_t words_count(void);
const words_entry *words_at(size_t i);

/*
 * Fold s[0..len) for comparison into out (cap bytes with the NUL): ASCII and
 * Cyrillic letters to lower case, the apostrophes of "so'm" (U+02BB, U+02BC,
 * U+2019, U+2018, '`') to '\''. Returns the length, or -1 when s is not
 * valid UTF-8 or out is too small.
 */
int words_fold(char *out, size_t cap, const char *s, size_t len);

#endif
