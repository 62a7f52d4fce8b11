/*
 * convert.h - amount, FROM, TO, precision, rounding -> the exactly rounded
 * result, or an error. No floating point.
 *
 * result = round(amount * value(FROM) / value(TO)) at `precision` digits
 * after the point, computed as one exact integer division of big integers
 * (up to 1024 bits) and rounded once.
 */
#ifndef SARRAF_CONVERT_H
#define SARRAF_CONVERT_H

#include "sarraf/decimal.h"
#include "sarraf/rates.h"

#define CONV_MAX_PRECISION 18

typedef struct {
	int precision;   /* digits after the point, 0..CONV_MAX_PRECISION */
	dec_round mode;
} conv_ctx;

typedef enum {
	CONV_OK = 0,
	CONV_RANGE,  /* |result| >= 10^20, or the exact computation does not fit */
} conv_status;

/* The results' bound: |result| < 10^20. */
#define CONV_RESULT_DIGITS 20

/*
 * The ratio value(FROM) / value(TO) of one pair, prepared once so that a
 * stream of amounts pays only for the multiply and divide.
 */
typedef struct {
	dec_uint num[2];  /* num = num[0] * num[1] (each < 2^128) */
	dec_uint den[2];  /* den = den[0] * den[1] */
	int32_t exp;      /* ratio = num / den * 10^exp */
	/*
	 * The same ratio in lowest terms, when both terms fit 64 bits: then an
	 * amount of the usual size needs only 128-bit arithmetic (the fast path).
	 */
	bool fast;
	uint64_t fnum, fden;
} conv_pair;

void conv_pair_init(conv_pair *p, const rates_value *from, const rates_value *to);

/*
 * *result = round(amount * ratio) as a coefficient of 10^-ctx->precision.
 * On CONV_RANGE *result is untouched.
 */
conv_status conv_apply(dec_int *result, const dec_t *amount, const conv_pair *p, const conv_ctx *ctx);

/*
 * conv_apply without the fast path: the big-integer computation alone. The
 * two must agree everywhere; this is here so that tests can say so.
 */
conv_status conv_apply_general(dec_int *result, const dec_t *amount, const conv_pair *p,
                               const conv_ctx *ctx);

/*
 * A pair prepared for amounts of one exponent at one precision, as a
 * stream's mostly are: result = round(|A| * mul / div) in 64 bits, the
 * division done by a multiply with a reciprocal (Granlund and Montgomery,
 * "Division by invariant integers using multiplication", 1994, figure 4.1),
 * the remainder rounded as conv_apply does. It agrees with conv_apply
 * wherever it answers; for amounts beyond `limit`, or when the pair has no
 * 64-bit form at that exponent (ok false), conv_apply is the way.
 */
typedef struct {
	bool ok;
	dec_round mode;
	uint64_t mul, div;  /* result = round(|A| * mul / div) */
	uint64_t limit;     /* the largest |A| with |A| * mul below 2^64 */
	uint64_t magic;     /* the reciprocal of div, and its shifts */
	unsigned sh1, sh2;
} conv_lane;

void conv_lane_init(conv_lane *l, const conv_pair *p, int32_t amount_exp, const conv_ctx *ctx);

/* *result for an amount of magnitude mag (of the lane's exponent); false when mag > limit. */
static inline bool conv_lane_apply(const conv_lane *l, dec_int *result, uint64_t mag, bool negative)
{
	if (mag > l->limit)
		return false;
	uint64_t x = mag * l->mul;
	uint64_t t = (uint64_t)(((dec_uint)l->magic * x) >> 64);
	uint64_t q = (t + ((x - t) >> l->sh1)) >> l->sh2;
	uint64_t r = x - q * l->div;
	/* Added, not branched on (which way a remainder goes is a coin toss to the branch
	   predictor). q + 1 cannot wrap: r != 0 means div >= 2, so q < 2^63. */
	int half = (r > l->div - r) - (r < l->div - r);
	q += r != 0 && dec_round_increment(l->mode, negative, (q & 1) != 0, true, half);
	*result = negative ? -(dec_int)q : (dec_int)q;
	return true;
}

/* Convenience: conv_pair_init + conv_apply. */
conv_status conv_convert(dec_int *result, const dec_t *amount, const rates_value *from,
                         const rates_value *to, const conv_ctx *ctx);

/*
 * The digits after the point that show `sig` significant digits of one unit
 * of the pair's ratio, at least min_scale and at most CONV_MAX_PRECISION.
 */
int conv_significant_scale(const conv_pair *p, int sig, int min_scale);

/*
 * Write one unit of the pair's ratio, rounded once to `scale` digits. With
 * trim, an exact value loses its trailing zeros down to min_scale digits.
 * Returns the length, or -1 when the value is out of range or cap too small.
 */
int conv_format_rate(char *buf, size_t cap, const conv_pair *p, int scale, int min_scale, bool trim,
                     dec_round mode);

/*
 * Whether the quotes can carry the digits of a result. A quote that is not
 * exact by definition is good to half a unit of its last written digit: a
 * relative uncertainty of 1 / (2 c), c its coefficient (0.00008: c = 8,
 * +/-6.25%). The result amount * value(from) / value(to) is uncertain when
 * those of its quotes (q NULL: the base, exact) add up to more than half a
 * unit of its last digit at `precision`:
 *     |result| * 10^precision * (1/cf + 1/ct) > 1
 * decided with integers alone. true when uncertain.
 */
bool conv_uncertain(const dec_t *amount, const conv_pair *p, const rates_quote *from,
                    const rates_quote *to, int precision);

/*
 * The one home of a quote's uncertainty: the relative uncertainty that the
 * quotes from and to carry (NULL: the base, exact), 1/(2 cf) + 1/(2 ct), as
 * an exact ratio in *u. false when both are exact (u is then 0).
 */
bool conv_uncertainty(conv_pair *u, const rates_quote *from, const rates_quote *to);

/*
 * The same as a decimal of `sig` significant digits, for records ("0.063";
 * "0" when both are exact); output.h's out_uncertainty shows it to people.
 * Returns the length, or -1 when cap is too small.
 */
int conv_uncertainty_text(char *buf, size_t cap, const rates_quote *from, const rates_quote *to,
                          int sig);

#endif
