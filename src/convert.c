/*
 * convert.c - round(amount * value(FROM) / value(TO)), exactly.
 *
 * The amount is A * 10^a, the pair's ratio NUM / DEN * 10^e. For P digits
 * after the point the scaled result is
 *
 *         |A| * NUM * 10^k            k = a + e + P
 *   q  =  ----------------            (10^k moves to the denominator when k < 0)
 *               DEN
 *
 * computed as one big-integer division (Knuth's algorithm D on 32-bit
 * limbs); the remainder alone decides the rounding. Every quantity is an
 * integer, so nothing is lost on the way, and a value too large for the
 * fixed-size integers is reported as CONV_RANGE, never wrapped.
 */
#include "sarraf/convert.h"

#include <stdio.h>
#include <string.h>

/* 1280 bits: the SPEC's whole range needs at most about 700. */
#define BIG_LIMBS 40

typedef struct {
	uint32_t d[BIG_LIMBS]; /* little-endian limbs */
	int n;                 /* limbs in use; d[n-1] != 0, or n == 0 for zero */
} big;

static void big_trim(big *b)
{
	while (b->n > 0 && b->d[b->n - 1] == 0)
		b->n--;
}

static void big_set_u128(big *b, dec_uint v)
{
	b->n = 0;
	while (v != 0) {
		b->d[b->n++] = (uint32_t)v;
		v >>= 32;
	}
}

static int big_bits(const big *b)
{
	if (b->n == 0)
		return 0;
	uint32_t top = b->d[b->n - 1];
	int bits = 32 * (b->n - 1);
	while (top != 0) {
		bits++;
		top >>= 1;
	}
	return bits;
}

/* r = a * b; false when it does not fit. r may not alias a or b. */
static bool big_mul(big *r, const big *a, const big *b)
{
	if (a->n == 0 || b->n == 0) {
		r->n = 0;
		return true;
	}
	if (a->n + b->n > BIG_LIMBS)
		return false;
	memset(r->d, 0, sizeof r->d[0] * (size_t)(a->n + b->n));
	for (int i = 0; i < a->n; i++) {
		uint64_t carry = 0;
		for (int j = 0; j < b->n; j++) {
			uint64_t t = (uint64_t)a->d[i] * b->d[j] + r->d[i + j] + carry;
			r->d[i + j] = (uint32_t)t;
			carry = t >> 32;
		}
		r->d[i + b->n] = (uint32_t)carry;
	}
	r->n = a->n + b->n;
	big_trim(r);
	return true;
}

/* b *= m; false when it does not fit. */
static bool big_mul_small(big *b, uint32_t m)
{
	uint64_t carry = 0;
	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->d[i] * m + carry;
		b->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry != 0) {
		if (b->n == BIG_LIMBS)
			return false;
		b->d[b->n++] = (uint32_t)carry;
	}
	return true;
}

/* b *= 10^k (k >= 0); false when it does not fit. */
static bool big_mul_pow10(big *b, int64_t k)
{
	if (b->n == 0)
		return true;
	if (k > 32 * BIG_LIMBS / 3) /* 10^k alone would need more than 1280 bits */
		return false;
	for (; k >= 9; k -= 9)
		if (!big_mul_small(b, 1000000000u))
			return false;
	static const uint32_t small[9] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 };
	return big_mul_small(b, small[k]);
}

static int big_cmp(const big *a, const big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	return 0;
}

static int nlz32(uint32_t x)
{
	int n = 0;
	if (x == 0)
		return 32;
	while (!(x & 0x80000000u)) {
		x <<= 1;
		n++;
	}
	return n;
}

/*
 * q = u / v, r = u % v, for v != 0 (Knuth, TAOCP vol. 2, 4.3.1, algorithm D,
 * in the form of Hacker's Delight's divmnu). q and r may not alias u or v.
 */
static void big_divmod(big *q, big *r, const big *u, const big *v)
{
	int m = u->n, n = v->n;

	if (big_cmp(u, v) < 0) {
		q->n = 0;
		*r = *u;
		return;
	}
	if (n == 1) {
		uint64_t rem = 0;
		for (int j = m - 1; j >= 0; j--) {
			uint64_t cur = (rem << 32) | u->d[j];
			q->d[j] = (uint32_t)(cur / v->d[0]);
			rem = cur % v->d[0];
		}
		q->n = m;
		big_trim(q);
		r->d[0] = (uint32_t)rem;
		r->n = 1;
		big_trim(r);
		return;
	}

	/* D1: normalise so that v's top limb has its high bit set. */
	uint32_t un[BIG_LIMBS + 1], vn[BIG_LIMBS];
	int s = nlz32(v->d[n - 1]);
	for (int i = n - 1; i > 0; i--)
		vn[i] = (v->d[i] << s) | (uint32_t)(s ? (uint64_t)v->d[i - 1] >> (32 - s) : 0);
	vn[0] = v->d[0] << s;
	un[m] = (uint32_t)(s ? (uint64_t)u->d[m - 1] >> (32 - s) : 0);
	for (int i = m - 1; i > 0; i--)
		un[i] = (u->d[i] << s) | (uint32_t)(s ? (uint64_t)u->d[i - 1] >> (32 - s) : 0);
	un[0] = u->d[0] << s;

	const uint64_t b = (uint64_t)1 << 32;
	for (int j = m - n; j >= 0; j--) {
		/* D3: estimate the quotient limb and correct it at most twice. */
		uint64_t num = ((uint64_t)un[j + n] << 32) | un[j + n - 1];
		uint64_t qhat = num / vn[n - 1];
		uint64_t rhat = num % vn[n - 1];
		while (qhat >= b || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
			qhat--;
			rhat += vn[n - 1];
			if (rhat >= b)
				break;
		}
		/* D4: multiply and subtract. */
		int64_t borrow = 0;
		uint64_t carry = 0;
		for (int i = 0; i < n; i++) {
			uint64_t p = qhat * vn[i] + carry;
			carry = p >> 32;
			int64_t t = (int64_t)un[i + j] - borrow - (int64_t)(p & 0xffffffffu);
			un[i + j] = (uint32_t)t;
			borrow = t < 0 ? 1 : 0;
		}
		int64_t t = (int64_t)un[j + n] - borrow - (int64_t)carry;
		un[j + n] = (uint32_t)t;
		/* D5, D6: the estimate was one too large; add back. */
		if (t < 0) {
			qhat--;
			uint64_t c = 0;
			for (int i = 0; i < n; i++) {
				uint64_t sum = (uint64_t)un[i + j] + vn[i] + c;
				un[i + j] = (uint32_t)sum;
				c = sum >> 32;
			}
			un[j + n] = (uint32_t)((uint64_t)un[j + n] + c);
		}
		q->d[j] = (uint32_t)qhat;
	}
	q->n = m - n + 1;
	big_trim(q);

	/* D8: unnormalise the remainder. */
	for (int i = 0; i < n - 1; i++)
		r->d[i] = (un[i] >> s) | (uint32_t)(s ? (uint64_t)un[i + 1] << (32 - s) : 0);
	r->d[n - 1] = un[n - 1] >> s;
	r->n = n;
	big_trim(r);
}

static dec_uint gcd_u128(dec_uint a, dec_uint b)
{
	while (b != 0) {
		dec_uint t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* a * b, or false when the product does not fit 128 bits. */
static bool mul_u128(dec_uint *r, dec_uint a, dec_uint b)
{
	return !__builtin_mul_overflow(a, b, r);
}

void conv_pair_init(conv_pair *p, const rates_value *from, const rates_value *to)
{
	/* (nF / dF * 10^eF) / (nT / dT * 10^eT) = (nF * dT) / (dF * nT) * 10^(eF - eT) */
	p->num[0] = from->num;
	p->num[1] = to->den;
	p->den[0] = from->den;
	p->den[1] = to->num;
	p->exp = from->exp - to->exp;

	dec_uint n, d;
	p->fast = false;
	if (mul_u128(&n, p->num[0], p->num[1]) && mul_u128(&d, p->den[0], p->den[1]) && n != 0 && d != 0) {
		dec_uint g = gcd_u128(n, d);
		n /= g;
		d /= g;
		if (n <= UINT64_MAX && d <= UINT64_MAX) {
			p->fast = true;
			p->fnum = (uint64_t)n;
			p->fden = (uint64_t)d;
		}
	}
}

static int bits_u128(dec_uint v)
{
	uint64_t hi = (uint64_t)(v >> 64), lo = (uint64_t)v;
	if (hi != 0)
		return 128 - __builtin_clzll(hi);
	return lo != 0 ? 64 - __builtin_clzll(lo) : 0;
}

/* 10^0 .. 10^38: the powers of ten a 128-bit unsigned holds */
static const dec_uint pow10_table[39] = {
	1,
	(dec_uint)10u,
	(dec_uint)100u,
	(dec_uint)1000u,
	(dec_uint)10000u,
	(dec_uint)100000u,
	(dec_uint)1000000u,
	(dec_uint)10000000u,
	(dec_uint)100000000u,
	(dec_uint)1000000000u,
	(dec_uint)10000000000u,
	(dec_uint)100000000000u,
	(dec_uint)1000000000000u,
	(dec_uint)10000000000000u,
	(dec_uint)100000000000000u,
	(dec_uint)1000000000000000u,
	(dec_uint)10000000000000000u,
	(dec_uint)100000000000000000u,
	(dec_uint)1000000000000000000u,
	(dec_uint)10000000000000000000u,
	(dec_uint)10000000000000000000u * 10u,
	(dec_uint)10000000000000000000u * 100u,
	(dec_uint)10000000000000000000u * 1000u,
	(dec_uint)10000000000000000000u * 10000u,
	(dec_uint)10000000000000000000u * 100000u,
	(dec_uint)10000000000000000000u * 1000000u,
	(dec_uint)10000000000000000000u * 10000000u,
	(dec_uint)10000000000000000000u * 100000000u,
	(dec_uint)10000000000000000000u * 1000000000u,
	(dec_uint)10000000000000000000u * 10000000000u,
	(dec_uint)10000000000000000000u * 100000000000u,
	(dec_uint)10000000000000000000u * 1000000000000u,
	(dec_uint)10000000000000000000u * 10000000000000u,
	(dec_uint)10000000000000000000u * 100000000000000u,
	(dec_uint)10000000000000000000u * 1000000000000000u,
	(dec_uint)10000000000000000000u * 10000000000000000u,
	(dec_uint)10000000000000000000u * 100000000000000000u,
	(dec_uint)10000000000000000000u * 1000000000000000000u,
	(dec_uint)10000000000000000000u * 10000000000000000000u,
};

static dec_uint pow10_tab(int k)
{
	return pow10_table[k];
}

/*
 * The fast path: q = |A| * fnum * 10^k / fden with every term in 128 bits.
 * Returns false, having done nothing, when a term would not fit.
 */
static bool apply_fast(conv_status *st, dec_int *result, const dec_t *amount, const conv_pair *p,
                       const conv_ctx *ctx)
{
	bool negative = amount->coef < 0;
	dec_uint mag = negative ? -(dec_uint)amount->coef : (dec_uint)amount->coef;
	int64_t k = (int64_t)amount->exp + p->exp + ctx->precision;
	dec_uint n, d;

	if (k > 38 || k < -38 || mag > UINT64_MAX)
		return false;
	n = mag * p->fnum; /* both below 2^64 */
	d = p->fden;
	if (k == 0) {
		/* nothing to scale: the usual case for amounts with the target's digits */
	} else if (k > 0) {
		dec_uint s = pow10_tab((int)k);
		if (bits_u128(n) + bits_u128(s) > 128)
			return false;
		n *= s;
	} else {
		dec_uint s = pow10_tab((int)-k);
		if (bits_u128(d) + bits_u128(s) > 128)
			return false;
		d *= s;
	}

	dec_uint q, r;
	if (d == 1) {
		q = n;
		r = 0;
	} else if (n <= UINT64_MAX && d <= UINT64_MAX) {
		q = (uint64_t)n / (uint64_t)d;
		r = (uint64_t)n % (uint64_t)d;
	} else {
		q = n / d;
		r = n % d;
	}
	/* 2r against d, without computing 2r (it may not fit). */
	int half = r == d - r ? 0 : (r > d - r ? 1 : -1);
	if (r != 0 && dec_round_increment(ctx->mode, negative, (q & 1) != 0, true, half))
		q++;
	if (q >= pow10_tab(CONV_RESULT_DIGITS + ctx->precision)) {
		*st = CONV_RANGE;
		return true;
	}
	*result = negative ? -(dec_int)q : (dec_int)q;
	*st = CONV_OK;
	return true;
}

void conv_lane_init(conv_lane *l, const conv_pair *p, int32_t amount_exp, const conv_ctx *ctx)
{
	memset(l, 0, sizeof *l);
	l->mode = ctx->mode;
	if (!p->fast || ctx->precision < 0 || ctx->precision > CONV_MAX_PRECISION)
		return;
	/* The result is q of 10^-P: |A| * 10^e * fnum / fden * 10^pexp * 10^P = |A| * fnum * 10^k / fden. */
	int64_t k = (int64_t)amount_exp + p->exp + ctx->precision;
	if (k > 19 || k < -19)
		return;
	dec_uint mul = p->fnum, div = p->fden;
	if (k >= 0)
		mul *= pow10_tab((int)k);
	else
		div *= pow10_tab((int)-k);
	if (mul > UINT64_MAX || div > UINT64_MAX)
		return;
	l->mul = (uint64_t)mul;
	l->div = (uint64_t)div;
	l->limit = UINT64_MAX / l->mul;
	/* l = ceil(log2 div); magic = floor(2^64 * (2^l - div) / div) + 1, below 2^64 as 2^l < 2 div. */
	unsigned lg = l->div == 1 ? 0 : 64 - (unsigned)__builtin_clzll(l->div - 1);
	dec_uint span = ((dec_uint)1 << lg) - l->div;
	l->magic = (uint64_t)((span << 64) / l->div + 1);
	l->sh1 = lg >= 1 ? 1 : 0;
	l->sh2 = lg >= 1 ? lg - 1 : 0;
	l->ok = true;
}

conv_status conv_apply(dec_int *result, const dec_t *amount, const conv_pair *p, const conv_ctx *ctx)
{
	conv_status st;
	if (p->fast && ctx->precision >= 0 && ctx->precision <= CONV_MAX_PRECISION &&
	    apply_fast(&st, result, amount, p, ctx))
		return st;
	return conv_apply_general(result, amount, p, ctx);
}

conv_status conv_apply_general(dec_int *result, const dec_t *amount, const conv_pair *p,
                               const conv_ctx *ctx)
{
	if (ctx->precision < 0 || ctx->precision > CONV_MAX_PRECISION)
		return CONV_RANGE;
	if (amount->coef == 0) {
		*result = 0;
		return CONV_OK;
	}
	bool negative = amount->coef < 0;
	dec_uint mag = negative ? -(dec_uint)amount->coef : (dec_uint)amount->coef;
	int64_t k = (int64_t)amount->exp + p->exp + ctx->precision;

	big a, x, y, num, den;
	big_set_u128(&a, mag);
	big_set_u128(&x, p->num[0]);
	big_set_u128(&y, p->num[1]);
	if (!big_mul(&num, &x, &y) || !big_mul(&x, &a, &num))
		return CONV_RANGE;
	num = x; /* |A| * NUM */
	big_set_u128(&x, p->den[0]);
	big_set_u128(&y, p->den[1]);
	if (!big_mul(&den, &x, &y))
		return CONV_RANGE;
	if (num.n == 0 || den.n == 0)
		return CONV_RANGE; /* a zero rate: never produced by a valid table */

	if (k >= 0) {
		if (!big_mul_pow10(&num, k))
			return CONV_RANGE;
	} else if (!big_mul_pow10(&den, -k)) {
		/*
		 * The denominator is beyond 2^1280 while the numerator is below
		 * 2^768: the exact result is far below half a unit, and only
		 * the modes that round away from zero make it one unit.
		 */
		bool inc = dec_round_increment(ctx->mode, negative, false, true, -1);
		*result = inc ? (negative ? -1 : 1) : 0;
		return CONV_OK;
	}

	/* |result| < 10^20 means q < 10^(20+P); a quotient of over 128 bits is surely beyond. */
	if (big_bits(&num) - big_bits(&den) > 128)
		return CONV_RANGE;
	big q, r;
	big_divmod(&q, &r, &num, &den);
	if (q.n > 4)
		return CONV_RANGE;
	dec_uint qv = 0;
	for (int i = q.n - 1; i >= 0; i--)
		qv = (qv << 32) | q.d[i];

	int half = -1;
	if (r.n != 0) {
		if (!big_mul_small(&r, 2))
			return CONV_RANGE;
		half = big_cmp(&r, &den);
	}
	if (dec_round_increment(ctx->mode, negative, (qv & 1) != 0, r.n != 0, half))
		qv++;
	if (qv >= pow10_tab(CONV_RESULT_DIGITS + ctx->precision))
		return CONV_RANGE;
	*result = negative ? -(dec_int)qv : (dec_int)qv;
	return CONV_OK;
}

conv_status conv_convert(dec_int *result, const dec_t *amount, const rates_value *from,
                         const rates_value *to, const conv_ctx *ctx)
{
	conv_pair p;
	conv_pair_init(&p, from, to);
	return conv_apply(result, amount, &p, ctx);
}

/*
 * The digits after the point that show `sig` significant digits of the
 * ratio p (at least min_scale, at most CONV_MAX_PRECISION).
 */
int conv_significant_scale(const conv_pair *p, int sig, int min_scale)
{
	dec_t one = { 1, 0 };
	conv_ctx ctx = { CONV_MAX_PRECISION, DEC_ROUND_DOWN };
	dec_int v;
	int scale = CONV_MAX_PRECISION;
	if (conv_apply(&v, &one, p, &ctx) == CONV_OK && v != 0) {
		/* v has d digits at scale 18: the first significant one is at 10^(d-19). */
		dec_t dv = { v, 0 };
		int lead = dec_digits(&dv) - CONV_MAX_PRECISION - 1;
		scale = sig - 1 - lead;
	}
	if (scale < min_scale)
		scale = min_scale;
	return scale > CONV_MAX_PRECISION ? CONV_MAX_PRECISION : scale;
}

/*
 * Format one unit of p at `scale` digits; when precision was not asked for
 * and the value is exact, trailing zeros beyond min_scale are dropped.
 */
int conv_format_rate(char *buf, size_t cap, const conv_pair *p, int scale, int min_scale,
                        bool trim, dec_round mode)
{
	dec_t one = { 1, 0 };
	conv_ctx ctx = { scale, mode };
	dec_int v, lo, hi;
	if (conv_apply(&v, &one, p, &ctx) != CONV_OK)
		return -1;
	ctx.mode = DEC_ROUND_DOWN;
	conv_apply(&lo, &one, p, &ctx);
	ctx.mode = DEC_ROUND_UP;
	conv_apply(&hi, &one, p, &ctx);
	if (trim && lo == hi)
		while (scale > min_scale && v % 10 == 0) {
			v /= 10;
			scale--;
		}
	return dec_format(buf, cap, v, scale);
}

/* ---- what the quotes can carry ------------------------------------------------ */

/* A quote's coefficient when it carries an uncertainty (0: exact, or the base). */
static dec_uint inexact_coef(const rates_quote *q)
{
	if (q == NULL || q->exact)
		return 0;
	dec_uint c = (dec_uint)(q->quote.coef < 0 ? -q->quote.coef : q->quote.coef);
	/* A quote of exactly 1 is a peg at par, not a number good to +/-50%. */
	if (c == 1 && q->quote.exp == 0)
		return 0;
	/* Past 18 digits a quote's uncertainty is below anything a result shows. */
	return c > (dec_uint)1000000000000000000ULL ? 0 : c;
}

bool conv_uncertain(const dec_t *amount, const conv_pair *p, const rates_quote *from,
                    const rates_quote *to, int precision)
{
	dec_uint cf = inexact_coef(from), ct = inexact_coef(to);
	if (cf == 0 && ct == 0)
		return false;
	/* M = |result| * 10^precision, to `extra` more digits (truncated). */
	int extra = CONV_MAX_PRECISION - precision < 6 ? CONV_MAX_PRECISION - precision : 6;
	conv_ctx ctx = { precision + extra, DEC_ROUND_DOWN };
	dec_int r;
	if (conv_apply(&r, amount, p, &ctx) != CONV_OK)
		return true; /* a result past 10^20 shows more digits than any quote has */
	dec_uint n = (dec_uint)(r < 0 ? -r : r), scale = 1;
	for (int k = 0; k < extra; k++)
		scale *= 10;
	/* M > H, H = 1 / (1/cf + 1/ct) = cf ct / (cf + ct), or the one c. */
	dec_uint h_int, h_frac;
	if (cf == 0 || ct == 0) {
		h_int = cf != 0 ? cf : ct;
		h_frac = 0;
	} else {
		dec_uint prod = cf * ct, sum = cf + ct; /* both <= 10^18: no overflow */
		h_int = prod / sum;
		h_frac = prod % sum * scale / sum;
	}
	return n / scale > h_int || (n / scale == h_int && n % scale > h_frac);
}

bool conv_uncertainty(conv_pair *u, const rates_quote *from, const rates_quote *to)
{
	dec_uint cf = inexact_coef(from), ct = inexact_coef(to);
	/* (cf + ct) / (2 cf ct), or 1 / (2 c); 0 / 1 when both are exact */
	rates_value num = { cf != 0 && ct != 0 ? cf + ct : cf == 0 && ct == 0 ? 0 : 1, 1, 0 };
	rates_value den = { 2 * (cf != 0 ? cf : 1) * (ct != 0 ? ct : 1), 1, 0 };
	conv_pair_init(u, &num, &den);
	return cf != 0 || ct != 0;
}

int conv_uncertainty_text(char *buf, size_t cap, const rates_quote *from, const rates_quote *to,
                          int sig)
{
	conv_pair p;
	if (!conv_uncertainty(&p, from, to))
		return snprintf(buf, cap, "0") < (int)cap ? 1 : -1;
	return conv_format_rate(buf, cap, &p, conv_significant_scale(&p, sig, 0), 0, true,
	                        DEC_ROUND_HALF_UP);
}
