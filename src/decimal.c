/*
 * decimal.c - exact decimals as a 128-bit coefficient and a power of ten.
 *
 * The parser is hand-written and strict (no strtod: it would lose written
 * digits and accept hex, "nan" and "inf"); the formatter prints a scaled
 * integer with a fixed number of fraction digits.
 */
#include "sarraf/decimal.h"

#include <string.h>

/* Exponents beyond this are refused as out of range: no value of use is near it. */
#define DEC_MAX_EXP 100000

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

dec_status dec_parse(dec_t *out, const char *s, size_t len)
{
	size_t i = 0;
	bool neg = false;

	if (s == NULL || len == 0)
		return DEC_SYNTAX;
	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';

	/* The common case, at most 19 digits and a point, in one pass in 64 bits. */
	{
		uint64_t c = 0;
		size_t j = i, point = len;
		while (j < len && is_digit(s[j]))
			c = c * 10 + (uint64_t)(s[j++] - '0');
		if (j < len && s[j] == '.') {
			point = j++;
			while (j < len && is_digit(s[j]))
				c = c * 10 + (uint64_t)(s[j++] - '0');
		}
		size_t nd = j - i - (point != len);
		if (j == len && nd > 0 && nd <= 19) {
			out->coef = neg ? -(dec_int)c : (dec_int)c;
			out->exp = point == len ? 0 : -(int32_t)(len - point - 1);
			return DEC_OK;
		}
	}

	/* Mantissa: int digits [. frac digits], at least one digit in all. */
	size_t int_start = i;
	while (i < len && is_digit(s[i]))
		i++;
	size_t int_end = i, frac_start = i, frac_end = i;
	if (i < len && s[i] == '.') {
		frac_start = ++i;
		while (i < len && is_digit(s[i]))
			i++;
		frac_end = i;
	}
	if (int_end == int_start && frac_end == frac_start)
		return DEC_SYNTAX;

	/* Exponent: e/E, optional sign, 1 to 9 digits (so it fits an int32). */
	int64_t e = 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		bool eneg = false;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		size_t e_start = i;
		while (i < len && is_digit(s[i])) {
			if (i - e_start < 9)
				e = e * 10 + (s[i] - '0');
			i++;
		}
		if (i == e_start)
			return DEC_SYNTAX;
		/* Out of range only once the whole text is known to be a number (the fuzzer's find). */
		if (i - e_start > 9)
			return i == len ? DEC_RANGE : DEC_SYNTAX;
		if (eneg)
			e = -e;
	}
	if (i != len)
		return DEC_SYNTAX;

	/*
	 * The digits are int digits then frac digits. Skip leading zeros, and
	 * when more than DEC_MAX_DIGITS remain, drop trailing zeros (which
	 * changes no value) until they fit.
	 */
	size_t nint = int_end - int_start, nfrac = frac_end - frac_start;
	size_t total = nint + nfrac;
	size_t first = 0;
#define DIGIT_AT(k) ((k) < nint ? s[int_start + (k)] : s[frac_start + (k) - nint])
	while (first < total && DIGIT_AT(first) == '0')
		first++;
	size_t last = total; /* one past the last digit kept */
	int64_t exp = e - (int64_t)nfrac;
	while (last - first > DEC_MAX_DIGITS && DIGIT_AT(last - 1) == '0') {
		last--;
		exp++;
	}
	if (last - first > DEC_MAX_DIGITS)
		return DEC_RANGE;

	dec_uint c = 0;
	for (size_t k = first; k < last; k++)
		c = c * 10 + (unsigned)(DIGIT_AT(k) - '0');
#undef DIGIT_AT

	if (c == 0) {
		/* Zero keeps its written fraction digits ("0.00") within reason. */
		if (exp > 0 || exp < -DEC_MAX_DIGITS)
			exp = 0;
		out->coef = 0;
		out->exp = (int32_t)exp;
		return DEC_OK;
	}
	if (exp > DEC_MAX_EXP || exp < -DEC_MAX_EXP)
		return DEC_RANGE;
	out->coef = neg ? -(dec_int)c : (dec_int)c;
	out->exp = (int32_t)exp;
	return DEC_OK;
}

dec_status dec_parse_cstr(dec_t *out, const char *s)
{
	return dec_parse(out, s, s ? strlen(s) : 0);
}

int dec_power_of_ten(const char *s, size_t len, int max_zeros)
{
	if (s == NULL || len == 0 || s[0] != '1' || len - 1 > (size_t)max_zeros)
		return -1;
	for (size_t k = 1; k < len; k++)
		if (s[k] != '0')
			return -1;
	return (int)len - 1;
}

int dec_sign(const dec_t *x)
{
	return x->coef < 0 ? -1 : x->coef > 0;
}

static dec_uint magnitude(dec_int v)
{
	return v < 0 ? -(dec_uint)v : (dec_uint)v;
}

int dec_digits(const dec_t *x)
{
	dec_uint m = magnitude(x->coef);
	int n = 1;
	while (m >= 10) {
		m /= 10;
		n++;
	}
	return n;
}

static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

int dec_format(char *buf, size_t cap, dec_int coef, int scale)
{
	if (scale < 0 || scale > DEC_STRING_MAX - 45)
		return -1;


	/*
	 * Digits are written backwards from the end of tmp: the scale fraction
	 * digits first (zeros once the value runs out), the point, then at
	 * least one integer digit, then the sign.
	 *
	 *   coef -4166667, scale 2:   "-41666.67"
	 *                              ^     ^ ^-- p starts at the end
	 */
	char tmp[DEC_STRING_MAX];
	char *end = tmp + sizeof tmp, *p = end;
	dec_uint m = magnitude(coef);
	int k = 0;
	/* 128-bit division is a library call: peel off the high part, then go on in 64 bits. */
	for (; m > UINT64_MAX; k++) {
		if (k == scale && scale > 0)
			*--p = '.';
		*--p = (char)('0' + (int)(m % 10));
		m /= 10;
	}
	uint64_t v = (uint64_t)m;
	for (; k + 1 < scale; k += 2) {
		const char *d = digit_pairs + 2 * (v % 100);
		*--p = d[1];
		*--p = d[0];
		v /= 100;
	}
	for (; k < scale; k++) {
		*--p = (char)('0' + (int)(v % 10));
		v /= 10;
	}
	if (scale > 0 && p == end - scale)
		*--p = '.';
	while (v >= 100) {
		const char *d = digit_pairs + 2 * (v % 100);
		*--p = d[1];
		*--p = d[0];
		v /= 100;
	}
	if (v >= 10) {
		*--p = (char)('0' + (int)(v % 10));
		v /= 10;
	}
	*--p = (char)('0' + (int)v);
	if (coef < 0)
		*--p = '-';
	size_t n = (size_t)(end - p);
	if (n + 1 > cap)
		return -1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return (int)n;
}

static const uint64_t pow10_u64[20] = {
	1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
	10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
	1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
	10000000000000000000u,
};

/*
 * n < 10^8 as eight ASCII digits, the first in the lowest byte (so that
 * storing the word little-endian writes them in order). Each step splits
 * every lane of the word in two by a multiply and shift: into two 4-digit
 * lanes, four 2-digit lanes, eight digits. (x / 100 == x * 5243 >> 19 for
 * x < 43699; x / 10 == x * 103 >> 10 for x < 179.)
 */
static inline uint64_t eight_ascii(uint32_t n)
{
	uint64_t w = (uint64_t)(n / 10000) | (uint64_t)(n % 10000) << 32;
	uint64_t hundreds = ((w * 5243) >> 19) & 0x0000007F0000007Fu;
	w = hundreds | (w - hundreds * 100) << 16;
	uint64_t tens = ((w * 103) >> 10) & 0x000F000F000F000Fu;
	w = tens | (w - tens * 10) << 8;
	return w | 0x3030303030303030u;
}

static inline void store_u64_le(char *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(p, &v, 8);
#else
	for (int i = 0; i < 8; i++)
		p[i] = (char)(v >> (8 * i));
#endif
}

int dec_format_stream(char *buf, dec_int coef, int scale)
{
	dec_uint m = magnitude(coef);
	if (m >= 10000000000000000u || scale < 0 || scale > 8)
		return dec_format(buf, DEC_STRING_MAX, coef, scale);
	uint64_t v = (uint64_t)m;
	/* The sixteen digits of v, leading zeros included, and room to read past them. */
	char digits[32];
	store_u64_le(digits, eight_ascii((uint32_t)(v / 100000000u)));
	store_u64_le(digits + 8, eight_ascii((uint32_t)(v % 100000000u)));
	memset(digits + 16, '0', 16);
	/* v's digit count: from its bit length, corrected by one comparison. */
	int bits = 64 - __builtin_clzll(v | 1);
	int t = (bits * 1233) >> 12;
	int nd = t + 1 - (v < (uint64_t)pow10_u64[t]);
	int ni = nd > scale ? nd - scale : 1; /* integer digits, at least one */
	int total = ni + scale;
	char *p = buf;
	*p = '-';
	p += coef < 0;
	memcpy(p, digits + 16 - total, 16);
	if (scale > 0) {
		memcpy(p + ni + 1, digits + 16 - scale, 8);
		p[ni] = '.';
	}
	return (int)(p - buf) + total + (scale > 0);
}

int dec_to_string(char *buf, size_t cap, const dec_t *x)
{
	if (x->exp <= 0)
		return dec_format(buf, cap, x->coef, -x->exp);
	int len = dec_format(buf, cap, x->coef, 0);
	if (len < 0 || x->exp > DEC_STRING_MAX || (size_t)len + (size_t)x->exp + 1 > cap)
		return -1;
	memset(buf + len, '0', (size_t)x->exp);
	buf[len + x->exp] = '\0';
	return len + x->exp;
}

bool dec_round_increment(dec_round mode, bool negative, bool q_odd, bool inexact, int half)
{
	if (!inexact)
		return false;
	switch (mode) {
	case DEC_ROUND_HALF_UP:
		return half >= 0;
	case DEC_ROUND_HALF_EVEN:
		return half > 0 || (half == 0 && q_odd);
	case DEC_ROUND_HALF_DOWN:
		return half > 0;
	case DEC_ROUND_UP:
		return true;
	case DEC_ROUND_DOWN:
		return false;
	case DEC_ROUND_CEILING:
		return !negative;
	case DEC_ROUND_FLOOR:
		return negative;
	}
	return false;
}

static const struct {
	dec_round mode;
	const char *name;
} round_names[] = {
	{ DEC_ROUND_HALF_UP, "half-up" },
	{ DEC_ROUND_HALF_EVEN, "half-even" },
	{ DEC_ROUND_HALF_DOWN, "half-down" },
	{ DEC_ROUND_UP, "up" },
	{ DEC_ROUND_DOWN, "down" },
	{ DEC_ROUND_CEILING, "ceiling" },
	{ DEC_ROUND_FLOOR, "floor" },
};

bool dec_round_from_name(dec_round *out, const char *name)
{
	for (size_t k = 0; k < sizeof round_names / sizeof round_names[0]; k++) {
		if (strcmp(round_names[k].name, name) == 0) {
			*out = round_names[k].mode;
			return true;
		}
	}
	return false;
}

const char *dec_round_name(dec_round mode)
{
	for (size_t k = 0; k < sizeof round_names / sizeof round_names[0]; k++)
		if (round_names[k].mode == mode)
			return round_names[k].name;
	return "?";
}
