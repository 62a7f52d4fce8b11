/*
 * test_cache.c - the cache on disk: where it lives, entries read back as
 * written, damaged or foreign entries refused, writes atomic (no temporary
 * file left), and the CLI layer's parsing of --max-age and --timeout.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sarraf/cache.h"
#include "sarraf/fetch.h"
#include "sarraf/tables.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char *temp_dir(void)
{
	static char dir[64];
	snprintf(dir, sizeof dir, "/tmp/sarraf-cache-test-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void remove_tree(const char *dir)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static size_t files_in(const char *dir)
{
	size_t n = 0;
	DIR *d = opendir(dir);
	if (d == NULL)
		return 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void cache_dir_should_follow_xdg_then_home(void **state)
{
	char out[CACHE_PATH_MAX], err[CACHE_ERR_MAX];
	(void)state;
	assert_int_equal(cache_dir(out, sizeof out, "/x/cache", "/home/u", err), 0);
	assert_string_equal(out, "/x/cache/sarraf");
	assert_int_equal(cache_dir(out, sizeof out, NULL, "/home/u", err), 0);
	assert_string_equal(out, "/home/u/.cache/sarraf");
	/* a relative or empty $XDG_CACHE_HOME is ignored, as the XDG spec says */
	assert_int_equal(cache_dir(out, sizeof out, "rel/cache", "/home/u", err), 0);
	assert_string_equal(out, "/home/u/.cache/sarraf");
	assert_int_equal(cache_dir(out, sizeof out, "", "/home/u", err), 0);
	assert_string_equal(out, "/home/u/.cache/sarraf");
	assert_int_equal(cache_dir(out, sizeof out, NULL, NULL, err), -1);
	assert_non_null(strstr(err, "no cache directory"));
	assert_int_equal(cache_dir(out, 8, "/x/cache", NULL, err), -1);
}

static void cache_path_should_name_the_host_and_differ_per_url(void **state)
{
	char a[CACHE_PATH_MAX], b[CACHE_PATH_MAX];
	(void)state;
	assert_int_equal(cache_path(a, sizeof a, "/c", "https://open.er-api.com/v6/latest/USD"), 0);
	assert_int_equal(strncmp(a, "/c/open.er-api.com-", 19), 0);
	assert_int_equal(strlen(a), 19 + 16);
	assert_int_equal(cache_path(b, sizeof b, "/c", "https://open.er-api.com/v6/latest/EUR"), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(cache_path(a, sizeof a, "/c", "http://user:pw@h:80/x"), 0);
	assert_int_equal(strncmp(a, "/c/user_pw_h_80-", 16), 0);
}

static void entries_should_read_back_as_written(void **state)
{
	static const struct {
		const char *etag, *last_modified, *body;
	} cases[] = {
		{ "\"abc\"", "Fri, 02 Jan 2026 00:05:00 GMT", "{\"quotes\":{\"KZT/USD\":\"0.00192\"}}" },
		{ NULL, NULL, "" },
		{ "W/\"x y\"", NULL, "binary\n\n\0zero" },
	};
	char *dir = temp_dir();
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char err[CACHE_ERR_MAX];
		const char *url = "http://127.0.0.1:1/latest/USD";
		cache_entry w = { (char *)url, 1767312151LL + (long long)k, (char *)cases[k].etag,
			              (char *)cases[k].last_modified, (char *)cases[k].body,
			              k == 2 ? 13 : strlen(cases[k].body), NULL };
		cache_entry r;
		cache_entry_init(&r);
		assert_int_equal(cache_write(dir, &w, err), 0);
		assert_int_equal(cache_read(&r, dir, url, err), 0);
		assert_string_equal(r.url, url);
		assert_true(r.fetched == w.fetched);
		if (w.etag == NULL)
			assert_null(r.etag);
		else
			assert_string_equal(r.etag, w.etag);
		if (w.last_modified == NULL)
			assert_null(r.last_modified);
		else
			assert_string_equal(r.last_modified, w.last_modified);
		assert_int_equal(r.len, w.len);
		assert_memory_equal(r.body, w.body, w.len);
		assert_int_equal(r.body[r.len], '\0');
		cache_entry_destroy(&r);
		assert_int_equal(files_in(dir), 1); /* replaced in place, no temporary left */
	}
	remove_tree(dir);
}

static void missing_damaged_and_foreign_entries_should_be_told_apart(void **state)
{
	char err[CACHE_ERR_MAX], path[CACHE_PATH_MAX];
	char *dir = temp_dir();
	const char *url = "http://h/x.json";
	cache_entry e;
	(void)state;
	cache_entry_init(&e);
	assert_int_equal(cache_read(&e, dir, url, err), 1);

	static const char *damaged[] = {
		"",
		"sarraf-cache 2\nurl http://h/x.json\nfetched 1\nlength 0\n\n",
		"sarraf-cache 1\nurl http://h/x.json\nfetched 1\nlength 5\n\nabc",      /* truncated */
		"sarraf-cache 1\nurl http://h/x.json\nfetched 1\nlength 2\n\nabc",      /* too long */
		"sarraf-cache 1\nurl http://h/x.json\nlength 3\n\nabc",                 /* no time */
		"sarraf-cache 1\nurl http://h/x.json\nfetched 1x\nlength 3\n\nabc",
		"sarraf-cache 1\nurl http://h/x.json\nfetched 1\nlength -3\n\nabc",
		"sarraf-cache 1\nurl http://h/other.json\nfetched 1\nlength 3\n\nabc",  /* another URL */
		"sarraf-cache 1\nurl http://h/x.json\nfetched 1\nlength 3",
	};
	assert_int_equal(cache_path(path, sizeof path, dir, url), 0);
	for (size_t k = 0; k < COUNT(damaged); k++) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(damaged[k], f);
		fclose(f);
		if (cache_read(&e, dir, url, err) != -1)
			fail_msg("case %zu read as an entry", k);
		assert_non_null(strstr(err, "damaged"));
		assert_null(e.body);
	}
	remove_tree(dir);
}

static void write_should_create_the_directory_and_refuse_odd_values(void **state)
{
	char err[CACHE_ERR_MAX], sub[128];
	char *dir = temp_dir();
	(void)state;
	snprintf(sub, sizeof sub, "%s/a/b/sarraf", dir);
	cache_entry w = { (char *)"http://h/x", 5, NULL, NULL, (char *)"{}", 2, NULL };
	assert_int_equal(cache_write(sub, &w, err), 0);
	struct stat st;
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	w.etag = (char *)"\"a\"\nfetched 9";
	assert_int_equal(cache_write(sub, &w, err), -1);
	assert_non_null(strstr(err, "control character"));
	/* a directory that cannot be made */
	cache_entry ok = { (char *)"http://h/x", 5, NULL, NULL, (char *)"{}", 2, NULL };
	assert_int_equal(cache_write("/proc/sarraf-no/sarraf", &ok, err), -1);
	assert_non_null(strstr(err, "cannot create cache directory"));
	remove_tree(dir);
}

/* A caller's lines are kept in order beside the body; the cache's own keys cannot be among them. */
static void meta_lines_should_read_back_and_never_pass_for_the_caches_own(void **state)
{
	char err[CACHE_ERR_MAX];
	char *dir = temp_dir();
	const char *url = "day NBK 2026-04-03";
	const char *meta = "receipt * http://h/nbk?fdate=05.04.2026 2026-04-05 2026-04-03 "
	                   "2026-04-05T08:00:00Z 0123\nreceipt USD - - - - 4567\n";
	(void)state;
	cache_entry w = { (char *)url, 7, NULL, NULL, (char *)"<rates/>", 8, (char *)meta };
	cache_entry r;
	cache_entry_init(&r);
	assert_int_equal(cache_write(dir, &w, err), 0);
	assert_int_equal(cache_read(&r, dir, url, err), 0);
	assert_non_null(r.meta);
	assert_string_equal(r.meta, meta);
	assert_string_equal(r.body, "<rates/>");
	cache_entry_destroy(&r);
	static const char *bad[] = { "receipt x", "receipt x\n\n", "length 9\n", "url http://x\n",
		                         "fetched 1\n", "nospace\n", " x\n", "receipt a\tb\n" };
	for (size_t k = 0; k < COUNT(bad); k++) {
		w.meta = (char *)bad[k];
		if (cache_write(dir, &w, err) != -1)
			fail_msg("meta case %zu written", k);
	}
	remove_tree(dir);
}

static void durations_should_take_seconds_or_a_unit(void **state)
{
	static const struct {
		const char *text;
		long long seconds; /* -1: refused */
	} cases[] = {
		{ "0", 0 }, { "90", 90 }, { "90s", 90 }, { "30m", 1800 }, { "6h", 21600 },
		{ "1d", 86400 }, { "36500d", 36500LL * 86400 },
		{ "", -1 }, { "h", -1 }, { "1x", -1 }, { "1hh", -1 }, { "-1", -1 }, { "1.5h", -1 },
		{ " 1", -1 }, { "1 h", -1 }, { "99999999999999d", -1 }, { "40000d", -1 },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		long long v = -7;
		bool ok = tables_parse_duration(cases[k].text, &v);
		if (ok != (cases[k].seconds >= 0) || (ok && v != cases[k].seconds))
			fail_msg("'%s': ok=%d v=%lld", cases[k].text, ok, v);
	}
}

static void timeouts_should_be_seconds_to_the_millisecond(void **state)
{
	static const struct {
		const char *text;
		long ms; /* -1: refused */
	} cases[] = {
		{ "10", 10000 }, { "0.5", 500 }, { ".25", 250 }, { "2.", 2000 }, { "0.001", 1 },
		{ "600", 600000 },
		{ "0", -1 }, { "0.0001", -1 }, { "601", -1 }, { "", -1 }, { ".", -1 }, { "1s", -1 },
		{ "-1", -1 }, { "1e3", -1 }, { "99999", -1 },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		long v = -7;
		bool ok = tables_parse_timeout(cases[k].text, &v);
		if (ok != (cases[k].ms >= 0) || (ok && v != cases[k].ms))
			fail_msg("'%s': ok=%d v=%ld", cases[k].text, ok, v);
	}
}

static void ages_should_read_as_a_person_says_them(void **state)
{
	static const struct {
		long long s;
		const char *text;
	} cases[] = {
		{ 0, "0 s" }, { 59, "59 s" }, { 60, "1 min" }, { 3599, "59 min" }, { 3600, "1 h 0 min" },
		{ 12 * 3600 + 5 * 60, "12 h 5 min" }, { 86400, "1 d 0 h" }, { 2 * 86400 + 3 * 3600, "2 d 3 h" },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char buf[64];
		tables_age_text(buf, sizeof buf, cases[k].s);
		assert_string_equal(buf, cases[k].text);
	}
}

static void fetch_should_refuse_what_is_not_http_without_loading_libcurl(void **state)
{
	static const char *urls[] = { "file:///etc/passwd", "ftp://h/x", "gopher://h", "/etc/passwd", "" };
	fetch_opts o = { 1000, "sarraf-test", NULL, NULL, "libcurl-that-does-not-exist.so" };
	(void)state;
	assert_true(fetch_url_allowed("http://h/x"));
	assert_true(fetch_url_allowed("HTTPS://h/x"));
	for (size_t k = 0; k < COUNT(urls); k++) {
		fetch_result r;
		fetch_result_init(&r);
		assert_false(fetch_url_allowed(urls[k]));
		assert_int_equal(fetch_url(&r, urls[k], &o), FETCH_ERROR);
		assert_string_equal(r.err, "not an http or https URL");
		assert_null(r.body);
		fetch_result_destroy(&r);
	}
	/* an http URL needs the library, and its absence is named */
	fetch_result r;
	fetch_result_init(&r);
	assert_int_equal(fetch_url(&r, "http://127.0.0.1:1/", &o), FETCH_ERROR);
	assert_non_null(strstr(r.err, "cannot load libcurl (libcurl-that-does-not-exist.so)"));
	fetch_result_destroy(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cache_dir_should_follow_xdg_then_home),
		cmocka_unit_test(cache_path_should_name_the_host_and_differ_per_url),
		cmocka_unit_test(entries_should_read_back_as_written),
		cmocka_unit_test(missing_damaged_and_foreign_entries_should_be_told_apart),
		cmocka_unit_test(write_should_create_the_directory_and_refuse_odd_values),
		cmocka_unit_test(meta_lines_should_read_back_and_never_pass_for_the_caches_own),
		cmocka_unit_test(durations_should_take_seconds_or_a_unit),
		cmocka_unit_test(timeouts_should_be_seconds_to_the_millisecond),
		cmocka_unit_test(ages_should_read_as_a_person_says_them),
		cmocka_unit_test(fetch_should_refuse_what_is_not_http_without_loading_libcurl),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
