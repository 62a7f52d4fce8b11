/*
 * stream_int.h - what the stream's files share (private to src/stream/):
 * the state of a run, the pairs it keeps, and the functions one file
 * gives another.
 *
 *   driver.c   the run: files read in blocks, cut into lines, each line to
 *              a lane or to the general path, bad lines reported
 *   lanes.c    the two lanes (plain numbers; a delimited column), lane.h
 *              their per-line helpers
 *   general.c  the general path: any line, fields, currencies, records
 *   pairs.c    the pair cache: a hash of (table, source currency)
 *   buf.c      the output buffer (buf.h)
 */
#ifndef SARRAF_STREAM_INT_H
#define SARRAF_STREAM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sarraf/convert.h"
#include "sarraf/decimal.h"
#include "sarraf/output.h"
#include "sarraf/rates.h"
#include "buf.h"
#include "stream.h"

/* Tables whose currencies were checked for a --date-field stream (direct-mapped). */
#define CHECKED_TABLES 1024
/* The column lane takes lines cut into at most this many fields. */
#define LANE_FIELDS 64
/* Currency columns' spellings that the column lane remembers (direct-mapped). */
#define LANE_CODES 64
/* Exponents of a lane's amounts: 0 down to -19. */
#define LANE_EXPONENTS 20
/* Readable bytes past the input buffer's end (lane_cut64() loads 64 at a time). */
#define LANE_SLACK 64

/* From one source currency to one target: the pair, and what is made of it when needed. */
typedef struct {
	conv_pair pair;
	/* The lanes' forms, one per amount exponent 0..-19 (lane_amount() reads at most 19
	   digits), made when an amount of that exponent first comes: "100" and "12.50" in
	   one column do not make them again and again. */
	uint32_t lanes_made;        /* bit k: lanes[k] is made */
	conv_lane lanes[LANE_EXPONENTS];
	char rate[DEC_STRING_MAX];  /* for records; "" until needed */
	char unc[24];               /* the quotes' uncertainty, likewise */
	out_json_template json;     /* --output json: made for json_file */
	const char *json_file;
	const rates_quote *qf, *qt; /* the quotes that answer the pair (official.h), NULL: a base */
} pair_target;

/* The pairs from one currency of one table to every target (one slot of the cache). */
typedef struct {
	char code[4];
	const rates_table *table; /* whose quotes the pairs hold; NULL: a free slot */
	pair_target *to;          /* nto of them, allocated when the slot is first used */
} pair_set;

typedef struct {
	const stream_opts *o;
	sink out;
	const char *file; /* as named in messages */
	long line;        /* the current record's first line */
	long record;      /* records of this file so far (a quoted field may join lines into one) */
	bool failed;      /* a bad line in fail mode, or an unreadable file */
	bool aborted;
	const rates_table *table; /* the table of the current line (--date-field: of its day) */
	pair_set *cache;  /* pairs.c's, made by pairs_new() */
	int nkeys;
	unsigned pairs_gen; /* counts the cache's fresh starts: a pair_set kept from before one is stale */
	const rates_table *checked[CHECKED_TABLES];
	int scale[STREAM_MAX_TARGETS];
	char point;       /* the decimal point of amounts and results: '.', or ',' (--decimal-comma) */
	bool quote_results; /* a result may hold the delimiter (-d , with a decimal comma): quote it */
	bool quote_amounts; /* the delimiter is the decimal point: an amount must be quoted */
	size_t want;      /* fields to cut each line into (0: all) */
	/* The lanes: lane_plain() takes plain numbers with --from, lane_column() a delimited
	   stream's column (the currency from --from, or from its own column). */
	bool plain, column;
	size_t lane_field, lane_code; /* lane_column()'s fields, 0-based (lane_code SIZE_MAX: --from) */
	pair_set *lane_set; /* the pairs of the lanes' currency (--from, or the last line's column) */
	/* The currency column's bytes as the column lane last read them: a few codes mixed in a
	   column ("KZT", "kzt", "USD") each find their pairs without reading the code again. */
	struct {
		uint32_t raw;      /* the three bytes, and 1 << 24; 0: none */
		unsigned gen;      /* pairs_gen when set was found: a fresh start of the cache drops it */
		const rates_table *table; /* the table it was found in (--date-field: a day's) */
		pair_set *set;     /* its pairs */
	} lane_codes[LANE_CODES];
	/* A line's fields, k: [split_a[k], split_b[k]); grown to the most a line has had, so
	   that a line's field count is limited only by its length (STREAM_MAX_LINE). */
	size_t *split_a, *split_b;
	size_t split_cap;
	/* Room for a number rewritten before it is read (--grouped's groups joined), grown to
	   the longest one. */
	char *scratch;
	size_t scratch_cap;
	char why[160];    /* the current line's problem */
} run_state;

static inline bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * A result just written as dec_format() writes it, p[0..n) with two bytes of room after
 * it, as the stream shows it: with --decimal-comma its point a comma, and in quotes when
 * it holds the delimiter (RFC 4180: "1636,73" with -d ,). Returns its new length.
 */
static inline size_t stream_result_text(const run_state *st, char *p, size_t n, int scale)
{
	if (st->point != '.' && scale > 0)
		p[n - (size_t)scale - 1] = st->point;
	if (st->quote_results && memchr(p, st->o->delim, n) != NULL) {
		memmove(p + 1, p, n);
		p[0] = '"';
		p[n + 1] = '"';
		n += 2;
	}
	return n;
}

/* driver.c: the current line's problem into st->why. */
__attribute__((format(printf, 2, 3)))
void stream_bad(run_state *st, const char *fmt, ...);

/* general.c: st->scratch with room for n bytes; NULL when out of memory. */
char *stream_scratch(run_state *st, size_t n);

/* pairs.c: the cache, empty; NULL when out of memory. */
pair_set *pairs_new(void);

/* pairs.c: the cache and every pair in it freed (nto: the run's targets). */
void pairs_free(pair_set *cache, int nto);

/* pairs.c: the slot of (the current table, code): where it is, or the free slot where it would go. */
pair_set *pairs_slot(run_state *st, const char code[4]);

/* pairs.c: the pairs from code in the current table to every target, made once; NULL when it has none. */
pair_set *pairs_for(run_state *st, const char code[4]);

/* pairs.c: the rate and the quotes' uncertainty of ps's pair to target t, as records show them. */
const char *pairs_rate_text(pair_set *ps, int t);
const char *pairs_uncertainty_text(const run_state *st, pair_set *ps, int t);

/* general.c: a currency as people write it (KZT, kzt, ₸, tenge); false when it is none or ambiguous. */
bool stream_read_code(run_state *st, const char *p, size_t n, char code[4]);

/*
 * general.c: the end of a delimited record that starts at p, quotes read as split() reads
 * them (RFC 4180, leniently): a field that starts with '"' is quoted up to a '"' that is
 * not doubled, and a delimiter or a line end (eol) inside it is part of it; a '"' anywhere
 * else is a character like any other. Returns the eol that ends the record, or NULL when
 * p..e holds none; *open then says whether e is inside a quoted field (at_end: nothing
 * follows e, so a '"' just before it closes its field). *inner counts the eols inside.
 */
/* fields.c: whether --field asks for field k (1-based); the fields of a line, as far as `want`
   (0: all), into st's split arrays, or SIZE_MAX when out of memory. */
bool stream_field_selected(const stream_opts *o, long k);
size_t stream_split(run_state *st, const char *line, size_t len, size_t want);
const char *stream_record_end(const char *p, const char *e, char d, char eol, bool at_end, long *inner,
                              bool *open);

/* general.c: the end of the digit groups after the number line[start..end) ("1 000"), or end. */
size_t stream_group_run(const char *line, size_t len, size_t start, size_t end);

/* general.c: the table of the day written p[0..n), made the current one; false, with st->why. */
bool stream_day_table(run_state *st, const char *p, size_t n);

/* general.c: convert one line (without its end) into the sink; false, with st->why, for a bad line. */
bool stream_convert_line(run_state *st, const char *line, size_t len);

/*
 * general.c: a bad row of a delimited stream as the modes that go on write it, with its
 * columns kept: each field that a good row would have converted (or appended) is there,
 * empty, so that no column moves and no figure is left where a converted one would stand.
 */
void stream_keep_row(run_state *st, const char *line, size_t len);

/* lanes.c: the plain lane and the column lane; false, having written nothing, when the line is
   not theirs (the general path then takes it). The plain lane leaves room for one more byte. */
bool lane_plain(run_state *st, const char *line, size_t len);
bool lane_column(run_state *st, const char *line, size_t len);

/* lanes.c: the column lane over whole lines of buf[0..n) (after the header and the first
   line): the bytes of the lines it converted, their ends included (0: none). */
size_t lane_column_lines(run_state *st, const char *buf, size_t n);

#endif
