/*
 * msg.h - one-line messages from the core: how they are written into a
 * caller's buffer, how outside text is quoted in them, and how warnings
 * reach whoever prints them. The core never prints: errors come back in a
 * buffer, warnings go to a sink that the caller sets (the CLI prints them
 * with its "sarraf: " prefix).
 */
#ifndef SARRAF_MSG_H
#define SARRAF_MSG_H

#include <stddef.h>

/* The longest piece of outside text quoted in a message; longer text ends in "...". */
#define MSG_SHOWN_MAX 40
/* Room for msg_shown's result. */
#define MSG_SHOWN_SIZE (MSG_SHOWN_MAX + 4)

/* printf into buf (cap bytes), cut to fit. */
__attribute__((format(printf, 3, 4)))
void msg_set(char *buf, size_t cap, const char *fmt, ...);

/*
 * s[0..n) made fit to stand between quotes in a one-line message: control
 * bytes become '?', and text longer than MSG_SHOWN_MAX bytes is cut at a
 * UTF-8 character boundary and ends in "...". Returns buf.
 */
const char *msg_shown(char buf[MSG_SHOWN_SIZE], const char *s, size_t n);

/* The same for a NUL-terminated string. */
const char *msg_shown_str(char buf[MSG_SHOWN_SIZE], const char *s);

/* Where warnings go: fn(ctx, line) with one line, no prefix, no newline. */
typedef struct {
	void (*fn)(void *ctx, const char *line);
	void *ctx;
} msg_sink;

/* One warning to sink (nothing when sink or its fn is NULL). */
__attribute__((format(printf, 2, 3)))
void msg_emit(const msg_sink *sink, const char *fmt, ...);

#endif
