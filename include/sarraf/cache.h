/*
 * cache.h - the copies of fetched rate tables on disk: one file per URL,
 * holding the body and its metadata (URL, fetch time, ETag,
 * Last-Modified), written atomically.
 *
 * Apart from fetch.h on purpose: reading a cached table is the fast path
 * of every conversion from a URL, and it must not need libcurl; it is
 * plain file I/O that the unit tests check without a server.
 *
 * An entry is one file, so that body and metadata always change together:
 *
 *   sarraf-cache 1\n
 *   url http://example.org/latest/USD\n
 *   fetched 1767312151\n             seconds since the epoch (also after a 304)
 *   etag "abc"\n                     optional
 *   last-modified Fri, 02 Jan ...\n  optional
 *   receipt ...\n                   optional: more lines that the cache keeps
 *                                    for its callers (cache_entry.meta)
 *   length 1234\n
 *   \n
 *   <exactly length bytes of body>
 *
 * Writes go to a temporary file in the same directory (mkstemp), which is
 * fsync'ed and then renamed over the entry: a reader sees the old entry or
 * the new one, never a part, whatever number of processes write at once.
 * Nothing here prints; errors are one line in err.
 */
#ifndef SARRAF_CACHE_H
#define SARRAF_CACHE_H

#include <stddef.h>

#define CACHE_ERR_MAX 256
/* Room for an entry's path. */
#define CACHE_PATH_MAX 4096

typedef struct {
	char *url;             /* owned */
	long long fetched;     /* seconds since the epoch */
	char *etag;            /* owned; NULL when none */
	char *last_modified;   /* owned; NULL when none */
	char *body;            /* owned, NUL-terminated */
	size_t len;
	char *meta;            /* owned; NULL when none: more metadata lines, each "key value\n",
	                          a key of its caller's (archive.h's receipts), kept in order */
} cache_entry;

void cache_entry_init(cache_entry *e);
/* Frees what the entry owns and leaves it as after cache_entry_init. */
void cache_entry_destroy(cache_entry *e);

/*
 * The cache directory: xdg/sarraf when xdg (the value of $XDG_CACHE_HOME)
 * is an absolute path, else home/.cache/sarraf. Returns 0, or -1 when
 * neither gives a directory.
 */
int cache_dir(char *out, size_t cap, const char *xdg, const char *home, char err[CACHE_ERR_MAX]);

/*
 * The entry's file for url in dir: "<host>-<16 hex digits of a hash of the
 * URL>" (the URL itself is stored in the entry and checked on reading).
 */
int cache_path(char *out, size_t cap, const char *dir, const char *url);

/*
 * Read url's entry from dir into e (initialised; the caller destroys it).
 * Returns 0, 1 when there is no entry, or -1 with err set when the entry
 * cannot be read or is not a whole entry for this URL.
 */
int cache_read(cache_entry *e, const char *dir, const char *url, char err[CACHE_ERR_MAX]);

/*
 * Write e atomically as the entry of e->url in dir, creating the directory
 * (mode 0700) when needed. Returns 0, or -1 with err set (nothing changed).
 */
int cache_write(const char *dir, const cache_entry *e, char err[CACHE_ERR_MAX]);

#endif
