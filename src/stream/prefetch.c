/*
 * prefetch.c - a regular file read ahead by a thread of its own while the
 * driver converts what came before. The kernel's copy of the file into the
 * process, a fifth of a CSV's time in the column lane, then runs on another
 * core; the driver takes the bytes from memory already read.
 *
 * Only for regular files of PREFETCH_MIN bytes or more: their read() waits
 * on nothing but the disk, so that a run that stops early (| head,
 * --invalid abort, a write error) joins the thread at once. Pipes, FIFOs and
 * terminals are read by the driver itself, as before.
 *
 * Two chunks: the thread fills one while the driver empties the other. A
 * chunk belongs to the thread while it is not full, and to the driver from
 * the moment the thread marks it full until the driver marks it empty; the
 * mark is made under the mutex, which is all the two share.
 */
#include "prefetch.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PREFETCH_CHUNK (64 * 1024)
#define PREFETCH_MIN (4 * PREFETCH_CHUNK)

typedef struct {
	char *data;
	size_t len, off; /* bytes read; bytes the driver has taken */
	int err;         /* read()'s errno after the bytes, or 0 */
	bool eof;        /* the file ends after the bytes */
	bool full;       /* the driver's (under mu) */
} chunk;

struct prefetch {
	int fd;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	chunk c[2];
	int take;  /* the chunk the driver reads next */
	bool held; /* the driver holds c[take] (seen full) */
	bool stop; /* the driver is done: the thread ends (under mu) */
};

static void *reader(void *arg)
{
	prefetch *p = arg;
	for (int i = 0;; i ^= 1) {
		chunk *c = &p->c[i];
		pthread_mutex_lock(&p->mu);
		while (c->full && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		bool stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (stop)
			return NULL;
		size_t len = 0;
		int err = 0;
		bool eof = false;
		while (len < PREFETCH_CHUNK) {
			ssize_t n = read(p->fd, c->data + len, PREFETCH_CHUNK - len);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				err = errno;
				break;
			}
			if (n == 0) {
				eof = true;
				break;
			}
			len += (size_t)n;
		}
		pthread_mutex_lock(&p->mu);
		c->len = len;
		c->off = 0;
		c->err = err;
		c->eof = eof;
		c->full = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (err != 0 || eof)
			return NULL;
	}
}

prefetch *prefetch_start(int fd)
{
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < PREFETCH_MIN)
		return NULL;
	prefetch *p = calloc(1, sizeof *p);
	if (p == NULL)
		return NULL;
	p->fd = fd;
	p->c[0].data = malloc(PREFETCH_CHUNK);
	p->c[1].data = malloc(PREFETCH_CHUNK);
	bool made = false;
	if (p->c[0].data != NULL && p->c[1].data != NULL && pthread_mutex_init(&p->mu, NULL) == 0) {
		if (pthread_cond_init(&p->cv, NULL) == 0) {
			/* The thread takes no signal: they stay the driver's, as without it. */
			sigset_t all, old;
			sigfillset(&all);
			pthread_sigmask(SIG_SETMASK, &all, &old);
			made = pthread_create(&p->thread, NULL, reader, p) == 0;
			pthread_sigmask(SIG_SETMASK, &old, NULL);
			if (!made)
				pthread_cond_destroy(&p->cv);
		}
		if (!made)
			pthread_mutex_destroy(&p->mu);
	}
	if (!made) {
		free(p->c[0].data);
		free(p->c[1].data);
		free(p);
		return NULL; /* the driver reads the file itself */
	}
	return p;
}

ssize_t prefetch_read(prefetch *p, char *dst, size_t cap)
{
	for (;;) {
		chunk *c = &p->c[p->take];
		if (!p->held) {
			pthread_mutex_lock(&p->mu);
			while (!c->full)
				pthread_cond_wait(&p->cv, &p->mu);
			pthread_mutex_unlock(&p->mu);
			p->held = true;
		}
		if (c->off < c->len) {
			size_t n = c->len - c->off < cap ? c->len - c->off : cap;
			memcpy(dst, c->data + c->off, n);
			c->off += n;
			return (ssize_t)n;
		}
		if (c->err != 0) {
			errno = c->err;
			return -1;
		}
		if (c->eof)
			return 0;
		/* Taken whole: back to the thread, and on to the other chunk. */
		pthread_mutex_lock(&p->mu);
		c->full = false;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		p->held = false;
		p->take ^= 1;
	}
}

void prefetch_end(prefetch *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->c[0].data);
	free(p->c[1].data);
	free(p);
}
