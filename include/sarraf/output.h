/*
 * output.h - what sarraf writes, as text in a caller's buffer (the core
 * never prints; the command line writes these strings out):
 *   - records of one conversion for scripts: JSON Lines, CSV, TSV (--output)
 *   - numbers grouped by three for people, and aligned in a column
 *   - the block that names a table (origin, source, date, base), shared by
 *     list, fetch and --explain
 */
#ifndef SARRAF_OUTPUT_H
#define SARRAF_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "sarraf/decimal.h"
#include "sarraf/rates.h"

/* OUT_LEDGER and OUT_BEANCOUNT are price directives, for `history` only. */
typedef enum { OUT_TEXT, OUT_JSON, OUT_CSV, OUT_TSV, OUT_LEDGER, OUT_BEANCOUNT } out_format;

/* One conversion as a machine-readable record. */
typedef struct {
	const char *file;         /* NULL: not from a stream */
	long line;
	const char *amount;       /* as written */
	size_t amount_len;
	const char *from, *to;
	const char *result;       /* NULL when the conversion failed */
	const char *error;        /* why, when result is NULL */
	const char *rate;         /* one FROM in TO */
	int precision;
	dec_round mode;
	const rates_table *table;
	const char *uncertainty;  /* the quotes' relative uncertainty ("0.063", "0"); NULL: none */
	/* An official answer (official.h): NULL for a table whose quotes all go through its base. */
	const char *bank;         /* "NBK": the bank whose table answered */
	const char *answer;       /* "quote" (one official quote), "cross" (two of one bank), "usd" */
	const char *quotes;       /* the quotes used as published: "EUR/KZT 550.00 per 1 (2026-04-01)" */
} out_record;

/* The CSV/TSV header line for a format (NULL for text and JSON), with its newline. */
const char *out_record_header(out_format f);

/*
 * One record, with its newline, into buf (cap bytes, NUL-terminated when it
 * fits). Returns the length it needs (without the NUL), as snprintf does.
 * JSON records hold file and line (streams only), amount, from, to, then
 * result, rate, precision, rounding, uncertainty or error, then table, source and date,
 * and each quote's own source and date where the table has them
 * (from_source, from_date, to_source, to_date); then the receipts (rates.h):
 * "receipt" of the table's body, "from_receipt" and "to_receipt" of the
 * bodies behind each side's quote in a table built from several (official),
 * each {"url","asked","published","fetched","sha256"} without empty members.
 */
size_t out_format_record(char *buf, size_t cap, out_format f, const out_record *r);

/*
 * A stream's JSON records of one file and one pair, made fast: the parts
 * that do not change from line to line (the file, the currencies, the rate,
 * the table and its sources) are written once, and each record is those
 * parts around its line number, amount and result. The bytes are those of
 * out_format_record for a record with a file and a result.
 */
typedef struct {
	char *head, *pair, *tail; /* owned */
	size_t head_len, pair_len, tail_len;
} out_json_template;

/* From r: file, from, to, rate, precision, mode, uncertainty, table (line, amount, result unused). */
bool out_json_template_init(out_json_template *tp, const out_record *r);
void out_json_template_destroy(out_json_template *tp);

/* Room that out_json_template_write may need for an amount of amount_len bytes. */
size_t out_json_template_need(const out_json_template *tp, size_t amount_len);

/*
 * One record into buf (out_json_template_need bytes at least), not
 * NUL-terminated; result is a plain decimal (no escaping). Returns its length.
 */
size_t out_json_template_write(char *buf, const out_json_template *tp, long line, const char *amount,
                               size_t amount_len, const char *result, size_t result_len);

/*
 * A record of n named fields: a JSON object (a NULL value left out), or a
 * CSV/TSV row (a NULL value empty), with its newline; with header, the
 * CSV/TSV line of the names instead (nothing for JSON). For `list` and
 * `rate`. Returns the length needed, as snprintf does.
 */
size_t out_format_fields(char *buf, size_t cap, out_format f, const char *const *names,
                         const char *const *values, size_t n, bool header);

/*
 * One price of `history` in format f, with its newline. Returns the length needed.
 *   OUT_JSON       {"date","from","to","rate","table","source"}
 *   OUT_CSV, _TSV  date,from,to,rate (fields quoted where they need it)
 *   OUT_LEDGER     P 2026-04-01 USD 478.77 KZT
 *   OUT_BEANCOUNT  2026-04-01 price USD 478.77 KZT
 *   OUT_TEXT       2026-04-01  1 USD = 478.77 KZT
 */
size_t out_format_price(char *buf, size_t cap, out_format f, const char *date, const char *from,
                        const char *to, const char *rate, const rates_table *t);

/* The header line of history's CSV or TSV ("date,from,to,rate\n"), NULL for other formats. */
const char *out_price_header(out_format f);

/*
 * Group the integer digits of a plain decimal ("-1234567.50") by three
 * with sep ("-1 234 567.50"). Numbers of up to 4 integer digits are grouped
 * too ("1 000"). Returns the length, or -1 when cap is too small.
 */
int out_group(char *out, size_t cap, const char *plain, const char *sep);

/*
 * A number for a person with a comma for its decimal point (--decimal-comma): each point
 * between two digits of s made a comma, in place ("KZT/USD 0.00192" -> "KZT/USD 0,00192",
 * "±0.26%" -> "±0,26%"). For text of numbers, codes and signs only, never a URL or a path.
 * Returns s.
 */
char *out_comma_point(char *s);

/*
 * The columns of plain's grouped form: *int_cols for the sign and integer
 * digits with their separators (each separator one column), *frac_cols for
 * the point and the fraction digits (0 without a point).
 */
void out_columns(const char *plain, size_t *int_cols, size_t *frac_cols);

/*
 * out_group, then padded with spaces to int_cols columns before the point
 * and frac_cols from it on, so that the points of several numbers line up.
 * Returns the length, or -1 when cap is too small.
 */
int out_align(char *out, size_t cap, const char *plain, const char *sep, size_t int_cols,
              size_t frac_cols);

/*
 * Columns a UTF-8 string takes on a terminal: a column a code point, none for a combining mark,
 * two for an East Asian wide one; whatever the locale.
 */
size_t out_width(const char *s);

/*
 * A quote's uncertainty as people read it, the one face of it: "±6.3%" (utf8)
 * or "+/-6.3%", two significant digits of percent; "" when the quotes are
 * exact (convert.h's conv_uncertainty). Returns the length, or -1 when cap
 * is too small.
 */
int out_uncertainty(char *buf, size_t cap, const rates_quote *from, const rates_quote *to, bool utf8);

/*
 * true when the environment says the terminal takes UTF-8: the first of
 * LC_ALL, LC_CTYPE, LANG that is set and not empty names UTF-8 ("utf8",
 * "UTF-8", any case). Arguments may be NULL (unset). No setlocale().
 */
bool out_env_utf8(const char *lc_all, const char *lc_ctype, const char *lang);

/*
 * The lines that name a table, each label after `indent` spaces, the values
 * in one column: 9 columns after the indent, or further when one of the four
 * labels (in the user's language) is wider than 8 (7 with colon):
 *   table:   ORIGIN            (left out when origin is NULL)
 *   source:  SOURCE            ("(not given)" when absent)
 *   date:    DATE
 *   base:    BASE
 * with_base false leaves the base line out (--explain folds it in). Returns
 * the length written (cut to cap), as snprintf does.
 */
size_t out_table_block(char *buf, size_t cap, const rates_table *t, const char *origin, int indent,
                       bool colon, bool with_base);

/* The column (from 0) where out_table_block's values start, for lines to align with them. */
int out_table_column(int indent, bool colon);

#endif
