/*
 * prefetch.h - a regular file read ahead by a thread while the stream's
 * driver converts (private to src/stream/; see prefetch.c).
 */
#ifndef SARRAF_STREAM_PREFETCH_H
#define SARRAF_STREAM_PREFETCH_H

#include <stddef.h>
#include <sys/types.h>

typedef struct prefetch prefetch;

/* A reader thread for fd when it is a regular file big enough to gain by one; else NULL
   (and on any failure to make one): the caller then read()s fd itself. */
prefetch *prefetch_start(int fd);

/* read() from the thread's chunks: up to cap bytes, 0 at the end of the file, -1 with
   errno as read() left it. */
ssize_t prefetch_read(prefetch *p, char *dst, size_t cap);

/* Stop the thread (at once: it reads a regular file) and free all; NULL is nothing. */
void prefetch_end(prefetch *p);

#endif
