/*
 * say.c - what reaches the terminal besides the answers: messages on stderr ("sarraf: ...",
 * usage errors), the records of stdout, and how the terminal writes numbers.
 */
#include "cli.h"

#include "i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_config_where;

/* "sarraf: MESSAGE" and then `tail` on stderr. */
__attribute__((format(printf, 2, 0)))
void vsay(const char *tail, const char *fmt, va_list ap)
{
	fputs("sarraf: ", stderr);
	if (cli_config_where != NULL)
		fprintf(stderr, "%s: ", cli_config_where);
	vfprintf(stderr, fmt, ap);
	fputs(tail, stderr);
}

__attribute__((format(printf, 1, 2)))
void errorf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay("\n", fmt, ap);
	va_end(ap);
}

/* A usage error: one line naming the problem, one pointing at --help. */
__attribute__((format(printf, 1, 2)))
int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(_("\nTry 'sarraf --help' for more information.\n"), fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

/* The terminal takes UTF-8: decided from the environment, never with setlocale(). */
bool utf8_terminal(void)
{
	return out_env_utf8(getenv("LC_ALL"), getenv("LC_CTYPE"), getenv("LANG"));
}

/*
 * Digit groups in the human output: a space, or where the terminal takes
 * UTF-8 a narrow no-break space (U+202F), which a shell keeps in one word
 * when pasted back.
 */
const char *group_separator(void)
{
	return utf8_terminal() ? "\xe2\x80\xaf" : " ";
}

/* What a human answer writes for "=" when its quotes cannot carry its digits. */
const char *approx_sign(void)
{
	return utf8_terminal() ? "\xe2\x89\x88" : "~";
}

/* A record of named fields to stdout (output.h), the CSV/TSV header first when asked. */
void print_fields(const cli_opts *o, const char *const *names, const char *const *values,
                         size_t n, bool header)
{
	char small[2048];
	size_t need = out_format_fields(small, sizeof small, o->format, names, values, n, header);
	if (need < sizeof small) {
		fputs(small, stdout);
		return;
	}
	char *big = malloc(need + 1);
	if (big != NULL) {
		out_format_fields(big, need + 1, o->format, names, values, n, header);
		fputs(big, stdout);
		free(big);
	}
}

/* The lines that name a table (output.h): list, fetch and --explain. */
void print_table_block(FILE *out, const rates_table *t, const char *origin, int indent, bool colon)
{
	char buf[2048];
	size_t n = out_table_block(buf, sizeof buf, t, origin, indent, colon, colon);
	fputs(buf, out);
	if (n >= sizeof buf)
		fputs("\n", out);
}
