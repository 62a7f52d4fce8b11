/*
 * fetch.h - URL -> bytes in memory, with libcurl, and with limits: only
 * http and https (also after a redirect), at most FETCH_MAX_REDIRECTS
 * redirects, a connect and a total timeout, a body cap, status >= 400 an
 * error, TLS certificates always verified, compressed responses accepted,
 * proxy variables honoured (libcurl's http_proxy, https_proxy, no_proxy).
 *
 * libcurl is not linked: it is loaded with dlopen() on the first fetch, so
 * that a conversion that needs no network does not pay for loading it and
 * its TLS stack. The header <curl/curl.h> is used for types and constants
 * only.
 *
 * Nothing here prints: every failure is a one-line reason in the result,
 * without a "sarraf: " prefix and without the URL, e.g. "HTTP 404",
 * "timed out after 2 s", "response larger than 1 MiB".
 */
#ifndef SARRAF_FETCH_H
#define SARRAF_FETCH_H

#include <stdbool.h>
#include <stddef.h>

/* The largest body accepted: 1 MiB, as for a table file. */
#define FETCH_MAX_BYTES (1024u * 1024u)
#define FETCH_MAX_REDIRECTS 5
/* The default connect and total timeout. */
#define FETCH_DEFAULT_TIMEOUT_MS 10000L
/* The library loaded on first use. */
#define FETCH_LIBCURL "libcurl.so.4"
/* Room for a reason. */
#define FETCH_ERR_MAX 256
/* The longest ETag or Last-Modified value kept. */
#define FETCH_VALIDATOR_MAX 512

typedef struct {
	long timeout_ms;            /* connect and total; > 0 */
	const char *user_agent;     /* "sarraf/0.1.0" */
	const char *etag;           /* sent as If-None-Match; NULL for none */
	const char *last_modified;  /* sent as If-Modified-Since; NULL for none */
	const char *libcurl;        /* the library to load; NULL or "" for FETCH_LIBCURL */
} fetch_opts;

typedef enum {
	FETCH_OK = 0,        /* a 2xx response: body holds it */
	FETCH_NOT_MODIFIED,  /* a 304 to a conditional request: no body */
	FETCH_ERROR,         /* err says why */
} fetch_status;

typedef struct {
	char *body;            /* owned, NUL-terminated; NULL unless FETCH_OK */
	size_t len;
	long http_status;      /* the last response's status; 0 when there was none */
	bool unreachable;      /* the host could not be reached: no name, refused, timed out before a reply */
	char *etag;            /* owned; the response's ETag, NULL when none */
	char *last_modified;   /* owned; the response's Last-Modified, NULL when none */
	char err[FETCH_ERR_MAX];
} fetch_result;

void fetch_result_init(fetch_result *r);
/* Frees what the result owns and leaves it as after fetch_result_init. */
void fetch_result_destroy(fetch_result *r);

/* "host" or "host:port" of a URL (without user information), into out (cap bytes). */
void fetch_url_host(char *out, size_t cap, const char *url);

/* true when url starts with http:// or https:// (the only schemes fetched). */
bool fetch_url_allowed(const char *url);

/*
 * GET url into r (initialised with fetch_result_init; the caller destroys
 * it). The first call of the process loads libcurl, from o->libcurl, once
 * (pthread_once): later calls, from any thread, use that library whatever
 * o->libcurl says. When it could not be loaded the result is FETCH_ERROR
 * with the reason naming the library. Safe to call from several threads.
 */
fetch_status fetch_url(fetch_result *r, const char *url, const fetch_opts *o);

#endif
