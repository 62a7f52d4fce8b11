/*
 * test_lane_cut.c - the column lane's two ways of cutting a delimited line
 * (src/stream/lane.h): lane_cut64(), in one go for a line under 64 bytes,
 * must give what lane_cut() gives wherever it answers (quotes at a field's
 * start, elsewhere, doubled, open; line ends inside and outside quotes; CR;
 * bytes past the line). Random lines from a small alphabet, where every such
 * case comes up often, and a few written out.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "stream/lane.h"

#if defined(__SSE2__) && !defined(SARRAF_NO_SIMD)
/* Both ways on line[0..avail) (with 64 readable bytes past it), want fields: equal when
   lane_cut64() answers. Returns 1 when it answered, 0 when it left the line to lane_cut(). */
static int same_cut(const char *line, size_t avail, char d, char eol, size_t want)
{
	size_t e1[LANE_FIELDS], e2[LANE_FIELDS], l1 = 0, l2 = 0;
	int fast = lane_cut64(line, avail, d, eol, want, e1, &l1);
	bool slow = lane_cut(line, avail, d, eol, want, e2, &l2);
	if (fast < 0)
		return 0;
	if ((fast == 1) != slow)
		fail_msg("'%.*s' (avail %zu, want %zu): lane_cut64 %d, lane_cut %d", (int)avail, line, avail, want,
		         fast, slow);
	if (slow) {
		assert_int_equal(l1, l2);
		for (size_t k = 0; k < want; k++)
			assert_int_equal(e1[k], e2[k]);
	}
	return 1;
}

static void random_lines_should_be_cut_alike(void **state)
{
	(void)state;
	static const char alphabet[] = "ab,,\"\"\n\r;";
	char buf[64 + 70 + 64];
	uint64_t x = 88172645463325252u;
	long answered = 0, cases = 0;
	for (int i = 0; i < 1000000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		size_t avail = (size_t)(x % 70) + 1, want = (size_t)(x >> 8) % 6 + 1;
		char d = (x >> 16) & 1 ? ',' : ';';
		uint64_t y = x;
		for (size_t k = 0; k < sizeof buf; k++) {
			y = y * 6364136223846793005u + 1442695040888963407u;
			buf[k] = alphabet[(y >> 33) % (sizeof alphabet - 1)];
		}
		answered += same_cut(buf, avail, d, '\n', want);
		cases++;
	}
	/* lane_cut64() answers most of them: it is not passing them all to lane_cut(). */
	assert_true(answered > cases / 4);
}

static void written_lines_should_be_cut_alike(void **state)
{
	(void)state;
	static const char *lines[] = {
		"1,\"a, b\",3.5,KZT\n",       /* a quoted field with the delimiter */
		"1,\"say \"\"hi\"\"\",2\n",   /* doubled quotes */
		"1,q\"x,2\n",                 /* a quote inside a field: a character */
		"\"\",\"\"\"\",x\n",          /* empty quoted, a quoted quote */
		"1,\"two\nlines\",2\n",       /* a line end inside quotes: the record goes on */
		"1,\"ab\"c,2\n",              /* after the closing quote, more of the field */
		"a,b\r\n",                    /* CRLF: the CR is the last field's */
		"1,2,3,4,5,6,7,8,9\n",        /* more fields than wanted */
		"1,2\n",                      /* fewer */
		"\"open,2\n",                 /* a quote never closed */
	};
	char buf[256];
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		memset(buf, '"', sizeof buf);
		size_t n = strlen(lines[i]);
		memcpy(buf, lines[i], n);
		for (size_t want = 1; want <= 5; want++)
			same_cut(buf, n, ',', '\n', want);
	}
	/* The first is answered in one go. */
	size_t ends[LANE_FIELDS], len;
	memset(buf, 0, sizeof buf);
	memcpy(buf, lines[0], strlen(lines[0]));
	assert_int_equal(lane_cut64(buf, strlen(lines[0]), ',', '\n', 4, ends, &len), 1);
	assert_int_equal(len, 16);
	assert_int_equal(ends[1], 8);
	assert_int_equal(ends[3], 16);
}
#endif

int main(void)
{
#if defined(__SSE2__) && !defined(SARRAF_NO_SIMD)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_lines_should_be_cut_alike),
		cmocka_unit_test(written_lines_should_be_cut_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
#else
	puts("test_lane_cut: skipped: built without SSE2 (or with SARRAF_NO_SIMD): lane_cut64() is not built");
	return 0;
#endif
}
