/*
 * fuzz_decimal.c - libFuzzer target for the amount parser, dec_parse().
 *
 * Properties, checked against a reference that works on the text alone
 * (digit strings, no 128-bit arithmetic):
 *   - the input is accepted (DEC_OK or DEC_RANGE) exactly when it matches
 *     the grammar  [+-]? (D+ [.D*] | .D+) ([eE][+-]?D+)?  -- else DEC_SYNTAX;
 *   - a number of at most 38 digits and a small exponent is never DEC_RANGE;
 *   - an accepted value is the value written: same sign, same significant
 *     digits, same power of ten;
 *   - dec_to_string() of it parses back to the same coefficient and exponent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/decimal.h"

static int is_d(char c)
{
	return c >= '0' && c <= '9';
}

/* The grammar; fills the digits (without point), the count of fraction digits and the exponent. */
static int grammar(const char *s, size_t len, int *neg, char *digits, size_t *nd, long *nfrac,
                   long long *e, int *ebig)
{
	size_t i = 0, nint = 0, nf = 0;
	*neg = 0;
	*nd = 0;
	*e = 0;
	*ebig = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		*neg = s[i++] == '-';
	while (i < len && is_d(s[i])) {
		digits[(*nd)++] = s[i++];
		nint++;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && is_d(s[i])) {
			digits[(*nd)++] = s[i++];
			nf++;
		}
	}
	if (nint + nf == 0)
		return 0;
	*nfrac = (long)nf;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		int eneg = 0;
		size_t st;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		st = i;
		while (i < len && is_d(s[i])) {
			if (i - st >= 9)
				*ebig = 1;
			else
				*e = *e * 10 + (s[i] - '0');
			i++;
		}
		if (i == st)
			return 0;
		if (eneg)
			*e = -*e;
	}
	return i == len;
}

/* Strip leading and trailing zeros: digits[*a..*b) times 10^*exp. */
static void normalize(const char *d, size_t n, size_t *a, size_t *b, long long *exp)
{
	*a = 0;
	*b = n;
	while (*a < n && d[*a] == '0')
		(*a)++;
	while (*b > *a && d[*b - 1] == '0') {
		(*b)--;
		(*exp)++;
	}
}

/* x and y have the same value (compared as normalized digit strings). */
static int same_value(const dec_t *x, const dec_t *y)
{
	char a[64], b[64];
	if (dec_format(a, sizeof a, x->coef, 0) < 0 || dec_format(b, sizeof b, y->coef, 0) < 0)
		abort();
	if ((x->coef == 0) != (y->coef == 0) || (x->coef < 0) != (y->coef < 0))
		return 0;
	if (x->coef == 0)
		return 1;
	const char *da = a[0] == '-' ? a + 1 : a, *db = b[0] == '-' ? b + 1 : b;
	size_t a0, a1, b0, b1;
	long long ea = x->exp, eb = y->exp;
	normalize(da, strlen(da), &a0, &a1, &ea);
	normalize(db, strlen(db), &b0, &b1, &eb);
	return ea == eb && a1 - a0 == b1 - b0 && memcmp(da + a0, db + b0, a1 - a0) == 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data;
	char *digits = malloc(size + 1);
	int neg, ebig;
	size_t nd;
	long nfrac = 0;
	long long e;
	dec_t x;

	if (digits == NULL)
		return 0;
	int ok = grammar(s, size, &neg, digits, &nd, &nfrac, &e, &ebig);
	dec_status st = dec_parse(&x, s, size);
	if (!ok) {
		if (st != DEC_SYNTAX)
			abort(); /* accepted what the grammar refuses */
		free(digits);
		return 0;
	}
	if (st == DEC_SYNTAX)
		abort(); /* refused a well-formed number */
	if (st == DEC_RANGE) {
		if (nd <= DEC_MAX_DIGITS && !ebig && e < 1000 && e > -1000)
			abort(); /* a small number refused as out of range */
		free(digits);
		return 0;
	}

	/* The value: reference digits and exponent against dec_to_string's digits. */
	size_t a, b;
	long long rexp = e - nfrac;
	normalize(digits, nd, &a, &b, &rexp);
	char coef[64];
	int clen = dec_format(coef, sizeof coef, x.coef, 0);
	if (clen < 0)
		abort();
	const char *cd = coef[0] == '-' ? coef + 1 : coef;
	size_t ca, cb;
	long long cexp = x.exp;
	normalize(cd, strlen(cd), &ca, &cb, &cexp);
	if (a == b) {
		if (x.coef != 0)
			abort(); /* zero read as non-zero */
	} else {
		if ((x.coef < 0) != (neg != 0))
			abort(); /* the sign was lost */
		if (b - a != cb - ca || memcmp(digits + a, cd + ca, b - a) != 0 || rexp != cexp)
			abort(); /* other digits or another power of ten */
	}

	/*
	 * Round trip: the plain form parses back to the same value; with the
	 * same coefficient and exponent when the exponent is not positive (a
	 * positive one is written out as zeros: "1e6" -> "1000000").
	 */
	char buf[DEC_STRING_MAX];
	int n = dec_to_string(buf, sizeof buf, &x);
	if (n >= 0) {
		dec_t y;
		if (dec_parse(&y, buf, (size_t)n) != DEC_OK)
			abort();
		if (x.exp <= 0 && (y.coef != x.coef || (x.coef != 0 && y.exp != x.exp)))
			abort();
		if (x.exp > 0 && !same_value(&x, &y))
			abort();
	}
	free(digits);
	return 0;
}
