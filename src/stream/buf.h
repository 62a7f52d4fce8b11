/*
 * buf.h - the stream's output buffer (private to src/stream/): one buffer
 * for all the output, written out between lines. A line's output is built
 * at its end and dropped again (its length reset) if the line turns out to
 * be bad, so that a bad line is passed through unchanged.
 *
 * sink_reserve() and sink_put() are static inline: the lanes call them for
 * every line, and they cost a comparison when the room is there.
 */
#ifndef SARRAF_STREAM_BUF_H
#define SARRAF_STREAM_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Written out when it holds this much (at the end of a line); twice this to start with. */
#define OUT_FLUSH (64 * 1024)

typedef struct {
	char *buf;
	size_t len, cap;
	bool closed; /* the reader went away (EPIPE): stop quietly */
	int err;     /* another write error */
} sink;

/* Write the buffer to stdout and empty it; a write error is kept in s->closed or s->err. */
void sink_flush(sink *s);

/* sink_reserve() when the room is not there: the buffer grown. false when out of memory. */
bool sink_grow(sink *s, size_t n);

/* Room for n more bytes; the buffer grows only for a line's output larger than it. */
static inline bool sink_reserve(sink *s, size_t n)
{
	if (s->len + n <= s->cap)
		return true;
	return sink_grow(s, n);
}

static inline bool sink_put(sink *s, const char *p, size_t n)
{
	if (s->len + n <= s->cap) {
		memcpy(s->buf + s->len, p, n);
		s->len += n;
		return true;
	}
	if (!sink_reserve(s, n))
		return false;
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	return true;
}

#endif
