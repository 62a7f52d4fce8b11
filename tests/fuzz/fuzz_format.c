/*
 * fuzz_format.c - libFuzzer target for the formatter: parse(format(x)) == x.
 *
 * The input gives a 128-bit coefficient (16 bytes, little-endian) and a
 * scale. dec_format() must write it as "-"? digits ["." scale digits], and
 * dec_parse() of that text must give back exactly the coefficient and
 * -scale as the exponent whenever the coefficient has at most 38 digits
 * (the parser's limit; a 39-digit one must be DEC_RANGE, never wrong).
 * dec_to_string() of a positive exponent likewise.
 */
#include <stdlib.h>
#include <string.h>

#include "sarraf/decimal.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size < 17)
		return 0;
	dec_uint u = 0;
	for (int i = 15; i >= 0; i--)
		u = (u << 8) | data[i];
	dec_int coef = (dec_int)u;
	int scale = data[16] % (DEC_STRING_MAX - 44); /* 0..115, dec_format's range */

	char buf[DEC_STRING_MAX];
	int n = dec_format(buf, sizeof buf, coef, scale);
	if (n < 0 || (size_t)n != strlen(buf))
		abort();
	/* Shape: no "-0", the point exactly scale digits from the end. */
	if (coef == 0 && buf[0] == '-')
		abort();
	if (scale > 0 && (n < scale + 2 || buf[n - scale - 1] != '.'))
		abort();
	if (scale == 0 && strchr(buf, '.') != NULL)
		abort();

	dec_t x = { coef, -scale };
	dec_t y;
	dec_status st = dec_parse(&y, buf, (size_t)n);
	int digits = dec_digits(&x);
	if (digits <= DEC_MAX_DIGITS) {
		if (st != DEC_OK || y.coef != coef)
			abort();
		/* Zero keeps at most 38 written fraction digits (its value is the same). */
		if (coef != 0 && y.exp != -scale)
			abort();
	} else if (st == DEC_SYNTAX) {
		abort();
	} else if (st == DEC_OK) {
		/* Only trailing zeros may have been dropped: the value must be the same. */
		dec_uint a = coef < 0 ? -(dec_uint)coef : (dec_uint)coef;
		dec_uint b = y.coef < 0 ? -(dec_uint)y.coef : (dec_uint)y.coef;
		for (int32_t e = y.exp; e > -scale; e--)
			b *= 10;
		if (a != b || (coef < 0) != (y.coef < 0))
			abort();
	}

	/* A positive exponent through dec_to_string. */
	if (size > 17 && digits <= DEC_MAX_DIGITS) {
		dec_t z = { coef, data[17] % 40 };
		n = dec_to_string(buf, sizeof buf, &z);
		if (n < 0 || dec_parse(&y, buf, (size_t)n) == DEC_SYNTAX)
			abort();
	}
	return 0;
}
