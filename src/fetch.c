/*
 * fetch.c - URL -> bytes in memory with libcurl, loaded on first use.
 *
 * Why dlopen: linking libcurl makes every start of sarraf load it and its
 * TLS stack (OpenSSL, nghttp2, libssh2, ...), several milliseconds that a
 * shell loop of conversions feels, while most runs never touch the network.
 * So the binary links none of it; the first fetch of the process dlopen()s
 * libcurl.so.4 (once for all threads) and looks up the nine functions it uses. <curl/curl.h> gives
 * the types and constants only (its ABI is stable across libcurl 7 and 8).
 *
 * Limits, whatever the server says: http and https only, also after a
 * redirect; at most FETCH_MAX_REDIRECTS redirects; the timeout covers the
 * connect and the whole transfer; a body past FETCH_MAX_BYTES is aborted
 * while it downloads; status >= 400 is an error; certificates are always
 * verified.
 */
#include "sarraf/msg.h"

#include "i18n.h"
#include "dl.h"
#include "sarraf/fetch.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

/* ---- libcurl, loaded on first use ---------------------------------------- */

/* libcurl 7.85 has CURLOPT_PROTOCOLS_STR, the protocol lists used below. */
#define FETCH_CURL_MIN_VERSION "7.85.0"

typedef struct {
	bool ok;
	char err[FETCH_ERR_MAX];
	CURLcode (*global_init)(long flags);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
	CURLcode (*easy_perform)(CURL *curl);
	CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *curl);
	const char *(*easy_strerror)(CURLcode code);
	struct curl_slist *(*slist_append)(struct curl_slist *list, const char *s);
	void (*slist_free_all)(struct curl_slist *list);
} curl_api;

/*
 * One per process: the library is loaded once and never unloaded (its TLS
 * stack has atexit hooks). The first fetch loads it under api_once, from
 * the path it was given; every later fetch, in any thread, uses that
 * library (or its failure), whatever path it names. pthread_once takes no
 * argument: the path reaches load_curl through api_file, which the calling
 * thread sets around the call.
 */
static curl_api api;
static pthread_once_t api_once = PTHREAD_ONCE_INIT;
static _Thread_local const char *api_file;

/* dlsym into a function pointer (POSIX guarantees the conversion works). */
#define LOOKUP(lib, field, name)                                                              \
	do {                                                                                      \
		if (!dl_sym(lib, name, &api.field, sizeof api.field, "libcurl", file, api.err, FETCH_ERR_MAX))  \
			return;                                                                           \
	} while (0)

static void load_curl(void)
{
	const char *file = api_file;
	void *lib = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		const char *why = dlerror();
		msg_set(api.err, FETCH_ERR_MAX, _("cannot load libcurl (%s): %s"), file, why != NULL ? why : _("not found"));
		return;
	}
	LOOKUP(lib, global_init, "curl_global_init");
	LOOKUP(lib, easy_init, "curl_easy_init");
	LOOKUP(lib, easy_setopt, "curl_easy_setopt");
	LOOKUP(lib, easy_perform, "curl_easy_perform");
	LOOKUP(lib, easy_getinfo, "curl_easy_getinfo");
	LOOKUP(lib, easy_cleanup, "curl_easy_cleanup");
	LOOKUP(lib, easy_strerror, "curl_easy_strerror");
	LOOKUP(lib, slist_append, "curl_slist_append");
	LOOKUP(lib, slist_free_all, "curl_slist_free_all");
	if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		msg_set(api.err, FETCH_ERR_MAX, _("cannot initialise libcurl (%s)"), file);
		return;
	}
	api.ok = true;
}

/* libcurl, loaded from file by the first call of the process: true when it is there. */
static bool curl_ready(const char *file)
{
	api_file = file;
	pthread_once(&api_once, load_curl);
	api_file = NULL;
	return api.ok;
}

/* ---- the transfer ---------------------------------------------------------- */

typedef struct {
	fetch_result *r;
	size_t cap;
	bool too_large;
} transfer;

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
	transfer *x = userp;
	fetch_result *r = x->r;
	size_t n = size * nmemb;
	if (n > FETCH_MAX_BYTES - r->len) {
		x->too_large = true;
		return 0; /* libcurl aborts with CURLE_WRITE_ERROR */
	}
	if (r->len + n + 1 > x->cap) {
		size_t cap = x->cap == 0 ? 16384 : x->cap;
		while (cap < r->len + n + 1)
			cap *= 2;
		if (cap > FETCH_MAX_BYTES + 1)
			cap = FETCH_MAX_BYTES + 1;
		char *b = realloc(r->body, cap);
		if (b == NULL)
			return 0;
		r->body = b;
		x->cap = cap;
	}
	memcpy(r->body + r->len, data, n);
	r->len += n;
	r->body[r->len] = '\0';
	return n;
}

/* A copy of a header's value without the blanks around it; NULL when odd or too long. */
static char *header_value(const char *v, size_t n)
{
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n == 0 || n > FETCH_VALIDATOR_MAX)
		return NULL;
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)v[k] < 0x20 || v[k] == 0x7F)
			return NULL;
	char *s = malloc(n + 1);
	if (s != NULL) {
		memcpy(s, v, n);
		s[n] = '\0';
	}
	return s;
}

/* The validators of the last response (a redirect's headers come first, and are forgotten). */
static size_t on_header(char *data, size_t size, size_t nmemb, void *userp)
{
	fetch_result *r = ((transfer *)userp)->r;
	size_t n = size * nmemb;
	static const char etag[] = "etag:", lm[] = "last-modified:";
	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(r->etag);
		free(r->last_modified);
		r->etag = r->last_modified = NULL;
	} else if (n > sizeof etag - 1 && strncasecmp(data, etag, sizeof etag - 1) == 0) {
		free(r->etag);
		r->etag = header_value(data + sizeof etag - 1, n - (sizeof etag - 1));
	} else if (n > sizeof lm - 1 && strncasecmp(data, lm, sizeof lm - 1) == 0) {
		free(r->last_modified);
		r->last_modified = header_value(data + sizeof lm - 1, n - (sizeof lm - 1));
	}
	return n;
}

/* "2 s", "0.5 s": a timeout in milliseconds as the user wrote it in seconds. */
static void seconds_text(char buf[32], long ms)
{
	if (ms % 1000 == 0)
		snprintf(buf, 32, "%ld s", ms / 1000);
	else
		snprintf(buf, 32, "%ld.%03ld s", ms / 1000, ms % 1000);
	/* 0.500 s -> 0.5 s */
	char *p = strchr(buf, '.');
	if (p != NULL) {
		char *s = strchr(p, ' ');
		while (s[-1] == '0') {
			memmove(s - 1, s, strlen(s) + 1);
			s--;
		}
	}
}

void fetch_url_host(char *out, size_t cap, const char *url)
{
	const char *p = strstr(url, "://");
	p = p != NULL ? p + 3 : url;
	const char *at = strpbrk(p, "@/?#");
	if (at != NULL && *at == '@')
		p = at + 1;
	size_t n = strcspn(p, "/?#");
	snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), p);
}

/*
 * CURLcode -> the reason a user can act on, in words of our own where
 * libcurl's would only repeat them ("cannot resolve host: Could not resolve
 * host: X" is said once, translated, with the host).
 */
static void reason(char err[FETCH_ERR_MAX], CURLcode rc, const transfer *x, const char *detail,
                   long timeout_ms, const char *url)
{
	char host[256];
	fetch_url_host(host, sizeof host, url);
	char secs[32];
	const char *d = detail[0] != '\0' ? detail : api.easy_strerror(rc);
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		seconds_text(secs, timeout_ms);
		msg_set(err, FETCH_ERR_MAX, _("timed out after %s"), secs);
		break;
	case CURLE_COULDNT_CONNECT:
		msg_set(err, FETCH_ERR_MAX, _("cannot connect to %s"), host);
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		msg_set(err, FETCH_ERR_MAX, _("cannot resolve host %s"), host);
		break;
	case CURLE_COULDNT_RESOLVE_PROXY:
		msg_set(err, FETCH_ERR_MAX, _("cannot resolve the proxy: %s"), d);
		break;
	case CURLE_HTTP_RETURNED_ERROR:
		msg_set(err, FETCH_ERR_MAX, _("HTTP %ld"), x->r->http_status);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		msg_set(err, FETCH_ERR_MAX, _("more than %d redirects"), FETCH_MAX_REDIRECTS);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		msg_set(err, FETCH_ERR_MAX, _("not an http or https URL (also after a redirect): %s"), d);
		break;
	case CURLE_FILESIZE_EXCEEDED:
		msg_set(err, FETCH_ERR_MAX, _("response larger than 1 MiB"));
		break;
	case CURLE_WRITE_ERROR:
		msg_set(err, FETCH_ERR_MAX, "%s", x->too_large ? _("response larger than 1 MiB") : _("out of memory"));
		break;
	case CURLE_PARTIAL_FILE:
		msg_set(err, FETCH_ERR_MAX, _("truncated response: %s"), d);
		break;
	case CURLE_GOT_NOTHING:
		msg_set(err, FETCH_ERR_MAX, _("empty reply from the server"));
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		msg_set(err, FETCH_ERR_MAX, _("bad compressed response: %s"), d);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
		msg_set(err, FETCH_ERR_MAX, _("TLS failure: %s"), d);
		break;
	default:
		msg_set(err, FETCH_ERR_MAX, "%s", d);
		break;
	}
}

void fetch_result_init(fetch_result *r)
{
	r->body = NULL;
	r->len = 0;
	r->http_status = 0;
	r->unreachable = false;
	r->etag = NULL;
	r->last_modified = NULL;
	r->err[0] = '\0';
}

void fetch_result_destroy(fetch_result *r)
{
	free(r->body);
	free(r->etag);
	free(r->last_modified);
	fetch_result_init(r);
}

bool fetch_url_allowed(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

/* Every option is set or the fetch is refused: a limit that did not take is no limit. */
#define SET(opt, val)                                                               \
	do {                                                                            \
		if ((rc = api.easy_setopt(curl, opt, val)) != CURLE_OK) {                   \
			msg_set(r->err, FETCH_ERR_MAX, _("libcurl refused option %s (libcurl %s or later needed)"), \
			        #opt, FETCH_CURL_MIN_VERSION);                                  \
			goto out;                                                               \
		}                                                                           \
	} while (0)

fetch_status fetch_url(fetch_result *r, const char *url, const fetch_opts *o)
{
	fetch_status st = FETCH_ERROR;
	CURLcode rc;
	struct curl_slist *headers = NULL;
	char detail[CURL_ERROR_SIZE];
	char line[FETCH_VALIDATOR_MAX + 32];
	transfer x = { r, 0, false };

	fetch_result_destroy(r);
	if (!fetch_url_allowed(url)) {
		msg_set(r->err, FETCH_ERR_MAX, _("not an http or https URL"));
		return FETCH_ERROR;
	}
	if (!curl_ready(o->libcurl != NULL && o->libcurl[0] != '\0' ? o->libcurl : FETCH_LIBCURL)) {
		snprintf(r->err, sizeof r->err, "%s", api.err);
		return FETCH_ERROR;
	}
	CURL *curl = api.easy_init();
	if (curl == NULL) {
		msg_set(r->err, FETCH_ERR_MAX, _("cannot start a libcurl transfer"));
		return FETCH_ERROR;
	}
	bool conditional = false;
	if (o->etag != NULL && strlen(o->etag) <= FETCH_VALIDATOR_MAX) {
		snprintf(line, sizeof line, "If-None-Match: %s", o->etag);
		struct curl_slist *h = api.slist_append(headers, line);
		conditional = h != NULL;
		headers = h != NULL ? h : headers;
	}
	if (o->last_modified != NULL && strlen(o->last_modified) <= FETCH_VALIDATOR_MAX) {
		snprintf(line, sizeof line, "If-Modified-Since: %s", o->last_modified);
		struct curl_slist *h = api.slist_append(headers, line);
		conditional = conditional || h != NULL;
		headers = h != NULL ? h : headers;
	}
	detail[0] = '\0';
	SET(CURLOPT_URL, url);
	SET(CURLOPT_ERRORBUFFER, detail);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
	SET(CURLOPT_CONNECTTIMEOUT_MS, o->timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, o->timeout_ms);
	SET(CURLOPT_FAILONERROR, 1L);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_ACCEPT_ENCODING, ""); /* every encoding this libcurl decodes */
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)FETCH_MAX_BYTES);
	SET(CURLOPT_USERAGENT, o->user_agent != NULL ? o->user_agent : "sarraf");
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, &x);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, &x);
	if (headers != NULL)
		SET(CURLOPT_HTTPHEADER, headers);

	rc = api.easy_perform(curl);
	api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->http_status);
	if (rc != CURLE_OK) {
		reason(r->err, rc, &x, detail, o->timeout_ms, url);
		/* nothing came from the host at all: it cannot be reached (tables.h: not asked again) */
		r->unreachable = r->http_status == 0 &&
		                 (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT ||
		                  rc == CURLE_COULDNT_RESOLVE_PROXY || rc == CURLE_OPERATION_TIMEDOUT);
	} else if (r->http_status == 304 && conditional) {
		st = FETCH_NOT_MODIFIED;
	} else if (r->http_status == 304) {
		msg_set(r->err, FETCH_ERR_MAX, _("the server answered 304 Not Modified without being asked"));
	} else if (r->http_status < 200 || r->http_status > 299) {
		msg_set(r->err, FETCH_ERR_MAX, _("HTTP %ld"), r->http_status);
	} else {
		if (r->body == NULL) {
			r->body = malloc(1); /* an empty body is still a body */
			if (r->body == NULL) {
				msg_set(r->err, FETCH_ERR_MAX, _("out of memory"));
				goto out;
			}
			r->body[0] = '\0';
		}
		st = FETCH_OK;
	}
out:
	api.easy_cleanup(curl);
	api.slist_free_all(headers);
	if (st != FETCH_OK) {
		free(r->body);
		r->body = NULL;
		r->len = 0;
	}
	return st;
}
