/*
 * currency.h - ISO 4217 facts: alphabetic and numeric code, minor units,
 * English name. Static data; nothing to free.
 */
#ifndef SARRAF_CURRENCY_H
#define SARRAF_CURRENCY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char code[4];        /* "KZT" */
	unsigned short numeric; /* 398 */
	signed char minor;   /* digits after the point: 2 */
	const char *name;    /* "Kazakhstani tenge" */
} currency_info;

/* Minor units used for a code that is not in the list. */
#define CURRENCY_DEFAULT_MINOR 2

/* true when s is exactly three ASCII letters (any case). */
bool currency_code_valid(const char *s);

/*
 * Copy a valid code into out as upper case. Returns false (out untouched)
 * when s is not three ASCII letters.
 */
bool currency_normalize(char out[4], const char *s);

/* Look up a code, case-insensitive. NULL when the code is not in the list. */
const currency_info *currency_find(const char *code);

/* The code's minor units, or CURRENCY_DEFAULT_MINOR when it is not listed. */
int currency_minor_units(const char *code);

/* The code's English name, or NULL when it is not listed. */
const char *currency_name(const char *code);

/* The whole list, in code order: currency_count() entries. */
size_t currency_count(void);
const currency_info *currency_at(size_t i);

#endif
