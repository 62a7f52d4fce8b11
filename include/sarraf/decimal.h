/*
 * decimal.h - exact decimal values: parse, format, round. No floating point.
 *
 * A dec_t is coef x 10^exp with a signed 128-bit coefficient, so every
 * amount of the SPEC's range (|x| < 10^20, at most 18 digits after the
 * point: at most 38 digits in all) is held exactly.
 */
#ifndef SARRAF_DECIMAL_H
#define SARRAF_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef __int128 dec_int;
typedef unsigned __int128 dec_uint;

/* value = coef * 10^exp */
typedef struct {
	dec_int coef;
	int32_t exp;
} dec_t;

/* The most significant digits a dec_t coefficient holds: 10^38 < 2^127. */
#define DEC_MAX_DIGITS 38
/* Room for any dec_format/dec_to_string result, with its terminating NUL. */
#define DEC_STRING_MAX 160

/* The rounding modes of the SPEC; the decision for all of them is one switch in dec_round_apply(). */
typedef enum {
	DEC_ROUND_HALF_UP,   /* to nearest; ties away from zero (the default) */
	DEC_ROUND_HALF_EVEN, /* to nearest; ties to the even neighbour (banker's rounding) */
	DEC_ROUND_HALF_DOWN, /* to nearest; ties toward zero */
	DEC_ROUND_UP,        /* away from zero */
	DEC_ROUND_DOWN,      /* toward zero (truncate) */
	DEC_ROUND_CEILING,   /* toward +infinity */
	DEC_ROUND_FLOOR,     /* toward -infinity */
} dec_round;

#define DEC_ROUND_COUNT 7

typedef enum {
	DEC_OK = 0,
	DEC_SYNTAX, /* not a number of the accepted syntax */
	DEC_RANGE,  /* well formed but does not fit (too many digits, exponent too large) */
} dec_status;

/*
 * Strict parse of s[0..len): optional sign, digits, optional '.' and
 * fraction (at least one digit on one side of the point), optional exponent
 * (e/E, optional sign, 1 to 9 digits). Nothing else: no blanks, no grouping,
 * no "nan", "inf", hex or empty string. Digits are kept as written
 * ("1.50" is coef 150, exp -2); trailing zeros are dropped only when needed
 * to fit DEC_MAX_DIGITS.
 */
dec_status dec_parse(dec_t *out, const char *s, size_t len);

/* Same, for a NUL-terminated string. */
dec_status dec_parse_cstr(dec_t *out, const char *s);

/*
 * A nominal as the banks write it ("1", "10", "100" ...) -> its power of
 * ten (0, 1, 2 ...), so that a rate per nominal is folded into the exponent
 * exactly; -1 for anything else or more than max_zeros zeros.
 */
int dec_power_of_ten(const char *s, size_t len, int max_zeros);

/* Sign of x: -1, 0 or 1. */
int dec_sign(const dec_t *x);

/* Digits in the coefficient (1 for zero). */
int dec_digits(const dec_t *x);

/*
 * Write coef x 10^-scale with exactly `scale` digits after the point
 * (none, and no point, when scale is 0), '-' for negatives, never "-0".
 * scale is 0..DEC_STRING_MAX-45. Returns the length written, or -1 when cap
 * is too small or scale out of range.
 */
int dec_format(char *buf, size_t cap, dec_int coef, int scale);

/*
 * dec_format for a stream's output, straight into a buffer with at least
 * DEC_STRING_MAX bytes of room, without its NUL: the same characters, made
 * without a branch that depends on the number's digits for |coef| < 10^16
 * and scale <= 8 (a branch per digit is mispredicted when results' lengths
 * vary, and costs more than the rest of the formatting). May write bytes
 * past the length it returns.
 */
int dec_format_stream(char *buf, dec_int coef, int scale);

/* Write x exactly in plain notation: max(0, -exp) digits after the point. */
int dec_to_string(char *buf, size_t cap, const dec_t *x);

/*
 * The rounding decision. q is the truncated quotient's magnitude, the
 * discarded part compares to half a unit as `half` (-1 below, 0 exactly
 * half, 1 above), `inexact` says whether anything was discarded at all,
 * `negative` is the sign of the exact value. Returns true when the
 * magnitude must go up by one unit.
 */
bool dec_round_increment(dec_round mode, bool negative, bool q_odd, bool inexact, int half);

/* Mode <-> name ("half-up", "half-even", ...). Returns false for unknown names. */
bool dec_round_from_name(dec_round *out, const char *name);
const char *dec_round_name(dec_round mode);

#endif
