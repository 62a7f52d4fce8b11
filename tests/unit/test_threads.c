/*
 * test_threads.c - the core from two threads at once, each with its own
 * context, settings and cache folder: the embedded table, tables written
 * as files (native JSON, a feed's JSON, the banks' XML), a URL and the
 * official table fetched from a server in this process (libcurl and
 * libxml2 each loaded once, by whichever thread comes first), then a set
 * of conversions. Each thread must give what one thread alone gives.
 * Built with -fsanitize=thread by make tsan, where a data race fails the
 * run; and without, by make unit, where the answers are still checked.
 *
 * The assertions are made in the main thread only (cmocka is not thread
 * safe): the workers write what they got into a buffer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sarraf/context.h"
#include "ctx.h"
#include "sarraf/convert.h"
#include "sarraf/load.h"
#include "sarraf/tables.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FIX "tests/fixtures/official/"
/* The work of each thread, done this many times (the second time from the cache). */
#define ROUNDS 2

static char *temp_dir(char dir[64])
{
	snprintf(dir, 64, "/tmp/sarraf-threads-test-XXXXXX");
	return mkdtemp(dir);
}

static void remove_tree(const char *dir)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* ---- a server of the fixtures, in this process ------------------------------------------- */

/*
 * GET /official/NAME[?...] answers the file FIX NAME; GET /quit stops the
 * server. One connection at a time, each closed after its answer.
 */
typedef struct {
	int fd;
	int port;
	pthread_t thread;
} server;

static void send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* Answers one request; false for /quit. */
static bool answer(int c)
{
	char req[4096], path[256], head[256], err[LOAD_ERR_MAX];
	size_t n = 0;
	while (n < sizeof req - 1) {
		ssize_t r = recv(c, req + n, sizeof req - 1 - n, 0);
		if (r <= 0)
			break;
		n += (size_t)r;
		req[n] = '\0';
		if (strstr(req, "\r\n\r\n") != NULL)
			break;
	}
	req[n] = '\0';
	if (strncmp(req, "GET /quit ", 10) == 0)
		return false;
	char *body = NULL;
	size_t len = 0;
	const char *name = strncmp(req, "GET /official/", 14) == 0 ? req + 14 : NULL;
	size_t k = 0;
	while (name != NULL && name[k] != ' ' && name[k] != '?' && name[k] != '\0' && name[k] != '/' &&
	       k < 64)
		k++;
	if (name != NULL && k > 0 && name[k] != '/' && name[0] != '.') {
		snprintf(path, sizeof path, FIX "%.*s", (int)k, name);
		if (load_read_file(path, &body, &len, err) != 0)
			body = NULL;
	}
	if (body == NULL) {
		static const char missing[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
		send_all(c, missing, sizeof missing - 1);
	} else {
		int hn = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n"
		                  "Connection: close\r\n\r\n", len);
		send_all(c, head, (size_t)hn);
		send_all(c, body, len);
		free(body);
	}
	return true;
}

static void *serve(void *arg)
{
	server *s = arg;
	for (;;) {
		int c = accept(s->fd, NULL, NULL);
		if (c < 0 && errno == EINTR)
			continue;
		if (c < 0)
			return NULL;
		bool more = answer(c);
		close(c);
		if (!more)
			return NULL;
	}
}

/*
 * A socket bound to a free port of 127.0.0.1, listening or not; -1 where
 * there is no loopback (a build without a network, as some package builders
 * run).
 */
static int bound_socket(int *port, bool listening)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &alen) != 0 || (listening && listen(fd, 16) != 0)) {
		close(fd);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return fd;
}

/* A connection to 127.0.0.1:port that sends text (may be NULL); false when it cannot connect. */
static bool knock(int port, const char *text)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return false;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	bool ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
	if (ok && text != NULL)
		send_all(fd, text, strlen(text));
	close(fd);
	return ok;
}

/*
 * false (and port 0) when there is no loopback to serve on. The listening
 * socket takes a first connection before the server runs: it shows that
 * the network is there (the server then reads it as an empty request).
 */
static bool server_start(server *s)
{
	s->port = 0;
	s->fd = bound_socket(&s->port, true);
	if (s->fd >= 0 && !knock(s->port, NULL)) {
		close(s->fd);
		s->fd = -1;
	}
	if (s->fd < 0) {
		s->port = 0;
		return false;
	}
	assert_int_equal(pthread_create(&s->thread, NULL, serve, s), 0);
	return true;
}

static void server_stop(server *s)
{
	if (s->fd < 0)
		return;
	assert_true(knock(s->port, "GET /quit HTTP/1.0\r\n\r\n"));
	assert_int_equal(pthread_join(s->thread, NULL), 0);
	close(s->fd);
}

/* ---- the work of one thread ----------------------------------------------------------------- */

typedef struct {
	int port;            /* the server's; 0: none, the sources on the network are left out */
	char dir[64];        /* the job's own folder: its files and its cache */
	char *out;           /* what it got, as text */
	size_t len, cap;
	int failures;        /* loads that failed, conversions that did not fit */
} job;

__attribute__((format(printf, 2, 3)))
static void put(job *j, const char *fmt, ...)
{
	va_list ap;
	char line[512];
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	size_t m = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
	if (j->len + m + 1 > j->cap) {
		size_t cap = j->cap == 0 ? 65536 : j->cap * 2;
		while (cap < j->len + m + 1)
			cap *= 2;
		char *p = realloc(j->out, cap);
		if (p == NULL) {
			j->failures++;
			return;
		}
		j->out = p;
		j->cap = cap;
	}
	memcpy(j->out + j->len, line, m + 1);
	j->len += m;
}

/* s with the job's folder written DIR (each job has its own), into buf. */
static const char *unfolder(char buf[512], const job *j, const char *s)
{
	size_t n = 0, d = strlen(j->dir);
	while (*s != '\0' && n < 500) {
		if (strncmp(s, j->dir, d) == 0) {
			memcpy(buf + n, "DIR", 3);
			n += 3;
			s += d;
		} else {
			buf[n++] = *s++;
		}
	}
	buf[n] = '\0';
	return buf;
}

static void keep_warning(void *ctx, const char *line)
{
	char buf[512];
	put(ctx, "warning: %s\n", unfolder(buf, ctx, line));
}

static bool write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f == NULL)
		return false;
	bool ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok;
}

/* Every amount between every two currencies of t, at two precisions. */
static void convert_all(job *j, const rates_table *t)
{
	static const char *const amounts[] = { "1", "100", "12.50", "-7.125", "0.005", "1000000",
		                                   "123456789.123456789" };
	static const int precisions[] = { 2, 6 };
	char codes[64][4], buf[DEC_STRING_MAX];
	size_t n = 0;
	memcpy(codes[n++], t->base, 4);
	for (size_t k = 0; k < t->count && n < COUNT(codes); k++)
		memcpy(codes[n++], t->quotes[k].code, 4);
	for (size_t f = 0; f < n; f++)
		for (size_t g = 0; g < n; g++) {
			rates_value from, to;
			if (f == g || !rates_value_of(t, codes[f], &from) || !rates_value_of(t, codes[g], &to)) {
				if (f != g)
					j->failures++;
				continue;
			}
			conv_pair p;
			conv_pair_init(&p, &from, &to);
			for (size_t a = 0; a < COUNT(amounts); a++)
				for (size_t q = 0; q < COUNT(precisions); q++) {
					conv_ctx cc = { precisions[q], DEC_ROUND_HALF_EVEN };
					dec_t amount;
					dec_int r;
					if (dec_parse_cstr(&amount, amounts[a]) != DEC_OK ||
					    conv_apply(&r, &amount, &p, &cc) != CONV_OK ||
					    dec_format(buf, sizeof buf, r, precisions[q]) <= 0) {
						put(j, "%s %s %s: out of range\n", amounts[a], codes[f], codes[g]);
						continue;
					}
					put(j, "%s %s %s %s\n", amounts[a], codes[f], codes[g], buf);
				}
		}
}

static void *run_job(void *arg)
{
	job *j = arg;
	char cache[128], native[128], erapi[128], err[TABLES_MSG_MAX], buf[512];
	char nbk[160], nbkr[160], weekly[160], nbt[160], cbu[160], cbu_url[160];
	const char *u = "http://127.0.0.1";
	snprintf(cache, sizeof cache, "%s/cache", j->dir);
	snprintf(native, sizeof native, "%s/native.json", j->dir);
	snprintf(erapi, sizeof erapi, "%s/er-api.json", j->dir);
	snprintf(nbk, sizeof nbk, "%s:%d/official/nbk.xml?fdate=01.04.2026", u, j->port);
	snprintf(nbkr, sizeof nbkr, "%s:%d/official/nbkr-daily.xml", u, j->port);
	snprintf(weekly, sizeof weekly, "%s:%d/official/nbkr-weekly.xml", u, j->port);
	snprintf(nbt, sizeof nbt, "%s:%d/official/nbt.xml?date=2026-04-01&export=xmlout", u, j->port);
	snprintf(cbu, sizeof cbu, "%s:%d/official/cbu.json", u, j->port);
	snprintf(cbu_url, sizeof cbu_url, "%s:%d/official/cbu.json?as-a-table", u, j->port);
	if (!write_file(native, "{\"base\": \"USD\", \"date\": \"2026-04-01\", \"quotes\": {\"KZT/USD\": "
	                "\"0.00192\", \"USD/UZS\": \"12850.50\", \"EUR/USD\": \"1.0831\"}}\n") ||
	    !write_file(erapi, "{\"base_code\": \"USD\", \"time_last_update_utc\": \"Wed, 01 Apr 2026 "
	                "00:00:01 +0000\", \"rates\": {\"USD\": 1, \"KZT\": 505.12, \"RUB\": 81.5}}\n")) {
		j->failures++;
		return NULL;
	}
	sarraf_settings set = {
		.cache_dir = cache, .libcurl = "libcurl.so.4", .libxml2 = "libxml2.so.2", .tmt_peg = "3.02",
		.feed_urls = { { "nbk", nbk }, { "nbkr", nbkr }, { "nbkr-weekly", weekly }, { "nbt", nbt },
		               { "cbu", cbu } },
	};
	/* Each source, and the label it is known by in the output (the paths differ per job). */
	const struct {
		const char *label, *source;
		bool network;
	} sources[] = {
		{ "embedded", NULL, false },
		{ "native.json", native, false },
		{ "er-api.json", erapi, false },
		{ "nbk.xml", FIX "nbk.xml", false },
		{ "nbkr-daily.xml", FIX "nbkr-daily.xml", false },
		{ "nbt.xml", FIX "nbt.xml", false },
		{ "cbu.json", FIX "cbu.json", false },
		{ "a URL", cbu_url, true },
		{ "official", "official", true },
		{ "official:nbkr", "official:nbkr", true },
	};
	sarraf_ctx *ctx = sarraf_ctx_new();
	if (ctx == NULL) {
		j->failures++;
		return NULL;
	}
	tables_opts o = { .max_age = TABLES_DEFAULT_MAX_AGE, .timeout_ms = 5000, .user_agent = "sarraf-test",
		              .warn = { keep_warning, j }, .settings = &set, .ctx = ctx };
	for (int round = 0; round < ROUNDS; round++)
		for (size_t k = 0; k < COUNT(sources); k++) {
			if (sources[k].network && j->port == 0)
				continue;
			rates_table t;
			tables_report rep;
			rates_init(&t);
			if (tables_load(&t, sources[k].source, &o, &rep, err) != 0) {
				put(j, "%s: cannot load: %s\n", sources[k].label, unfolder(buf, j, err));
				j->failures++;
				continue;
			}
			put(j, "%s: base %s, date %s, source %s, %zu quotes\n", sources[k].label, t.base,
			    t.date ? t.date : "-", t.source ? unfolder(buf, j, t.source) : "-", t.count);
			convert_all(j, &t);
			rates_destroy(&t);
		}
	sarraf_ctx_free(ctx);
	return NULL;
}

static void job_init(job *j, int port)
{
	memset(j, 0, sizeof *j);
	j->port = port;
	assert_non_null(temp_dir(j->dir));
}

static void job_destroy(job *j)
{
	remove_tree(j->dir);
	free(j->out);
}

/* ---- the tests ------------------------------------------------------------------------------ */

/* got is want, else the first line where they part is named. */
static void expect_same(const char *who, const char *got, const char *want)
{
	size_t k = 0, line = 1, start = 0;
	while (got[k] != '\0' && got[k] == want[k]) {
		if (got[k] == '\n') {
			line++;
			start = k + 1;
		}
		k++;
	}
	if (got[k] == want[k])
		return;
	int gn = (int)strcspn(got + start, "\n"), wn = (int)strcspn(want + start, "\n");
	fail_msg("%s, line %zu: '%.*s', where one thread alone got '%.*s'", who, line, gn, got + start, wn,
	         want + start);
}

static void two_threads_should_answer_as_one(void **state)
{
	server s;
	job alone, a, b;
	pthread_t ta, tb;
	(void)state;
	if (!server_start(&s))
		print_message("no loopback: the URL and the official table are left out\n");
	job_init(&alone, s.port);
	job_init(&a, s.port);
	job_init(&b, s.port);

	/* Both threads start together: libcurl and libxml2 are loaded by whichever comes first. */
	assert_int_equal(pthread_create(&ta, NULL, run_job, &a), 0);
	assert_int_equal(pthread_create(&tb, NULL, run_job, &b), 0);
	assert_int_equal(pthread_join(ta, NULL), 0);
	assert_int_equal(pthread_join(tb, NULL), 0);
	run_job(&alone);
	server_stop(&s);

	if (alone.failures != 0)
		fail_msg("one thread: %d failures:\n%.2000s", alone.failures, alone.out ? alone.out : "");
	assert_int_equal(a.failures, 0);
	assert_int_equal(b.failures, 0);
	assert_non_null(alone.out);
	/* Each source was read, and the official table took its peg from the settings. */
	assert_non_null(strstr(alone.out, "nbkr-daily.xml: base KGS, date 2026-04-01"));
	if (s.port != 0) {
		assert_non_null(strstr(alone.out, "official: base USD, date 2026-04-01"));
		assert_non_null(strstr(alone.out, "\n1 USD TMT 3.02\n"));
		assert_non_null(strstr(alone.out, "a URL: base UZS, date 2026-04-01"));
	}
	assert_non_null(a.out);
	assert_non_null(b.out);
	expect_same("thread 1", a.out, alone.out);
	expect_same("thread 2", b.out, alone.out);
	job_destroy(&alone);
	job_destroy(&a);
	job_destroy(&b);
}

/*
 * One context spaces two requests to one host by TABLES_PAUSE_MS (a
 * refused connection, to an address that is not taken for a mirror on this
 * machine); the pause is the context's, so a new context starts afresh.
 */
static void a_context_should_space_requests_to_one_host(void **state)
{
	int port;
	char url[64], err[TABLES_MSG_MAX];
	(void)state;
	int fd = bound_socket(&port, false); /* taken, not listening: connections are refused */
	if (fd < 0)
		skip(); /* no loopback */
	snprintf(url, sizeof url, "http://0.0.0.0:%d/rates.json", port);
	sarraf_ctx *ctx = sarraf_ctx_new();
	assert_non_null(ctx);
	tables_opts o = { .max_age = 0, .timeout_ms = 2000, .user_agent = "sarraf-test", .ctx = ctx };
	rates_table t;
	tables_report rep;
	rates_init(&t);
	/* the pause: two requests to one host through one context are TABLES_PAUSE_MS apart */
	double t0 = now_ms();
	ctx_pause(ctx, "example.org", TABLES_PAUSE_MS);
	ctx_pause(ctx, "example.org", TABLES_PAUSE_MS);
	double both = now_ms() - t0;
	if (both < TABLES_PAUSE_MS - 1)
		fail_msg("two requests in %.1f ms, without the pause of %d ms", both, TABLES_PAUSE_MS);
	/* a host that refused is remembered: the second load makes no request and names it */
	assert_int_equal(tables_load(&t, url, &o, &rep, err), -1);
	assert_int_equal(rep.requests, 1);
	assert_true(strstr(rep.unreachable, "0.0.0.0") != NULL);
	assert_int_equal(tables_load(&t, url, &o, &rep, err), -1);
	assert_int_equal(rep.requests, 0);
	assert_true(strstr(rep.unreachable, "0.0.0.0") != NULL);
	assert_non_null(strstr(err, "could not be reached earlier in this run"));
	/* another context has not heard of it */
	sarraf_ctx *other = sarraf_ctx_new();
	o.ctx = other;
	assert_int_equal(tables_load(&t, url, &o, &rep, err), -1);
	assert_int_equal(rep.requests, 1);
	sarraf_ctx_free(other);
	sarraf_ctx_free(ctx);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_threads_should_answer_as_one),
		cmocka_unit_test(a_context_should_space_requests_to_one_host),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
