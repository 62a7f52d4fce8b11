/*
 * buf.c - the stream's output buffer: written to stdout, grown (buf.h).
 */
#include "buf.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

void sink_flush(sink *s)
{
	size_t off = 0;
	while (off < s->len && !s->closed && !s->err) {
		ssize_t n = write(STDOUT_FILENO, s->buf + off, s->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE)
				s->closed = true;
			else
				s->err = errno;
			break;
		}
		off += (size_t)n;
	}
	s->len = 0;
}

bool sink_grow(sink *s, size_t n)
{
	size_t cap = s->cap * 2;
	while (cap < s->len + n)
		cap *= 2;
	char *b = realloc(s->buf, cap);
	if (b == NULL)
		return false;
	s->buf = b;
	s->cap = cap;
	return true;
}
