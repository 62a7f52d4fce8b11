/*
 * cli.h - the command line's own interface, shared by its files (src/cli/):
 * the options as parsed, the exit statuses, and the helpers that more than
 * one command uses. The command line is the only code that prints or
 * decides exit codes; the core (libsarraf.a) never includes this.
 */
#ifndef SARRAF_CLI_H
#define SARRAF_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "sarraf/date.h"
#include "sarraf/decimal.h"
#include "sarraf/official.h"
#include "sarraf/output.h"
#include "sarraf/rates.h"
#include "sarraf/tables.h"
#include "sarraf/words.h"
#include "stream/stream.h"

#define SARRAF_VERSION "0.1.0"

/* Significant digits that `rate` (and `history`) show when no --precision is given. */
#define RATE_SIGNIFICANT 10

/* Exit statuses of the SPEC. */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,  /* bad amount, unknown currency, result out of range */
	EXIT_USAGE = 2, /* bad command line */
	EXIT_TABLE = 3, /* the rate table could not be loaded */
};

/* The command line and the configuration file, parsed (options.c). */
typedef struct {
	const char *rates;  /* -r, or NULL */
	char official[16];  /* "official:nbk" from --official=nbk */
	tables_opts net;    /* --offline, --max-age, --timeout, --date */
	bool offline_given; /* --offline on the command line (not only the configuration file) */
	bool terse;
	bool explain;       /* --explain: how the answer was reached */
	int precision;      /* -1: the target currency's minor units */
	dec_round mode;
	out_format format;  /* --output */
	/* stream mode */
	const char *from;   /* --from, as given */
	char to_text[STREAM_MAX_TARGETS][64]; /* --to, as given */
	char to[STREAM_MAX_TARGETS][4];       /* the same, resolved to codes */
	int nto;
	field_range fields[STREAM_MAX_RANGES];
	int nfields;
	long from_field;
	char delim;
	long header;
	bool append;
	bool zero;
	invalid_mode invalid;
	long date_field;    /* --date-field: each line's day (0: none) */
	bool grouped;       /* --grouped: "1 000" in a stream is one number */
	bool decimal_comma; /* --decimal-comma: a comma is the decimal point, in and out */
	char base[4];       /* --base */
	int bank;           /* --bank: the official bank that answers every pair it can, or -1 */
	char *config_rates; /* rates = ... in the configuration file */
	date_t since, until; /* history */
	bool has_since, has_until;
	char **operands;
	int noperands;
} cli_opts;

int cli_main(int argc, char **argv);

/* options.c: the configuration file, then argv (EXIT_OK, EXIT_USAGE, or -1 after --help/--version). */
int read_config(cli_opts *o);
int parse_args(cli_opts *o, int argc, char **argv);

/* help.c */
void print_help(void);
void print_version(void);

/* say.c: "sarraf: ..." lines on stderr; "FILE:LINE" of the configuration line being read, or NULL. */
extern const char *cli_config_where;
__attribute__((format(printf, 2, 0))) void vsay(const char *tail, const char *fmt, va_list ap);
__attribute__((format(printf, 1, 2))) void errorf(const char *fmt, ...);
/* A usage error: one line naming the problem, one pointing at --help; returns EXIT_USAGE. */
__attribute__((format(printf, 1, 2))) int usage_error(const char *fmt, ...);
/* The terminal takes UTF-8 (from the environment, never setlocale()). */
bool utf8_terminal(void);
/* Digit groups in human output: U+202F on a UTF-8 terminal, else a space. */
const char *group_separator(void);
/* "=" for an answer whose quotes cannot carry its digits: U+2248 on UTF-8, else "~". */
const char *approx_sign(void);
/* s, a figure shown to a person (an answer, a quote, "±0.26%"), with a comma for its point
   under --decimal-comma (output.h's out_comma_point); records never go through it. Returns s. */
char *shown_number(const cli_opts *o, char *s);
/* A record of named fields to stdout (output.h), the CSV/TSV header first when asked. */
void print_fields(const cli_opts *o, const char *const *names, const char *const *values, size_t n,
                  bool header);
/* The lines that name a table (output.h's block): list, fetch and --explain. */
void print_table_block(FILE *out, const rates_table *t, const char *origin, int indent, bool colon);
/* What sarraf wrote itself, for a person in their language (records keep the English): */
/* a currency's name, or NULL; */
const char *shown_currency_name(const char *code);
/* a source (a bank's name, the official table's, the TMT peg's; another as it is), buf or source; */
const char *shown_source(char *buf, size_t cap, const char *source);
/* a line of the core (a warning) with those sources it quotes; */
const char *shown_line(char *buf, size_t cap, const char *line);
/* "source, date" of a quote that has its own; 0 when it has neither. */
int shown_quote_origin(char *buf, size_t cap, const rates_quote *q);
/* Columns of a UTF-8 string on a terminal (output.h's out_width), and s padded to width. */
void print_padded(FILE *out, const char *s, int width);

/* load.c: the table a command uses. */
const char *rates_source(const cli_opts *o);
const char *shown_origin(const cli_opts *o, const rates_table *t);
void print_warning(void *ctx, const char *line);
void print_note(void *ctx, const char *line);
/* Lines kept to be printed later (what each feed gave, for `fetch`). */
typedef struct {
	size_t count;
	char line[16][320];
} kept_lines;
void keep_line(void *ctx, const char *line);
int load_from(const cli_opts *o, const char *src, rates_table *t, tables_opts *to, tables_report *rep);
int load_rates(const cli_opts *o, rates_table *t);
/*
 * The values that answer from -> to: in an official table, the quote the law names
 * (official.h's official_answer_pair, --bank first); else t's own. qf and qt are the quotes
 * used (NULL for a table's base). false when t cannot answer the pair.
 */
typedef struct {
	official_answer a;
	const rates_quote *qf, *qt;
} cli_pair;
bool pair_of(const cli_opts *o, const rates_table *t, const char *from, const char *to, cli_pair *p);
/* "NBK, its own quote" / "a cross of two NBK quotes" / "through USD": how p was answered, or NULL. */
const char *pair_answer_text(const cli_pair *p, char *buf, size_t cap);
/*
 * For records: *bank ("NBK" or NULL), *answer ("quote", "cross", "usd", or NULL for a table
 * without banks) and the quotes used as published, into quotes (cap bytes).
 */
void pair_record(const cli_pair *p, const char **bank, const char **answer, char *quotes, size_t cap);
/* "EUR/KZT 550.00 per 1 (2026-04-01)": q of t as its bank published it, nominal and day. */
size_t quote_published(char *buf, size_t cap, const rates_table *t, const rates_quote *q);

/* The digits after the point of an answer in `code`: --precision, else its minor units. */
int precision_for(const cli_opts *o, const char *code);

/* operands.c */
int lookup(const rates_table *t, const char *arg, char code[4]);
int parse_amount(const char *arg, dec_t *amount);
int human_operands(cli_opts *o, words_operand_t *w);

/* notes.c: the notes under a human answer. */
void age_note(const cli_opts *o, const rates_table *t, const char *from, const char (*to)[4], int nto);
void precision_note(const cli_opts *o, const rates_table *t, const char *from, const char (*to)[4], int nto);
void zero_note(const cli_opts *o, const cli_pair *cp, const dec_t *amount, const char *to, dec_int result);
void official_note(const cli_opts *o, const cli_pair *pairs, const char *from, const char (*to)[4], int nto);

/* explain.c: --explain after the answers (rate_scale -1 for a conversion). */
void explain_all(const cli_opts *o, const rates_table *t, const cli_pair *pairs, const dec_t *amount,
                 const char *from, const char (*to)[4], int nto, int rate_scale);

/* rate.c: one FROM in TO as `rate` and `history` show it; false when out of range. */
bool format_rate(const cli_opts *o, const rates_value *vf, const rates_value *vt, const char *to,
                 char r[DEC_STRING_MAX], int *scale);
/* A rate as format_rate wrote it ("0", "0.000") that rounded to nothing. */
bool rate_is_zero(const char *r);

/* progress.c: the progress line of a walk over days (on stderr when it is a terminal). */
typedef struct {
	bool on;
	const char *what;
	long done, total, requests;
	struct timespec start, last;
} progress;
/* The days of a walk that one unreachable host left unanswered, told once as ranges. */
typedef struct {
	char host[TABLES_HOST_MAX];
	date_t first[64], last[64];
	int nranges;
	long days;
} lost_days;
/*
 * A walk over a range of days (history, fetch --since): the progress line, the days an
 * unreachable host left unanswered, and the days that failed otherwise.
 */
typedef struct {
	progress pr;
	lost_days lost;
	long failed;
} day_walk;
void walk_start(day_walk *w, const char *what, date_t since, date_t until);
/*
 * The table of src on day d into t (rates_init'ed; the caller destroys it), loaded with base's
 * options: the day's warnings printed, unless its host could not be reached (told once, at
 * walk_end, with the days it left); another failure told at once. 0, or -1 after a failure.
 */
int walk_load(day_walk *w, const tables_opts *base, const char *src, date_t d, rates_table *t);
/* Before a message of the caller's: the progress line cleared. */
void walk_clear(day_walk *w);
/* The progress line cleared, the unreachable host's days told. */
void walk_end(day_walk *w);

/* The commands, one file each. */
int cmd_convert(const cli_opts *o, const rates_table *t);
int cmd_rate(const cli_opts *o, const rates_table *t);
int cmd_list(const cli_opts *o, const rates_table *t);
int cmd_history(const cli_opts *o);
int cmd_fetch(const cli_opts *o, const char *src);
int cmd_stream(cli_opts *o, const rates_table *t);

#endif
