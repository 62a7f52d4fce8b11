/*
 * cache.c - fetched rate tables on disk, one file per URL, written with
 * mkstemp + fsync + rename in the same directory so that no reader, and
 * no number of concurrent writers, ever sees a part of an entry.
 */
#include "sarraf/msg.h"

#include "i18n.h"
#include "sarraf/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sarraf/fetch.h"

#define CACHE_MAGIC "sarraf-cache 1\n"
/* The metadata lines may take this much room before the body. */
#define CACHE_HEAD_MAX 8192
/* The host part of an entry's file name is cut to this many bytes. */
#define CACHE_HOST_MAX 64

void cache_entry_init(cache_entry *e)
{
	e->url = NULL;
	e->fetched = 0;
	e->etag = NULL;
	e->last_modified = NULL;
	e->meta = NULL;
	e->body = NULL;
	e->len = 0;
}

void cache_entry_destroy(cache_entry *e)
{
	free(e->url);
	free(e->etag);
	free(e->last_modified);
	free(e->meta);
	free(e->body);
	cache_entry_init(e);
}

int cache_dir(char *out, size_t cap, const char *xdg, const char *home, char err[CACHE_ERR_MAX])
{
	int n;
	/* The XDG spec: a relative $XDG_CACHE_HOME is invalid and is ignored. */
	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(out, cap, "%s/sarraf", xdg);
	else if (home != NULL && home[0] == '/')
		n = snprintf(out, cap, "%s/.cache/sarraf", home);
	else {
		msg_set(err, CACHE_ERR_MAX, _("no cache directory: neither $XDG_CACHE_HOME nor $HOME is an absolute path"));
		return -1;
	}
	if (n < 0 || (size_t)n >= cap) {
		msg_set(err, CACHE_ERR_MAX, _("cache directory path too long"));
		return -1;
	}
	return 0;
}

/* 64-bit FNV-1a: a stable name per URL (a collision is caught by the URL kept inside). */
static uint64_t fnv1a(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

int cache_path(char *out, size_t cap, const char *dir, const char *url)
{
	char host[CACHE_HOST_MAX + 1];
	const char *p = strstr(url, "://");
	size_t n = 0;
	for (p = p != NULL ? p + 3 : url; *p && *p != '/' && *p != '?' && *p != '#' && n < CACHE_HOST_MAX;
	     p++) {
		char c = *p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		          c == '.' || c == '-';
		host[n++] = ok ? c : '_';
	}
	host[n] = '\0';
	int k = snprintf(out, cap, "%s/%s-%016llx", dir, n > 0 ? host : "url",
	                 (unsigned long long)fnv1a(url));
	return k < 0 || (size_t)k >= cap ? -1 : 0;
}

/* ---- reading --------------------------------------------------------------- */

/* Read a whole small file (at most max bytes) into a NUL-terminated buffer. */
static int read_all(int fd, size_t max, char **out, size_t *len, char err[CACHE_ERR_MAX])
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		msg_set(err, CACHE_ERR_MAX, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size < 0 || (unsigned long long)st.st_size > max) {
		msg_set(err, CACHE_ERR_MAX, _("not a cache entry (not a regular file, or too large)"));
		return -1;
	}
	size_t size = (size_t)st.st_size, n = 0;
	char *buf = malloc(size + 1);
	if (buf == NULL) {
		msg_set(err, CACHE_ERR_MAX, _("out of memory"));
		return -1;
	}
	while (n < size) {
		ssize_t r = read(fd, buf + n, size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			msg_set(err, CACHE_ERR_MAX, "%s", strerror(errno));
			free(buf);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static char *copy(const char *s, size_t n)
{
	char *c = malloc(n + 1);
	if (c != NULL) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

/* A whole number of at most 18 digits, nothing else. */
static bool whole_number(const char *s, size_t n, long long *out)
{
	long long v = 0;
	if (n == 0 || n > 18)
		return false;
	for (size_t k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return false;
		v = v * 10 + (s[k] - '0');
	}
	*out = v;
	return true;
}

/* The keys of the cache's own lines; any other line is a caller's (cache_entry.meta). */
static bool own_key(const char *k, size_t n)
{
	static const char *const keys[] = { "url", "fetched", "etag", "last-modified", "length" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strlen(keys[i]) == n && memcmp(keys[i], k, n) == 0)
			return true;
	return false;
}

/* Append line[0..n) and a newline to *meta. */
static bool append_line(char **meta, const char *line, size_t n)
{
	size_t have = *meta != NULL ? strlen(*meta) : 0;
	char *m = realloc(*meta, have + n + 2);
	if (m == NULL)
		return false;
	memcpy(m + have, line, n);
	m[have + n] = '\n';
	m[have + n + 1] = '\0';
	*meta = m;
	return true;
}

/* The metadata lines of buf[0..len) into e; the body must be exactly `length` bytes. */
static bool parse_entry(cache_entry *e, const char *buf, size_t len)
{
	size_t m = sizeof CACHE_MAGIC - 1;
	long long length = -1;
	bool have_fetched = false;
	if (len < m || memcmp(buf, CACHE_MAGIC, m) != 0)
		return false;
	const char *p = buf + m, *end = buf + len;
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return false;
		if (nl == p) { /* the blank line: the body follows */
			p = nl + 1;
			break;
		}
		const char *sp = memchr(p, ' ', (size_t)(nl - p));
		if (sp == NULL)
			return false;
		size_t klen = (size_t)(sp - p), vlen = (size_t)(nl - sp - 1);
		const char *v = sp + 1;
		char **field = NULL;
		if (klen == 3 && memcmp(p, "url", 3) == 0)
			field = &e->url;
		else if (klen == 4 && memcmp(p, "etag", 4) == 0)
			field = &e->etag;
		else if (klen == 13 && memcmp(p, "last-modified", 13) == 0)
			field = &e->last_modified;
		else if (klen == 7 && memcmp(p, "fetched", 7) == 0)
			have_fetched = whole_number(v, vlen, &e->fetched);
		else if (klen == 6 && memcmp(p, "length", 6) == 0 &&
		         !whole_number(v, vlen, &length))
			return false;
		else if (!own_key(p, klen) && klen > 0 && !append_line(&e->meta, p, (size_t)(nl - p)))
			return false;
		if (field != NULL) {
			free(*field);
			if ((*field = copy(v, vlen)) == NULL)
				return false;
		}
		p = nl + 1;
	}
	if (e->url == NULL || !have_fetched || length < 0 || (size_t)(end - p) != (size_t)length)
		return false;
	e->body = copy(p, (size_t)length);
	e->len = (size_t)length;
	return e->body != NULL;
}

int cache_read(cache_entry *e, const char *dir, const char *url, char err[CACHE_ERR_MAX])
{
	char path[CACHE_PATH_MAX];
	char *buf = NULL;
	size_t len = 0;

	cache_entry_destroy(e);
	if (cache_path(path, sizeof path, dir, url) != 0) {
		msg_set(err, CACHE_ERR_MAX, _("cache path too long"));
		return -1;
	}
	/* never blocks: a FIFO at an entry's path is refused by read_all (not a regular file) */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		msg_set(err, CACHE_ERR_MAX, _("cannot read cache entry %s: %s"), path, strerror(errno));
		return -1;
	}
	int rc = read_all(fd, FETCH_MAX_BYTES + CACHE_HEAD_MAX, &buf, &len, err);
	close(fd);
	if (rc != 0)
		return -1;
	bool ok = parse_entry(e, buf, len) && strcmp(e->url, url) == 0;
	free(buf);
	if (!ok) {
		cache_entry_destroy(e);
		msg_set(err, CACHE_ERR_MAX, _("cache entry %s is damaged or belongs to another URL"), path);
		return -1;
	}
	return 0;
}

/* ---- writing --------------------------------------------------------------- */

/* mkdir -p, with mode 0700 for what it creates. */
static int make_dirs(const char *dir, char err[CACHE_ERR_MAX])
{
	char path[CACHE_PATH_MAX];
	size_t n = strlen(dir);
	if (n >= sizeof path) {
		msg_set(err, CACHE_ERR_MAX, _("cache directory path too long"));
		return -1;
	}
	memcpy(path, dir, n + 1);
	for (size_t k = 1; k <= n; k++) {
		if (path[k] != '/' && path[k] != '\0')
			continue;
		char c = path[k];
		path[k] = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			msg_set(err, CACHE_ERR_MAX, _("cannot create cache directory %s: %s"), path, strerror(errno));
			return -1;
		}
		path[k] = c;
	}
	return 0;
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* A value that fits one metadata line: no line break, no control byte. */
static bool one_line(const char *s)
{
	for (; s != NULL && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return false;
	return true;
}

/* Lines "key value\n" of keys that are not the cache's own, nothing else (NULL: none). */
static bool meta_lines(const char *m)
{
	for (const char *p = m; p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n'), *sp = strchr(p, ' ');
		if (nl == NULL || sp == NULL || sp == p || sp > nl || own_key(p, (size_t)(sp - p)))
			return false;
		for (; p < nl; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7F)
				return false;
		p = nl + 1;
	}
	return true;
}

int cache_write(const char *dir, const cache_entry *e, char err[CACHE_ERR_MAX])
{
	char path[CACHE_PATH_MAX], tmp[CACHE_PATH_MAX + 16];
	char head[CACHE_HEAD_MAX];

	if (!one_line(e->url) || !one_line(e->etag) || !one_line(e->last_modified) || !meta_lines(e->meta)) {
		msg_set(err, CACHE_ERR_MAX, _("cannot cache: URL or validator holds a control character"));
		return -1;
	}
	int hn = snprintf(head, sizeof head, CACHE_MAGIC "url %s\nfetched %lld\n%s%s%s%s%s%s%slength %zu\n\n",
	                  e->url, e->fetched, e->etag ? "etag " : "", e->etag ? e->etag : "",
	                  e->etag ? "\n" : "", e->last_modified ? "last-modified " : "",
	                  e->last_modified ? e->last_modified : "", e->last_modified ? "\n" : "",
	                  e->meta ? e->meta : "", e->len);
	if (hn < 0 || (size_t)hn >= sizeof head || e->len > FETCH_MAX_BYTES) {
		msg_set(err, CACHE_ERR_MAX, _("cannot cache: entry too large"));
		return -1;
	}
	if (cache_path(path, sizeof path, dir, e->url) != 0) {
		msg_set(err, CACHE_ERR_MAX, _("cache path too long"));
		return -1;
	}
	if (make_dirs(dir, err) != 0)
		return -1;
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		msg_set(err, CACHE_ERR_MAX, _("cannot write in cache directory %s: %s"), dir, strerror(errno));
		return -1;
	}
	bool ok = write_all(fd, head, (size_t)hn) && write_all(fd, e->body, e->len) && fsync(fd) == 0;
	int saved = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (ok && rename(tmp, path) != 0) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		unlink(tmp);
		msg_set(err, CACHE_ERR_MAX, _("cannot write cache entry %s: %s"), path, strerror(saved));
		return -1;
	}
	/* The rename itself is made durable by syncing the directory (best effort). */
	int dfd = open(dir, O_RDONLY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	return 0;
}
