/*
 * example.c - a program of someone else's that links the installed core:
 *
 *   cc example.c $(pkg-config --cflags --libs sarraf)
 *
 * It loads the table embedded in the library and converts 1 000 000 UZS to
 * KZT exactly, rounded half-up to 2 digits: with the embedded quotes
 * (UZS/USD 0.00008, KZT/USD 0.00192) that is 41666.67. Exit 0 and the
 * figure on stdout, or exit 1 and why on stderr.
 */
#include <stdio.h>

#include <sarraf/convert.h>
#include <sarraf/decimal.h>
#include <sarraf/rates.h>
#include <sarraf/tables.h>

int main(void)
{
	rates_table t;
	tables_opts o = { .max_age = TABLES_DEFAULT_MAX_AGE, .offline = true };
	tables_report rep;
	char err[TABLES_MSG_MAX], out[DEC_STRING_MAX];
	rates_init(&t);
	if (tables_load(&t, NULL, &o, &rep, err) != 0) {
		fprintf(stderr, "example: %s\n", err);
		return 1;
	}
	dec_t amount;
	rates_value from, to;
	dec_int result;
	conv_ctx ctx = { 2, DEC_ROUND_HALF_UP };
	if (dec_parse_cstr(&amount, "1000000") != DEC_OK || !rates_value_of(&t, "UZS", &from) ||
	    !rates_value_of(&t, "KZT", &to) || conv_convert(&result, &amount, &from, &to, &ctx) != CONV_OK) {
		fprintf(stderr, "example: cannot convert\n");
		rates_destroy(&t);
		return 1;
	}
	dec_format(out, sizeof out, result, ctx.precision);
	printf("%s\n", out);
	rates_destroy(&t);
	return 0;
}
