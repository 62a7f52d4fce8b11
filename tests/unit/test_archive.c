/*
 * test_archive.c - the archive of published days (archive.h) against a
 * source made up here, in a temporary cache directory: a past day stored
 * for good, today's table kept for max-age, a day stepped back from kept
 * for max-age until it is more than 7 days past, offline answers and the
 * nearest stored day, a failure never taken for "nothing published", fetch
 * (force); and the stored records read back as written, and strictly.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sarraf/archive.h"
#include "sarraf/load.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* "Today" in these tests: 2026-04-20, noon in Bishkek. */
static const date_t TODAY = { 2026, 4, 20 };
#define NOON (1776664800LL) /* 2026-04-20T06:00:00Z */
#define MAX_AGE (12LL * 3600)

/* The source: what it answers for each day of April 2026 (index = day of the month). */
typedef struct {
	archive_status status[32];
	char usd[32][16];      /* the rate it publishes that day ("" for the day's own) */
	int dated_as[32];      /* the day its answer carries (0: the day asked) */
	int asks[32];          /* requests per day */
	int total;
	bool json_too;         /* stored as JSON too */
	int parses;            /* bodies parsed */
} fake;

static char *body_of(int day, const char *rate)
{
	char *b = malloc(128);
	assert_non_null(b);
	snprintf(b, 128, "{\"base\":\"USD\",\"date\":\"2026-04-%02d\",\"quotes\":{\"USD/KZT\":\"%s\"}}", day, rate);
	return b;
}

static archive_status fake_ask(const archive_source *s, date_t d, cache_entry *fresh, char why[ARCHIVE_WHY_MAX])
{
	fake *f = s->ctx;
	assert_int_equal(d.month, 4);
	f->asks[d.day]++;
	f->total++;
	if (f->status[d.day] == ARCHIVE_NOTHING) {
		snprintf(why, ARCHIVE_WHY_MAX, "HTTP 404");
		return ARCHIVE_NOTHING;
	}
	if (f->status[d.day] == ARCHIVE_FAILED) {
		snprintf(why, ARCHIVE_WHY_MAX, "HTTP 500");
		return ARCHIVE_FAILED;
	}
	char rate[16];
	snprintf(rate, sizeof rate, "%s", f->usd[d.day][0] ? f->usd[d.day] : "500");
	fresh->body = body_of(f->dated_as[d.day] ? f->dated_as[d.day] : d.day, rate);
	fresh->len = strlen(fresh->body);
	rates_receipt r;
	char line[ARCHIVE_LINE_MAX], url[64];
	snprintf(url, sizeof url, "http://127.0.0.1/fake/%02d", d.day);
	archive_receipt_make(&r, url, NULL, &d, NOON, fresh->body, fresh->len);
	assert_true(archive_receipt_line(line, sizeof line, &r) > 0);
	fresh->meta = strdup(line);
	return ARCHIVE_BODY;
}

static int fake_parse(const archive_source *s, rates_table *t, const char *body, size_t len,
                      char why[ARCHIVE_WHY_MAX])
{
	char err[LOAD_ERR_MAX];
	((fake *)s->ctx)->parses++;
	if (load_table(t, body, len, s->label, err) != 0) {
		snprintf(why, ARCHIVE_WHY_MAX, "%s", err);
		return -1;
	}
	return 0;
}

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/sarraf-archive-test-XXXXXX");
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static fake *new_fake(void)
{
	fake *f = calloc(1, sizeof *f);
	assert_non_null(f);
	for (int d = 0; d < 32; d++)
		f->status[d] = ARCHIVE_BODY;
	return f;
}

/* The table of April `day` as the archive answers it at now: 0 or -1, its rate in usd. */
static int get(fake *f, const char *id, int day, long long now, bool offline, bool force,
               archive_outcome *out, char usd[16], char why[ARCHIVE_WHY_MAX])
{
	archive_source s = { id, id, fake_ask, fake_parse, false, f->json_too, f };
	archive_opts o = { dir, now, date_on(now), MAX_AGE, offline, force };
	rates_table t;
	rates_init(&t);
	int rc = archive_get(&t, &s, (date_t){ 2026, 4, day }, &o, out, why);
	usd[0] = '\0';
	if (rc == 0) {
		const rates_quote *q = rates_find(&t, "KZT");
		assert_non_null(q);
		assert_true(dec_to_string(usd, 16, &q->quote) > 0);
	}
	rates_destroy(&t);
	return rc;
}

static void a_past_day_should_be_asked_once_and_stored_for_good(void **state)
{
	fake *f = new_fake();
	archive_outcome out;
	char usd[16], why[ARCHIVE_WHY_MAX];
	(void)state;
	snprintf(f->usd[10], sizeof f->usd[10], "510");
	assert_int_equal(get(f, "past", 10, NOON, false, false, &out, usd, why), 0);
	assert_string_equal(usd, "510");
	assert_false(out.stored);
	assert_int_equal(out.resolved.day, 10);
	assert_non_null(strstr(out.path, "day_past_2026-04-10-"));
	/* a year later, with max-age 12 h, offline or not: the stored table, never asked again */
	assert_int_equal(get(f, "past", 10, NOON + 365 * 86400LL, false, false, &out, usd, why), 0);
	assert_true(out.stored);
	assert_int_equal(get(f, "past", 10, NOON, true, false, &out, usd, why), 0);
	assert_string_equal(usd, "510");
	assert_int_equal(f->total, 1);
	/* fetch (force) asks again, and replaces it */
	snprintf(f->usd[10], sizeof f->usd[10], "511");
	assert_int_equal(get(f, "past", 10, NOON, false, true, &out, usd, why), 0);
	assert_string_equal(usd, "511");
	assert_int_equal(f->total, 2);
	free(f);
}

static void todays_table_should_be_asked_again_after_max_age(void **state)
{
	fake *f = new_fake();
	archive_outcome out;
	char usd[16], why[ARCHIVE_WHY_MAX];
	(void)state;
	long long early = NOON - 6 * 3600; /* 06:00 in Bishkek */
	assert_int_equal(get(f, "today", 20, early, false, false, &out, usd, why), 0);
	assert_int_equal(get(f, "today", 20, early + MAX_AGE - 1, false, false, &out, usd, why), 0);
	assert_true(out.stored);
	assert_int_equal(f->total, 1);
	/* offline, older than max-age: used, and said to be stale */
	assert_int_equal(get(f, "today", 20, early + MAX_AGE, true, false, &out, usd, why), 0);
	assert_true(out.stored && out.stale);
	assert_int_equal(get(f, "today", 20, early + MAX_AGE, false, false, &out, usd, why), 0);
	assert_false(out.stored);
	assert_int_equal(f->total, 2);
	/* the next day, the 20th is past: its table never changes again */
	assert_int_equal(get(f, "today", 20, NOON + 30 * 86400LL, false, false, &out, usd, why), 0);
	assert_true(out.stored && !out.stale);
	assert_int_equal(f->total, 2);
	free(f);
}

static void a_day_stepped_back_from_should_be_asked_again_until_final(void **state)
{
	fake *f = new_fake();
	archive_outcome out;
	char usd[16], why[ARCHIVE_WHY_MAX];
	(void)state;
	/* the 18th: not published yet (404); the 17th is */
	f->status[18] = ARCHIVE_NOTHING;
	snprintf(f->usd[17], sizeof f->usd[17], "517");
	assert_int_equal(get(f, "late", 18, NOON, false, false, &out, usd, why), 0);
	assert_string_equal(usd, "517");
	assert_int_equal(out.resolved.day, 17);
	assert_string_equal(out.why, "HTTP 404");
	/* within max-age: the stored resolution, said again, not asked */
	assert_int_equal(get(f, "late", 18, NOON + 3600, false, false, &out, usd, why), 0);
	assert_true(out.stored);
	assert_int_equal(out.resolved.day, 17);
	assert_string_equal(out.why, "HTTP 404");
	assert_int_equal(f->asks[18], 1);
	/* published since: after max-age it is asked again, and its own table answers */
	f->status[18] = ARCHIVE_BODY;
	snprintf(f->usd[18], sizeof f->usd[18], "518");
	assert_int_equal(get(f, "late", 18, NOON + MAX_AGE, false, false, &out, usd, why), 0);
	assert_string_equal(usd, "518");
	assert_int_equal(out.resolved.day, 18);
	assert_int_equal(f->asks[18], 2);
	/* the 9th, more than 7 days before today: its resolution to the 8th is final */
	f->status[9] = ARCHIVE_NOTHING;
	assert_int_equal(get(f, "late", 9, NOON, false, false, &out, usd, why), 0);
	assert_int_equal(out.resolved.day, 8);
	f->status[9] = ARCHIVE_BODY;
	assert_int_equal(get(f, "late", 9, NOON + 30 * 86400LL, false, false, &out, usd, why), 0);
	assert_int_equal(out.resolved.day, 8);
	assert_int_equal(f->asks[9], 1);
	free(f);
}

static void an_answer_dated_after_the_day_should_step_back(void **state)
{
	fake *f = new_fake();
	archive_outcome out;
	char usd[16], why[ARCHIVE_WHY_MAX];
	(void)state;
	f->dated_as[15] = 20; /* like the NBT for a day out of its range: today's table */
	f->dated_as[14] = 13; /* like the NBK on a weekend: Friday's table under Saturday's URL */
	assert_int_equal(get(f, "later", 15, NOON, false, false, &out, usd, why), 0);
	assert_int_equal(out.resolved.day, 13);
	assert_non_null(strstr(out.why, "2026-04-20"));
	/* stored under the 13th: the 13th is answered without a request */
	int asked = f->total;
	assert_int_equal(get(f, "later", 13, NOON, false, false, &out, usd, why), 0);
	assert_true(out.stored);
	assert_int_equal(f->total, asked);
	/* eight days of nothing: a failure naming the window */
	for (int d = 1; d <= 9; d++)
		f->status[d] = ARCHIVE_NOTHING;
	assert_int_equal(get(f, "later", 9, NOON, false, false, &out, usd, why), -1);
	assert_non_null(strstr(why, "no rates for 2026-04-09 or the 7 days before (HTTP 404)"));
	free(f);
}

static void a_failure_should_never_be_taken_for_nothing_published(void **state)
{
	fake *f = new_fake();
	archive_outcome out;
	char usd[16], why[ARCHIVE_WHY_MAX];
	(void)state;
	f->status[16] = ARCHIVE_FAILED;
	assert_int_equal(get(f, "fail", 16, NOON, false, false, &out, usd, why), -1);
	assert_string_equal(why, "HTTP 500");
	assert_int_equal(f->asks[15], 0); /* no step back */
	/* a stored answer stands in, whatever its age, and says so */
	f->status[16] = ARCHIVE_NOTHING;
	assert_int_equal(get(f, "fail", 16, NOON, false, false, &out, usd, why), 0);
	assert_int_equal(out.resolved.day, 15);
	f->status[16] = ARCHIVE_FAILED;
	assert_int_equal(get(f, "fail", 16, NOON + 2 * MAX_AGE, false, false, &out, usd, why), 0);
	assert_true(out.fell_back);
	assert_int_equal(out.resolved.day, 15);
	assert_string_equal(why, "HTTP 500");
	/* fetch (force) never falls back */
	assert_int_equal(get(f, "fail", 16, NOON + 2 * MAX_AGE, false, true, &out, usd, why), -1);
	free(f);
}

static void offline_should_answer_only_what_is_stored_for_the_day(void **state)
{
	fake *f = new_fake();
	archive_outcome out;
	char usd[16], why[ARCHIVE_WHY_MAX];
	(void)state;
	assert_int_equal(get(f, "off", 10, NOON, true, false, &out, usd, why), -1);
	assert_string_equal(why, "no stored rates of 2026-04-10 (the cache holds no earlier day of off)");
	assert_int_equal(f->total, 0);
	assert_int_equal(get(f, "off", 3, NOON, false, false, &out, usd, why), 0);
	/* the 3rd is stored and within 7 days of the 10th, but nothing says the 10th resolved to it */
	assert_int_equal(get(f, "off", 10, NOON, true, false, &out, usd, why), -1);
	assert_string_equal(why, "no stored rates of 2026-04-10 (the cache holds off 2026-04-03)");
	date_t near;
	assert_true(archive_nearest(&near, dir, "off", (date_t){ 2026, 4, 10 }));
	assert_int_equal(near.day, 3);
	assert_false(archive_nearest(&near, dir, "off", (date_t){ 2026, 4, 3 }));
	free(f);
}

static void receipts_should_be_stored_beside_the_body(void **state)
{
	fake *f = new_fake();
	archive_outcome out;
	char why[ARCHIVE_WHY_MAX];
	(void)state;
	f->dated_as[12] = 11;
	for (int k = 0; k < 2; k++) {
		archive_source s = { "rcpt", "rcpt", fake_ask, fake_parse, false, false, f };
		archive_opts o = { dir, NOON, TODAY, MAX_AGE, false, false };
		rates_table t;
		rates_init(&t);
		assert_int_equal(archive_get(&t, &s, (date_t){ 2026, 4, 12 }, &o, &out, why), 0);
		assert_int_equal(out.stored, k == 1);
		const rates_receipt *r = rates_receipt_of(&t, NULL);
		assert_non_null(r);
		assert_string_equal(r->url, "http://127.0.0.1/fake/12");
		assert_string_equal(r->asked, "2026-04-12");
		assert_string_equal(r->published, "2026-04-11");
		assert_string_equal(r->fetched, "2026-04-20T06:00:00Z");
		char *body = body_of(11, "500"), hex[65];
		rates_receipt tmp;
		archive_receipt_make(&tmp, "x", NULL, NULL, 0, body, strlen(body));
		memcpy(hex, tmp.sha256, sizeof hex);
		assert_string_equal(r->sha256, hex);
		free(body);
		rates_destroy(&t);
	}
	free(f);
}

/* A body costly to parse is read back from its JSON form while that stands beside it. */
static void a_json_form_should_spare_parsing_the_body_again(void **state)
{
	fake *f = new_fake();
	archive_outcome out;
	char usd[16], why[ARCHIVE_WHY_MAX], path[CACHE_PATH_MAX];
	(void)state;
	f->json_too = true;
	snprintf(f->usd[7], sizeof f->usd[7], "507");
	assert_int_equal(get(f, "xml", 7, NOON, false, false, &out, usd, why), 0);
	int parsed = f->parses;
	assert_int_equal(get(f, "xml", 7, NOON, true, false, &out, usd, why), 0);
	assert_string_equal(usd, "507");
	assert_int_equal(f->parses, parsed);
	/* without it (deleted, or of other receipts), the body is parsed, and the form written anew */
	assert_int_equal(cache_path(path, sizeof path, dir, "json xml 2026-04-07"), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(get(f, "xml", 7, NOON, true, false, &out, usd, why), 0);
	assert_int_equal(f->parses, parsed + 1);
	assert_int_equal(get(f, "xml", 7, NOON, true, false, &out, usd, why), 0);
	assert_string_equal(usd, "507");
	assert_int_equal(f->parses, parsed + 1);
	free(f);
}

static void receipt_lines_should_read_back_and_refuse_anything_else(void **state)
{
	(void)state;
	char url[] = "http://h/a b?x=1", codes[] = "USD,EUR", line[ARCHIVE_LINE_MAX];
	rates_receipt r = { url, codes, "2026-04-05", "2026-04-03", "2026-04-05T08:00:00Z",
		                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };
	int n = archive_receipt_line(line, sizeof line, &r);
	assert_true(n > 0);
	assert_string_equal(line, "receipt USD,EUR http://h/a%20b?x=1 2026-04-05 2026-04-03 2026-04-05T08:00:00Z "
	                          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
	rates_table t;
	rates_init(&t);
	assert_int_equal(archive_receipts_read(&t, line, (size_t)n), 1);
	assert_string_equal(t.receipts[0].url, "http://h/a%20b?x=1");
	assert_string_equal(t.receipts[0].codes, "USD,EUR");
	assert_string_equal(t.receipts[0].fetched, "2026-04-05T08:00:00Z");
	rates_destroy(&t);
	static const char *bad[] = {
		"receipt * u - - -",
		"receipt * u - - - 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",
		"receipt * u - - - 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
		"receipt usd u - - - 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"receipt * u 2026-02-30 - - 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"receipt * u - - 2026-04-05T08:00:00 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"receipt *  u - - - 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"receipt * u - - - 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 x",
		"receipt USD,EU u - - - 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	};
	for (size_t k = 0; k < COUNT(bad); k++) {
		rates_init(&t);
		if (archive_receipts_read(&t, bad[k], strlen(bad[k])) != -1)
			fail_msg("receipt case %zu read", k);
		rates_destroy(&t);
	}
	/* lines of other keys are not ours */
	rates_init(&t);
	assert_int_equal(archive_receipts_read(&t, "etag x\nother y\n", 15), 0);
	rates_destroy(&t);
}

static void resolutions_should_read_back_and_refuse_anything_else(void **state)
{
	(void)state;
	archive_resolution r, back;
	char text[4096];
	memset(&r, 0, sizeof r);
	snprintf(r.source, sizeof r.source, "NBK");
	snprintf(r.why, sizeof r.why, "HTTP 404");
	r.asked = (date_t){ 2026, 4, 5 };
	r.resolved = (date_t){ 2026, 4, 3 };
	r.decided = 1775376000LL;
	int n = archive_resolution_format(text, sizeof text, &r);
	assert_string_equal(text, "sarraf-resolution 1\nsource NBK\nasked 2026-04-05\nresolved 2026-04-03\n"
	                          "decided 2026-04-05T08:00:00Z\nwhy HTTP 404\n");
	assert_int_equal(archive_resolution_parse(&back, text, (size_t)n), 0);
	assert_string_equal(back.source, "NBK");
	assert_string_equal(back.why, "HTTP 404");
	assert_int_equal(date_cmp(back.asked, r.asked), 0);
	assert_int_equal(date_cmp(back.resolved, r.resolved), 0);
	assert_true(back.decided == r.decided);
	assert_false(archive_resolution_final(&back, (date_t){ 2026, 4, 12 }));
	assert_true(archive_resolution_final(&back, (date_t){ 2026, 4, 13 }));
	static const char *bad[] = {
		"sarraf-resolution 2\nsource NBK\nasked 2026-04-05\nresolved 2026-04-03\ndecided 2026-04-05T08:00:00Z\nwhy \n",
		"sarraf-resolution 1\nsource NBK\nasked 2026-04-03\nresolved 2026-04-05\ndecided 2026-04-05T08:00:00Z\nwhy \n",
		"sarraf-resolution 1\nsource \nasked 2026-04-05\nresolved 2026-04-03\ndecided 2026-04-05T08:00:00Z\nwhy \n",
		"sarraf-resolution 1\nasked 2026-04-05\nsource NBK\nresolved 2026-04-03\ndecided 2026-04-05T08:00:00Z\nwhy \n",
		"sarraf-resolution 1\nsource NBK\nasked 2026-04-05\nresolved 2026-04-03\ndecided 2026-04-05T08:00:00Z\nwhy x",
		"sarraf-resolution 1\nsource NBK\nasked 2026-04-05\nresolved 2026-04-03\ndecided 2026-04-05T08:00:00Z\nwhy x\n\n",
		"sarraf-resolution 1\nsource NBK\nasked 2026-04-05\nresolved 2026-04-03\ndecided 1775376000\nwhy x\n",
		"sarraf-resolution 1\nsource N\tK\nasked 2026-04-05\nresolved 2026-04-03\ndecided 2026-04-05T08:00:00Z\nwhy x\n",
	};
	for (size_t k = 0; k < COUNT(bad); k++)
		if (archive_resolution_parse(&back, bad[k], strlen(bad[k])) != -1)
			fail_msg("resolution case %zu read", k);
	/* a resolution to the day itself is final */
	r.resolved = r.asked;
	assert_true(archive_resolution_final(&r, r.asked));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_past_day_should_be_asked_once_and_stored_for_good, setup, teardown),
		cmocka_unit_test_setup_teardown(todays_table_should_be_asked_again_after_max_age, setup, teardown),
		cmocka_unit_test_setup_teardown(a_day_stepped_back_from_should_be_asked_again_until_final, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(an_answer_dated_after_the_day_should_step_back, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failure_should_never_be_taken_for_nothing_published, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(offline_should_answer_only_what_is_stored_for_the_day, setup, teardown),
		cmocka_unit_test_setup_teardown(receipts_should_be_stored_beside_the_body, setup, teardown),
		cmocka_unit_test_setup_teardown(a_json_form_should_spare_parsing_the_body_again, setup, teardown),
		cmocka_unit_test(receipt_lines_should_read_back_and_refuse_anything_else),
		cmocka_unit_test(resolutions_should_read_back_and_refuse_anything_else),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
