/* msg.c - one-line messages (see msg.h). */
#include "sarraf/msg.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void msg_set(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
}

const char *msg_shown(char buf[MSG_SHOWN_SIZE], const char *s, size_t n)
{
	size_t k;
	bool cut = n > MSG_SHOWN_MAX;
	if (cut) {
		n = MSG_SHOWN_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		buf[k] = c < 0x20 || c == 0x7F ? '?' : (char)c;
	}
	if (cut)
		memcpy(buf + k, "...", 4);
	else
		buf[k] = '\0';
	return buf;
}

const char *msg_shown_str(char buf[MSG_SHOWN_SIZE], const char *s)
{
	if (s == NULL)
		s = "";
	return msg_shown(buf, s, strnlen(s, MSG_SHOWN_MAX + 1));
}

void msg_emit(const msg_sink *sink, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	if (sink == NULL || sink->fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	sink->fn(sink->ctx, line);
}
