/* test_msg.c - the core's one-line messages: cut to fit, outside text made safe, sinks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "sarraf/msg.h"

static void set_should_cut_to_the_buffer(void **state)
{
	char buf[8];
	(void)state;
	msg_set(buf, sizeof buf, "%s-%d", "abcdef", 42);
	assert_string_equal(buf, "abcdef-");
	msg_set(buf, sizeof buf, "%d", 7);
	assert_string_equal(buf, "7");
}

static void shown_should_replace_control_bytes_and_cut_long_text(void **state)
{
	char buf[MSG_SHOWN_SIZE], long_text[200];
	(void)state;
	assert_string_equal(msg_shown_str(buf, "a\tb\nc\x7f"), "a?b?c?");
	assert_string_equal(msg_shown_str(buf, NULL), "");
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	msg_shown_str(buf, long_text);
	assert_int_equal(strlen(buf), MSG_SHOWN_MAX + 3);
	assert_memory_equal(buf + MSG_SHOWN_MAX, "...", 4);
	/* a cut never splits a UTF-8 character: 'т' is two bytes, 39 of them then one more */
	char cyr[200] = "";
	for (int k = 0; k < 30; k++)
		strcat(cyr, "\xd1\x82");
	msg_shown_str(buf, cyr);
	size_t n = strlen(buf) - 3;
	assert_true(n <= MSG_SHOWN_MAX && n % 2 == 0);
	assert_string_equal(buf + n, "...");
	/* exactly MSG_SHOWN_MAX bytes is shown whole */
	long_text[MSG_SHOWN_MAX] = '\0';
	assert_string_equal(msg_shown_str(buf, long_text), long_text);
}

typedef struct {
	int calls;
	char last[1100];
} seen;

static void keep(void *ctx, const char *line)
{
	seen *s = ctx;
	s->calls++;
	strcpy(s->last, line);
}

static void emit_should_reach_the_sink_once_or_nowhere(void **state)
{
	seen s = { 0, "" };
	msg_sink sink = { keep, &s };
	msg_sink none = { NULL, NULL };
	(void)state;
	msg_emit(&sink, "%s has %d", "NBK", 3);
	assert_int_equal(s.calls, 1);
	assert_string_equal(s.last, "NBK has 3");
	msg_emit(NULL, "nowhere");
	msg_emit(&none, "nowhere");
	assert_int_equal(s.calls, 1);
	/* a line longer than the emitter's room is cut, still one call */
	char big[2000];
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	msg_emit(&sink, "%s", big);
	assert_int_equal(s.calls, 2);
	assert_int_equal(strlen(s.last), 1023);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_should_cut_to_the_buffer),
		cmocka_unit_test(shown_should_replace_control_bytes_and_cut_long_text),
		cmocka_unit_test(emit_should_reach_the_sink_once_or_nowhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
