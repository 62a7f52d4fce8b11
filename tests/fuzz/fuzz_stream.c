/*
 * fuzz_stream.c - libFuzzer target for the stream mode: the line reader and
 * the field splitter of src/stream/, driven through stream_run() on a file
 * (their functions are private on purpose: this goes through the same door as
 * `sarraf --from X --to Y FILE`), with stdout on a temporary file.
 *
 * The first two input bytes pick the options (the first: delimiter, --from
 * or currencies in the lines, text or JSON records, --append, targets,
 * --field, -z, or in column mode a date column with a table per day; the
 * second: --grouped, --decimal-comma, and a quoted-field mode: with a delimiter, each line
 * starts with a quoted field that holds the delimiter, doubled quotes or a
 * line break, and the fields asked for move one on, so that the column lane
 * meets quotes before the amount); the rest is the file. Always
 * --invalid=warn. Properties:
 *   - the run ends with status 0 (warn mode goes on and exits 0);
 *   - the lanes (lane_plain, lane_column) give the bytes the general path
 *     gives: a run that may take them is run again with its one field
 *     named twice ("1,1"), which only the general path takes;
 *   - text output has exactly as many records as the input: every record
 *     comes out once, converted or kept (without -d a record is a line;
 *     with it, the records are counted by a reader of CSV quoting of its
 *     own, as a kept row's emptied field may have held line ends);
 *   - JSON output (one target) has one record per non-empty record of the
 *     input, converted or with "error" (a stream's output has as many records
 *     as its input), the records counted here by a reader of CSV quoting of
 *     its own.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sarraf/load.h"
#include "stream/stream.h"

extern const unsigned char sarraf_embedded_rates[];
extern const size_t sarraf_embedded_rates_len;

#define MAX_INPUT (64 * 1024)

static rates_table table, other_day, short_day;

/* --date-field in column mode: field 3's day picks the embedded table, one of other rates, one
   without UZS, or none (every fourth day). */
static const rates_table *table_on(void *ctx, date_t day, char *why, size_t cap)
{
	(void)ctx;
	switch (date_to_days(day) % 4) {
	case 0:
		return &table;
	case 1:
		return &other_day;
	case 2:
		return &short_day;
	default:
		snprintf(why, cap, "no rates for that day");
		return NULL;
	}
}
static char in_path[] = "/tmp/sarraf-fuzz-stream-in-XXXXXX";
static char out_path[] = "/tmp/sarraf-fuzz-stream-out-XXXXXX";
static int in_fd = -1, out_fd = -1, null_fd = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[LOAD_ERR_MAX];
	(void)argc;
	(void)argv;
	rates_init(&table);
	if (load_table(&table, (const char *)sarraf_embedded_rates, sarraf_embedded_rates_len, "embedded",
	               err) != 0)
		abort();
	static const char other[] = "{\"base\":\"USD\",\"quotes\":{\"KZT/USD\":\"0.002\",\"UZS/USD\":"
	                            "\"0.0000777\",\"KGS/USD\":\"0.0115\",\"TJS/USD\":\"0.1\"}}";
	static const char shorter[] = "{\"base\":\"USD\",\"quotes\":{\"KZT/USD\":\"0.0019\",\"KGS/USD\":\"0.0114\"}}";
	rates_init(&other_day);
	rates_init(&short_day);
	if (load_table(&other_day, other, sizeof other - 1, "other", err) != 0 ||
	    load_table(&short_day, shorter, sizeof shorter - 1, "short", err) != 0)
		abort();
	in_fd = mkstemp(in_path);
	out_fd = mkstemp(out_path);
	null_fd = open("/dev/null", O_WRONLY);
	if (in_fd < 0 || out_fd < 0 || null_fd < 0)
		abort();
	unlink(in_path);  /* read through /proc/self/fd below; nothing left behind */
	unlink(out_path);
	return 0;
}

/*
 * The records of d[0..n): with a delimiter, a field that starts with '"' is quoted up to a
 * '"' that is not doubled, and an eol inside it does not end the record (RFC 4180, as
 * sarraf reads it). Counted: those that an eol ends (*all: a last one without its eol may
 * be emptied out of sight, a kept row of one field), and those that are not empty once a
 * first-record BOM and a CR before '\n' are taken off.
 */
static size_t nonempty_records(const unsigned char *d, size_t n, char eol, char delim, size_t *all)
{
	size_t count = 0;
	*all = 0;
	for (size_t start = 0, rec = 0; start < n; rec++) {
		size_t a = start;
		if (rec == 0 && n - a >= 3 && memcmp(d + a, "\xEF\xBB\xBF", 3) == 0)
			a += 3;
		size_t i = a, field = a;
		int quoted = 0;
		for (; i < n; i++) {
			unsigned char c = d[i];
			if (quoted) {
				if (c == '"' && i + 1 < n && d[i + 1] == '"')
					i++;
				else if (c == '"')
					quoted = 0;
			} else if (c == (unsigned char)eol) {
				break;
			} else if (delim != 0 && c == '"' && i == field) {
				quoted = 1;
			} else if (delim != 0 && c == (unsigned char)delim) {
				field = i + 1;
			}
		}
		size_t b = i;
		if (i < n && eol == '\n' && b > a && d[b - 1] == '\r')
			b--;
		count += b > a;
		*all += i < n;
		start = i + 1;
	}
	return count;
}

/* Quoted-field mode: each eol-ended piece of body with a quoted field and the delimiter before it. */
static unsigned char *with_quoted_field(const unsigned char *body, size_t n, char eol, char delim, int kind,
                                        size_t *len)
{
	static const char *const fields[] = { "\"a,b;c\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"\"" };
	const char *f = fields[kind & 3];
	size_t fl = strlen(f), pieces = 1;
	for (size_t i = 0; i < n; i++)
		pieces += body[i] == (unsigned char)eol;
	unsigned char *out = malloc(n + pieces * (fl + 1) + 1), *o = out;
	if (out == NULL)
		abort();
	for (size_t i = 0, start = 0; i <= n; i++) {
		if (i < n && body[i] != (unsigned char)eol)
			continue;
		if (i == n && start == n)
			break;
		memcpy(o, f, fl);
		o += fl;
		*o++ = (unsigned char)delim;
		memcpy(o, body + start, i - start + (i < n));
		o += i - start + (i < n);
		start = i + 1;
	}
	*len = (size_t)(o - out);
	return out;
}

static size_t count_byte(const char *d, size_t n, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += d[i] == c;
	return k;
}

static char *run(const stream_opts *o, size_t *len);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static char to[3][4] = { "USD", "UZS", "KGS" };
	if (size < 2 || size > MAX_INPUT)
		return 0;
	unsigned char opt = data[0], opt2 = data[1];
	const unsigned char *body = data + 2;
	size_t n = size - 2;

	stream_opts o;
	memset(&o, 0, sizeof o);
	o.table = &table;
	o.delim = (opt & 1) ? ',' : 0;
	o.from = (opt & 2) ? "KZT" : NULL;
	o.format = (opt & 4) ? OUT_JSON : OUT_TEXT;
	o.append = (opt & 8) != 0;
	o.to = to;
	o.nto = o.format == OUT_JSON ? 1 : 1 + (opt >> 4 & 1) + (opt >> 5 & 1);
	if ((opt & 64) && o.format == OUT_TEXT && o.from != NULL)
		stream_parse_fields("1,3-", o.fields, &o.nfields);
	else if ((opt & 64) && o.from == NULL) {
		/* A currency column: amounts in field 1, codes in field 2 (and with bit 128, days in
		   field 3, not -z). */
		o.from_field = 2;
		stream_parse_fields("1", o.fields, &o.nfields);
		if (opt & 128) {
			o.date_field = 3;
			o.table_on = table_on;
		}
	}
	o.eol = (opt & 128) && o.date_field == 0 ? '\0' : '\n';
	o.precision = -1;
	o.mode = DEC_ROUND_HALF_UP;
	o.invalid = INVALID_WARN;
	o.grouped = (opt2 & 1) != 0;
	o.decimal_comma = (opt2 & 2) != 0;
	unsigned char *quoted = NULL;
	if ((opt2 & 4) && o.delim != 0) {
		/* The fields asked for move one on, behind the quoted field. */
		if (o.from_field != 0) {
			o.from_field = 3;
			stream_parse_fields("2", o.fields, &o.nfields);
			if (o.date_field != 0)
				o.date_field = 4;
		} else if (o.nfields == 0) {
			stream_parse_fields("2", o.fields, &o.nfields);
		}
		body = quoted = with_quoted_field(body, n, o.eol, o.delim, opt2 >> 3, &n);
	}

	if (ftruncate(in_fd, 0) != 0 || pwrite(in_fd, body, n, 0) != (ssize_t)n)
		abort();
	size_t olen;
	char *out = run(&o, &olen);
	size_t in_all, out_all, in_nonempty = nonempty_records(body, n, o.eol, o.delim, &in_all);
	if (o.format == OUT_TEXT) {
		nonempty_records((const unsigned char *)out, olen, o.eol, o.delim, &out_all);
		if (out_all != in_all || (o.delim == 0 && count_byte(out, olen, o.eol) != count_byte((const char *)body, n, o.eol)))
			abort();
	} else {
		if (count_byte(out, olen, '\n') != in_nonempty)
			abort();
	}
	if (o.format == OUT_TEXT && o.nfields <= 1) {
		/* The same field twice: the general path, which must agree with the lanes byte for byte. */
		if (o.nfields == 0)
			stream_parse_fields("1", o.fields, &o.nfields);
		o.fields[1] = o.fields[0];
		o.nfields = 2;
		size_t glen;
		char *general = run(&o, &glen);
		if (glen != olen || memcmp(general, out, olen) != 0)
			abort();
		free(general);
	}
	free(out);
	free(quoted);
	return 0;
}

/* One run over the input file; returns its output (malloc'd), *len bytes. */
static char *run(const stream_opts *o, size_t *len)
{
	if (ftruncate(out_fd, 0) != 0 || lseek(out_fd, 0, SEEK_SET) != 0)
		abort();
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", in_fd);
	char *files[] = { path };

	fflush(stdout);
	fflush(stderr);
	int saved_out = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO);
	dup2(out_fd, STDOUT_FILENO);
	dup2(null_fd, STDERR_FILENO);
	int rc = stream_run(o, files, 1);
	fflush(stderr);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);
	if (rc != 0)
		abort();

	off_t olen = lseek(out_fd, 0, SEEK_END);
	char *out = malloc((size_t)olen + 1);
	if (out == NULL || pread(out_fd, out, (size_t)olen, 0) != (ssize_t)olen)
		abort();
	*len = (size_t)olen;
	return out;
}
