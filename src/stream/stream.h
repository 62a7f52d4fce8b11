/*
 * stream.h - the CLI's stream mode: convert the numbers in lines and fields
 * of files or stdin, as numfmt does for units, and the machine-readable
 * records (JSON Lines, CSV, TSV) that one-shot conversions share.
 *
 * Part of the CLI layer: it reads files, writes stdout and stderr. Its
 * files are the rest of src/stream/ (stream_int.h says which does what).
 */
#ifndef SARRAF_STREAM_H
#define SARRAF_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "sarraf/date.h"
#include "sarraf/decimal.h"
#include "sarraf/output.h"
#include "sarraf/rates.h"

typedef enum {
	INVALID_ABORT,  /* stop at the first bad line, exit 1 (the default, as numfmt) */
	INVALID_FAIL,   /* message, line kept, go on, exit 1 at the end */
	INVALID_WARN,   /* message, line kept, go on, exit 0 */
	INVALID_IGNORE, /* line kept, no message, exit 0 */
	/* A kept line is left as it was; with a delimiter, the fields it would have converted
	   or appended are there but empty (stream_keep_row()), so that its columns stay. */
} invalid_mode;

/* A 1-based inclusive range of fields; hi == STREAM_FIELD_OPEN for "N-". */
typedef struct {
	long lo, hi;
} field_range;

#define STREAM_FIELD_OPEN 0x7fffffffL
#define STREAM_MAX_RANGES 64
#define STREAM_MAX_TARGETS 64
/* Longer lines (and records, with -d) are bad lines (passed through in the non-abort modes). */
#define STREAM_MAX_LINE (256 * 1024)

typedef struct {
	const rates_table *table;
	const char *from;         /* upper-case code; NULL: each line names its currency */
	char (*to)[4];            /* the targets, upper case */
	int nto;
	int precision;            /* -1: each target's minor units */
	dec_round mode;
	field_range fields[STREAM_MAX_RANGES];
	int nfields;              /* 0: field 1 */
	long from_field;          /* 0: none */
	char delim;               /* 0: runs of blanks */
	long header;              /* lines passed through at the top of each file */
	bool append;
	bool grouped;             /* blank-separated digit groups after a field are part of it */
	bool decimal_comma;       /* amounts read and results written with a comma for the point */
	int bank;                 /* --bank: the official bank that answers every pair it can, or -1 */
	char eol;                 /* '\n', or '\0' with -z */
	invalid_mode invalid;
	out_format format;
	/* --date-field: each line's day is in this field (0: none), and its table comes from
	   table_on(table_ctx, day, why, cap): NULL, with why set, when that day has none. */
	long date_field;
	const rates_table *(*table_on)(void *ctx, date_t day, char *why, size_t cap);
	void *table_ctx;
} stream_opts;

/* "2", "2,4-5", "-3", "5-" -> ranges. false for anything else (or too many ranges). */
bool stream_parse_fields(const char *s, field_range *out, int *n);

/* Convert every file in turn ("-" or no file: stdin). Returns the exit status. */
int stream_run(const stream_opts *o, char *const *files, int nfiles);

#endif
