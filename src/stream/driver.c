/*
 * driver.c - convert the numbers in a stream of lines, fast and exactly:
 * the run (stream.h's stream_run()).
 *
 * Input is read in large blocks and cut into lines in place; each line
 * goes to a lane (lanes.c) when one of them takes this stream, and to the
 * general path (general.c) when the lane does not take it; output goes to
 * one buffer (buf.h) that is written out between lines. A bad line's
 * output is dropped again (the buffer's length reset), so that it is
 * passed through unchanged. Memory is bounded by the longest line
 * (STREAM_MAX_LINE), however long the input.
 */
#include "stream_int.h"
#include "prefetch.h"

#include "../i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sarraf/currency.h"

#define IN_BUF (STREAM_MAX_LINE + 64 * 1024)

/* The current line's problem, told by bad_line(). */
void stream_bad(run_state *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->why, sizeof st->why, fmt, ap);
	va_end(ap);
}

/* Report a bad line as the --invalid mode says; true to go on. */
static bool bad_line(run_state *st, const char *line, size_t len, const char *end, size_t endlen)
{
	const stream_opts *o = st->o;
	if (o->invalid != INVALID_IGNORE)
		fprintf(stderr, "sarraf: %s:%ld: %s\n", st->file, st->line, st->why);
	if (o->invalid == INVALID_ABORT) {
		st->aborted = true;
		st->failed = true;
		return false;
	}
	if (o->invalid == INVALID_FAIL)
		st->failed = true;
	if (o->format == OUT_TEXT) {
		if (o->delim != 0)
			stream_keep_row(st, line, len);
		else
			sink_put(&st->out, line, len); /* blank-separated fields cannot be empty */
		sink_put(&st->out, end, endlen);
	} else if (o->format == OUT_JSON) {
		out_record rec = { st->file, st->line, line, len, NULL, NULL, NULL, st->why, NULL, 0,
		                   o->mode, st->table, NULL, NULL, NULL, NULL };
		size_t need = out_format_record(NULL, 0, o->format, &rec);
		if (sink_reserve(&st->out, need + 1)) {
			out_format_record(st->out.buf + st->out.len, need + 1, o->format, &rec);
			st->out.len += need;
		}
	}
	return true;
}

/* What process_line() made of a line. */
enum {
	LINE_STOP, /* a bad line in abort mode: the run stops */
	LINE_DONE, /* converted, passed through, or reported as bad */
	LINE_OPEN, /* a delimited line that ends inside a quoted field: nothing done, the record
	              goes on past the line end (run_fd() joins the lines and gives it again) */
};

/* A delimited line ends inside a quoted field. */
static bool line_open(const run_state *st, const char *line, size_t len)
{
	long inner;
	bool open;
	return st->o->delim != 0 && memchr(line, '"', len) != NULL &&
	       (stream_record_end(line, line + len, st->o->delim, st->o->eol, true, &inner, &open), open);
}

/*
 * One record, without its terminator (end[0..endlen) is what ended it): a line, or with -d
 * the lines that a quoted field joins (inner: the line ends inside it, -1 when not known
 * yet, as for a line just cut). Messages name the record's first line.
 */
static int process_line(run_state *st, const char *line, size_t len, const char *end, size_t endlen,
                        long inner)
{
	const stream_opts *o = st->o;
	size_t mark = st->out.len;
	st->line++;
	st->record++;
	if (st->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		/* A UTF-8 byte-order mark: kept in text output, never part of a field. */
		if (o->format == OUT_TEXT)
			sink_put(&st->out, line, 3);
		line += 3;
		len -= 3;
	}
	if (endlen == 1 && end[0] == '\n' && len > 0 && line[len - 1] == '\r') {
		/* CRLF: the CR belongs to the line end. */
		len--;
		end--;
		endlen++;
	}
	bool done = true;
	if (st->record <= o->header || len == 0) {
		/* Header records and empty lines pass through (not in records). */
		if (inner < 0 && line_open(st, line, len))
			goto open;
		if (o->format == OUT_TEXT) {
			sink_put(&st->out, line, len);
			sink_put(&st->out, end, endlen);
		}
	} else if (inner < 0 && st->column && lane_column(st, line, len)) {
		sink_put(&st->out, end, endlen); /* the lane takes only whole records */
	} else if (st->plain && lane_plain(st, line, len)) {
		if (endlen == 1)
			st->out.buf[st->out.len++] = *end; /* room reserved by lane_plain() */
		else
			sink_put(&st->out, end, endlen);
	} else if (inner < 0 && line_open(st, line, len)) {
		goto open;
	} else {
		size_t converted = st->out.len;
		if (stream_convert_line(st, line, len)) {
			if (o->format == OUT_TEXT)
				sink_put(&st->out, end, endlen);
		} else {
			st->out.len = converted; /* drop what the bad line had put out */
			done = bad_line(st, line, len, end, endlen);
		}
	}
	st->line += inner > 0 ? inner : 0;
	return done ? LINE_DONE : LINE_STOP;
open:
	st->out.len = mark;
	st->line--;
	st->record--;
	return LINE_OPEN;
}

/* The first STREAM_MAX_LINE and more bytes of a line without an end in sight. */
static bool long_line(run_state *st, const char *part, size_t len)
{
	const stream_opts *o = st->o;
	if (o->format != OUT_TEXT || o->invalid == INVALID_ABORT)
		return bad_line(st, "", 0, "", 0);
	if (o->invalid != INVALID_IGNORE)
		fprintf(stderr, "sarraf: %s:%ld: %s\n", st->file, st->line, st->why);
	if (o->invalid == INVALID_FAIL)
		st->failed = true;
	sink_put(&st->out, part, len);
	return true;
}

static void flush_if_full(run_state *st)
{
	if (st->out.len >= OUT_FLUSH)
		sink_flush(&st->out);
}

/* The eols in p[0..n). */
static long count_eols(const char *p, size_t n, char eol)
{
	long k = 0;
	for (size_t i = 0; i < n; i++)
		k += p[i] == eol;
	return k;
}

/*
 * A delimited record that a quoted field carries past its first line (process_line() said
 * LINE_OPEN for the line at buf[pos]): found whole in buf[pos..have) and processed, *used
 * set to the bytes it took with its end. LINE_OPEN when more input is needed first. A
 * record longer than STREAM_MAX_LINE, or one whose quoted field the file's end leaves open,
 * is a bad line, passed through in the modes that go on (*skipping: up to the next eol).
 */
static int join_record(run_state *st, const char *buf, size_t pos, size_t have, bool eof, size_t *used,
                       bool *skipping)
{
	const stream_opts *o = st->o;
	const char *p = buf + pos, *e = buf + have;
	size_t bom = st->line == 0 && have - pos >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	long inner;
	bool open;
	const char *end = stream_record_end(p + bom, e, o->delim, o->eol, eof, &inner, &open);
	if (end != NULL && (size_t)(end - p) <= STREAM_MAX_LINE) {
		*used = (size_t)(end - p) + 1;
		return process_line(st, p, (size_t)(end - p), end, 1, inner);
	}
	if (end == NULL && have - pos <= STREAM_MAX_LINE) {
		if (!eof)
			return LINE_OPEN;
		if (!open) {
			/* The last record, without an end of its own. */
			*used = have - pos;
			return process_line(st, p, have - pos, e, 0, inner);
		}
	}
	st->line++;
	st->record++;
	if (end == NULL && eof && have - pos <= STREAM_MAX_LINE)
		stream_bad(st, "%s", _("quoted field not closed before the end of the file"));
	else
		stream_bad(st, _("record longer than %d bytes (a quoted field not closed?)"), STREAM_MAX_LINE);
	size_t n = end != NULL ? (size_t)(end - p) + 1 : have - pos;
	if (!long_line(st, p, n))
		return LINE_STOP;
	st->line += end != NULL ? inner : count_eols(p, n, o->eol);
	*skipping = end == NULL && !eof;
	*used = n;
	return LINE_DONE;
}

/* Convert one open file (read ahead by pf, when not NULL). false when the run must stop
   (abort, closed output, write error). */
static bool run_fd(run_state *st, int fd, prefetch *pf, char *buf)
{
	const stream_opts *o = st->o;
	size_t have = 0;
	bool eof = false, skipping = false;

	while (!eof || have > 0) {
		if (!eof && have < IN_BUF) {
			ssize_t n = pf != NULL ? prefetch_read(pf, buf + have, IN_BUF - have)
			                       : read(fd, buf + have, IN_BUF - have);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				fprintf(stderr, "sarraf: %s: %s\n", st->file, strerror(errno));
				st->failed = true;
				return true;
			}
			if (n == 0)
				eof = true;
			have += (size_t)n;
		}
		size_t pos = 0;
		for (;;) {
			if (st->column && !skipping && st->line > 0 && st->record >= o->header) {
				/* The column lane finds its lines' ends itself, as many as it takes. */
				size_t done = lane_column_lines(st, buf + pos, have - pos);
				if (done > 0) {
					pos += done;
					flush_if_full(st);
					if (st->out.closed || st->out.err)
						return false;
					continue;
				}
			}
			char *nl = memchr(buf + pos, o->eol, have - pos);
			if (nl == NULL)
				break;
			size_t len = (size_t)(nl - (buf + pos)), used = len + 1;
			int r = LINE_DONE;
			if (skipping) {
				/* The rest of an over-long line, passed through. */
				if (o->format == OUT_TEXT)
					sink_put(&st->out, buf + pos, len + 1);
				skipping = false;
			} else if (len > STREAM_MAX_LINE) {
				/*
				 * An over-long line whose end came in the same read: as bad as
				 * one cut below, whatever the sizes of the reads (a pipe's
				 * writer that runs ahead filled the buffer; found by valgrind).
				 */
				st->line++;
				st->record++;
				stream_bad(st, _("line longer than %d bytes"), STREAM_MAX_LINE);
				if (!long_line(st, buf + pos, len + 1))
					return false;
			} else if ((r = process_line(st, buf + pos, len, nl, 1, -1)) == LINE_OPEN) {
				r = join_record(st, buf, pos, have, eof, &used, &skipping);
			}
			if (r == LINE_STOP)
				return false;
			if (r == LINE_OPEN)
				break; /* a record that goes on past what has been read */
			pos += used;
			flush_if_full(st);
			if (st->out.closed || st->out.err)
				return false;
		}
		memmove(buf, buf + pos, have - pos);
		have -= pos;
		if (eof && have > 0) {
			/* A last line without its end: converted, and left without one. */
			size_t used = have;
			int r = LINE_DONE;
			if (skipping) {
				if (o->format == OUT_TEXT)
					sink_put(&st->out, buf, have);
			} else if ((r = process_line(st, buf, have, buf + have, 0, -1)) == LINE_OPEN) {
				r = join_record(st, buf, 0, have, eof, &used, &skipping);
			}
			if (r == LINE_STOP)
				return false;
			memmove(buf, buf + used, have - used);
			have -= used;
		} else if (have > STREAM_MAX_LINE && !skipping && memchr(buf, o->eol, have) == NULL) {
			/* No line end in sight: a bad line, passed through in the modes that go on. */
			st->line++;
			st->record++;
			stream_bad(st, _("line longer than %d bytes"), STREAM_MAX_LINE);
			if (!long_line(st, buf, have))
				return false;
			have = 0;
			skipping = true;
		}
		if (st->out.closed || st->out.err)
			return false;
	}
	return true;
}

int stream_run(const stream_opts *o, char *const *files, int nfiles)
{
	static char dash[] = "-";
	char *const stdin_only[] = { dash };
	run_state *st = calloc(1, sizeof *st);
	char *buf = calloc(1, IN_BUF + LANE_SLACK); /* calloc: the slack is never uninitialized */
	if (st == NULL || buf == NULL) {
		free(st);
		free(buf);
		fprintf(stderr, "sarraf: %s\n", _("out of memory"));
		return 1;
	}
	st->o = o;
	st->table = o->table;
	st->out.cap = 2 * OUT_FLUSH;
	st->out.buf = malloc(st->out.cap);
	st->cache = pairs_new();
	if (st->out.buf == NULL || st->cache == NULL) {
		free(st->out.buf);
		pairs_free(st->cache, o->nto);
		free(st);
		free(buf);
		fprintf(stderr, "sarraf: %s\n", _("out of memory"));
		return 1;
	}
	for (int t = 0; t < o->nto; t++)
		st->scale[t] = o->precision >= 0 ? o->precision : currency_minor_units(o->to[t]);
	st->point = o->decimal_comma ? ',' : '.';
	/* A delimiter that a result may hold (the point; a digit or a sign, oddly chosen) makes
	   each result checked, and quoted when it holds it; one that is the point makes each
	   amount quoted: "1500,50" with -d , --decimal-comma. */
	st->quote_results = o->format == OUT_TEXT && o->delim != 0 && strchr("0123456789-", o->delim) != NULL;
	st->quote_results |= o->format == OUT_TEXT && o->delim == st->point;
	st->quote_amounts = o->delim != 0 && o->delim == st->point;
	/* How far to cut a line: the last field asked for, unless a range is open. */
	st->want = o->nfields == 0 ? 1 : 0;
	for (int i = 0; i < o->nfields; i++) {
		if (o->fields[i].hi == STREAM_FIELD_OPEN) {
			st->want = 0;
			break;
		}
		if ((size_t)o->fields[i].hi > st->want)
			st->want = (size_t)o->fields[i].hi;
	}
	if (st->want != 0 && (size_t)o->from_field > st->want)
		st->want = (size_t)o->from_field;
	if (st->want != 0 && (size_t)o->date_field > st->want)
		st->want = (size_t)o->date_field;
	if (o->format == OUT_TEXT && o->delim == 0 && o->nfields == 0 && o->from != NULL &&
	    !o->append && o->date_field == 0) {
		char code[4];
		memcpy(code, o->from, 4);
		pair_set *ps = pairs_for(st, code);
		st->lane_set = ps;
		st->plain = ps != NULL;
	}
	if (o->format == OUT_TEXT && o->delim != 0 && (o->from != NULL || o->from_field != 0) &&
	    st->want >= 1 && st->want <= LANE_FIELDS &&
	    (o->nfields == 0 || (o->nfields == 1 && o->fields[0].lo == o->fields[0].hi))) {
		st->lane_field = o->nfields == 0 ? 0 : (size_t)o->fields[0].lo - 1;
		st->lane_code = o->from != NULL ? SIZE_MAX : (size_t)o->from_field - 1;
		st->column = true; /* the pairs are looked up on the first line */
	}

	/* A reader that goes away (| head) ends the run quietly: EPIPE, not a signal. */
	signal(SIGPIPE, SIG_IGN);

	const char *hdr = out_record_header(o->format);
	if (hdr != NULL)
		sink_put(&st->out, hdr, strlen(hdr));

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles; i++) {
		bool is_stdin = strcmp(files[i], "-") == 0;
		int fd = is_stdin ? STDIN_FILENO : open(files[i], O_RDONLY);
		st->file = is_stdin ? "stdin" : files[i];
		st->line = 0;
		st->record = 0;
		if (fd < 0) {
			fprintf(stderr, "sarraf: %s: %s\n", files[i], strerror(errno));
			st->failed = true;
			continue;
		}
		prefetch *pf = prefetch_start(fd);
		bool go_on = run_fd(st, fd, pf, buf);
		prefetch_end(pf);
		if (!is_stdin)
			close(fd);
		if (!go_on)
			break;
	}
	sink_flush(&st->out);
	int rc = st->failed ? 1 : 0;
	if (st->out.err) {
		fprintf(stderr, _("sarraf: write error: %s\n"), strerror(st->out.err));
		rc = 1;
	}
	free(st->out.buf);
	free(st->split_a);
	free(st->split_b);
	free(st->scratch);
	pairs_free(st->cache, o->nto);
	free(st);
	free(buf);
	return rc;
}
