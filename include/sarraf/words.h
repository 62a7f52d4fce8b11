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
/* Room for a strict amount text produced from a lenient one, with its NUL (and the zeros
   that a multiplier adds: "1k" is "1000"). */
#define WORDS_AMOUNT_MAX (WORDS_INPUT_MAX + 16)
/* The most candidates an ambiguous word names. */
#define WORDS_MAX_CANDIDATES 4

typedef enum {
	WORDS_OK = 0,
	WORDS_SYNTAX,     /* not an amount (or not a currency) of any accepted form */
	WORDS_AMBIGUOUS,  /* could be read two ways: refused ("1,234"; "som") */
	WORDS_UNKNOWN,    /* a well-formed code or a known word not in the table */
} words_status;

/* How a comma in an amount is read. */
typedef enum {
	WORDS_COMMA_AUTO,    /* a comma that can only be a decimal point is one ("1,5", "0,25",
	                        "1 000,50"); one that could be a group separator too is
	                        WORDS_AMBIGUOUS ("1,500"); two or more are groups ("1,500,000") */
	WORDS_COMMA_DECIMAL, /* --decimal-comma: a comma is the decimal point, a point is refused */
} words_comma;

/*
 * A lenient amount s[0..len) -> the strict text that dec_parse() accepts.
 * Accepted: whatever dec_parse() accepts (with WORDS_COMMA_DECIMAL, once its
 * comma is made a point, and never with a point); and an optional sign, an
 * integer part in groups of three digits, then an optional fraction after a
 * decimal point, where the first group has 1 to 3 digits (no leading zero)
 * and every group after it has exactly 3, all separated by one and the same
 * separator:
 *   ' ' (space), U+00A0 (no-break space), U+2009 (thin space),
 *   U+202F (narrow no-break space), '\'' or U+2019 (apostrophe), '_', or ','.
 * The decimal point is '.', or a comma that cannot be a group separator:
 *   "1,5", "12,5", "0,25", "1234,5" (a first group of 1 to 3 digits without a
 *   leading zero, then exactly three, is the only other reading of a comma);
 *   "1 000,50" (groups of another separator, then the comma).
 * A comma that can be either, "1,500", "-12,500" or "1 000,000" (a group
 * more, its separators mixed), is WORDS_AMBIGUOUS (with WORDS_COMMA_AUTO).
 * Comma groups are "1,500,000" and "1,234.50".
 * out gets at most WORDS_AMOUNT_MAX bytes with its NUL.
 */
words_status words_amount_text(char out[WORDS_AMOUNT_MAX], const char *s, size_t len, words_comma comma);

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
 *   ("100kzt", "₸1500", "1500 ₸", "$5", "-$5"), possibly continued by
 *   operands of three digits ("1 000 000" typed unquoted: "1" "000" "000"),
 *   and possibly followed by a multiplier (words_multiplier_at()), glued or
 *   as an operand of its own: "2k", "1,5млн", "1.5" "млн", "1.5 mln сум".
 *   A currency comes before the number or after it and its multiplier.
 * On WORDS_OK: amount holds the strict text, already multiplied (the point
 * moved: "1.5" and "млн" give "1500000", exactly), exp the multiplier's power
 * of ten (0: none), currency the glued currency ("" when none), used the
 * number of operands consumed (>= 1), and text the amount as typed (joined
 * with spaces) for messages. On an error, text holds the offending value.
 * A word glued to a number is read as a currency before a multiplier
 * ("5manat" is 5 TMT); an exponent with a multiplier ("1e3k") is refused.
 */
typedef struct {
	char amount[WORDS_AMOUNT_MAX];
	char currency[WORDS_INPUT_MAX + 1];
	char text[WORDS_INPUT_MAX + 1];
	int used;
	int exp;
} words_operand_t;

words_status words_operands(words_operand_t *out, char *const *args, int n, words_comma comma);

/*
 * The multipliers, folded (lower case): "k" 3, "mln" 6, "млрд" 9 ... The
 * i-th word and its power of ten in *exp; NULL past the end.
 */
size_t words_multiplier_count(void);
const char *words_multiplier_at(size_t i, int *exp);

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
