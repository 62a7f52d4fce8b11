/*
 * test_fetch.c - fetch.c against a server of its own on 127.0.0.1 (a
 * forked child that answers by path): a body, 404, a conditional request
 * answered 304, a body over the cap, a timeout, a refused connection, and
 * the schemes allowed. Nothing leaves the machine.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sarraf/fetch.h"

static pid_t server;
static int port;

static void send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static void answer(int fd)
{
	char req[4096];
	size_t n = 0;
	while (n < sizeof req - 1) {
		ssize_t r = read(fd, req + n, sizeof req - 1 - n);
		if (r <= 0)
			return;
		n += (size_t)r;
		req[n] = '\0';
		if (strstr(req, "\r\n\r\n") != NULL)
			break;
	}
	char head[512];
	if (strncmp(req, "GET /ok ", 8) == 0) {
		const char *body = "{\"base\":\"USD\"}\n";
		snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\nETag: \"v1\"\r\n"
		                            "Connection: close\r\n\r\n", strlen(body));
		send_all(fd, head, strlen(head));
		send_all(fd, body, strlen(body));
	} else if (strncmp(req, "GET /etag ", 10) == 0 && strstr(req, "If-None-Match: \"v1\"") != NULL) {
		snprintf(head, sizeof head, "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n");
		send_all(fd, head, strlen(head));
	} else if (strncmp(req, "GET /big ", 9) == 0) {
		size_t len = FETCH_MAX_BYTES + 1024;
		char *body = malloc(len);
		if (body == NULL)
			return;
		memset(body, 'x', len);
		snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n", len);
		send_all(fd, head, strlen(head));
		send_all(fd, body, len);
		free(body);
	} else if (strncmp(req, "GET /slow ", 10) == 0) {
		sleep(3);
	} else {
		snprintf(head, sizeof head, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		send_all(fd, head, strlen(head));
	}
}

/* A socket bound to a free port of 127.0.0.1 (*p gets it), or -1. */
static int bound(int *p)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof a;
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(s, (struct sockaddr *)&a, &len) != 0) {
		if (s >= 0)
			close(s);
		return -1;
	}
	*p = ntohs(a.sin_port);
	return s;
}

static int start(void **state)
{
	(void)state;
	int s = bound(&port);
	if (s < 0 || listen(s, 16) != 0)
		return -1;
	server = fork();
	if (server < 0)
		return -1;
	if (server == 0) {
		alarm(60); /* never outlives the test by long */
		for (;;) {
			int c = accept(s, NULL, NULL);
			if (c < 0)
				continue;
			if (fork() == 0) {
				answer(c);
				shutdown(c, SHUT_RDWR);
				_exit(0);
			}
			close(c);
			while (waitpid(-1, NULL, WNOHANG) > 0)
				;
		}
	}
	close(s);
	return 0;
}

static int stop(void **state)
{
	(void)state;
	kill(server, SIGTERM);
	waitpid(server, NULL, 0);
	return 0;
}

static fetch_status get(fetch_result *r, const char *path, const char *etag, long timeout_ms)
{
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
	fetch_opts o = { .timeout_ms = timeout_ms, .user_agent = "sarraf-test", .etag = etag };
	fetch_result_init(r);
	return fetch_url(r, url, &o);
}

static void a_body_should_come_whole_with_its_validator(void **state)
{
	fetch_result r;
	(void)state;
	assert_int_equal(get(&r, "/ok", NULL, 5000), FETCH_OK);
	assert_int_equal(r.http_status, 200);
	assert_int_equal(r.len, strlen("{\"base\":\"USD\"}\n"));
	assert_string_equal(r.body, "{\"base\":\"USD\"}\n");
	assert_non_null(r.etag);
	assert_string_equal(r.etag, "\"v1\"");
	fetch_result_destroy(&r);
	assert_null(r.body);
}

static void a_404_should_be_an_error_with_its_status(void **state)
{
	fetch_result r;
	(void)state;
	assert_int_equal(get(&r, "/none", NULL, 5000), FETCH_ERROR);
	assert_int_equal(r.http_status, 404);
	assert_non_null(strstr(r.err, "404"));
	assert_false(r.unreachable); /* the server answered: it is reachable */
	assert_null(r.body);
	fetch_result_destroy(&r);
}

static void a_conditional_request_should_be_answered_not_modified(void **state)
{
	fetch_result r;
	(void)state;
	assert_int_equal(get(&r, "/etag", "\"v1\"", 5000), FETCH_NOT_MODIFIED);
	assert_null(r.body);
	fetch_result_destroy(&r);
}

static void a_body_over_the_cap_should_be_refused(void **state)
{
	fetch_result r;
	(void)state;
	assert_int_equal(get(&r, "/big", NULL, 5000), FETCH_ERROR);
	assert_null(r.body);
	assert_true(strlen(r.err) > 0);
	fetch_result_destroy(&r);
}

static void a_silent_server_should_time_out(void **state)
{
	fetch_result r;
	struct timespec t0, t1;
	(void)state;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(get(&r, "/slow", NULL, 300), FETCH_ERROR);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_non_null(strstr(r.err, "timed out"));
	assert_true(r.unreachable);
	assert_true(t1.tv_sec - t0.tv_sec < 3); /* gave up before the server's 3 s */
	fetch_result_destroy(&r);
}

static void a_refused_connection_should_say_so(void **state)
{
	fetch_result r;
	fetch_opts o = { .timeout_ms = 2000, .user_agent = "sarraf-test" };
	(void)state;
	/* a port just bound and closed again: nothing listens there */
	int closed, s = bound(&closed);
	assert_true(s >= 0);
	close(s);
	char url[64];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/r.json", closed);
	fetch_result_init(&r);
	assert_int_equal(fetch_url(&r, url, &o), FETCH_ERROR);
	assert_int_equal(r.http_status, 0);
	assert_true(r.unreachable);
	/* said once, with the host and port: not libcurl's words after ours */
	char want[64];
	snprintf(want, sizeof want, "cannot connect to 127.0.0.1:%d", closed);
	assert_string_equal(r.err, want);
	fetch_result_destroy(&r);
}

static void only_http_and_https_should_be_allowed(void **state)
{
	fetch_result r;
	fetch_opts o = { .timeout_ms = 1000, .user_agent = "sarraf-test" };
	(void)state;
	assert_true(fetch_url_allowed("http://127.0.0.1/x"));
	assert_true(fetch_url_allowed("https://nationalbank.kz/rss/get_rates.cfm"));
	assert_false(fetch_url_allowed("file:///etc/passwd"));
	assert_false(fetch_url_allowed("ftp://example.org/r.json"));
	assert_false(fetch_url_allowed("rates.json"));
	fetch_result_init(&r);
	assert_int_equal(fetch_url(&r, "file:///etc/passwd", &o), FETCH_ERROR);
	assert_null(r.body);
	fetch_result_destroy(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_body_should_come_whole_with_its_validator),
		cmocka_unit_test(a_404_should_be_an_error_with_its_status),
		cmocka_unit_test(a_conditional_request_should_be_answered_not_modified),
		cmocka_unit_test(a_body_over_the_cap_should_be_refused),
		cmocka_unit_test(a_silent_server_should_time_out),
		cmocka_unit_test(a_refused_connection_should_say_so),
		cmocka_unit_test(only_http_and_https_should_be_allowed),
	};
	return cmocka_run_group_tests(tests, start, stop);
}
