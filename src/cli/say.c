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

#include "sarraf/currency.h"
#include "sarraf/official.h"

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

char *shown_number(const cli_opts *o, char *s)
{
	return o->decimal_comma ? out_comma_point(s) : s;
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
	char buf[2048], src[512];
	rates_table shown = *t; /* the same table, its source as the user reads it */
	shown.source = (char *)shown_source(src, sizeof src, t->source);
	size_t n = out_table_block(buf, sizeof buf, &shown, origin, indent, colon, colon);
	fputs(buf, out);
	if (n >= sizeof buf)
		fputs("\n", out);
}

/* ---- what sarraf wrote itself, in the user's language ------------------------------------ */

/* A currency's name in the user's language (currency.c marks them), or NULL. */
const char *shown_currency_name(const char *code)
{
	const char *name = currency_name(code);
	return name != NULL ? _(name) : NULL;
}

/* A bank's abbreviation or name (official.c marks them) in the user's language, else NULL. */
static const char *bank_word(const char *s, size_t n)
{
	for (size_t b = 0; b < OFFICIAL_BANKS; b++) {
		const official_bank_info *i = official_info((official_bank)b);
		if (strlen(i->abbrev) == n && strncmp(s, i->abbrev, n) == 0)
			return _(i->abbrev);
		if (strlen(i->name) == n && strncmp(s, i->name, n) == 0)
			return _(i->name);
	}
	return NULL;
}

/*
 * The sources that sarraf writes itself, word for word as the core writes them (official.c,
 * tables.c): a bank's name, the official table's and the TMT peg's. They stay English in the
 * records (--output) and the cache; a person reads them in their language. Any other source
 * is the table's own text, shown as it is.
 */
static const char official_source[] = "official rates: each quote from its central bank (";
static const char peg_source[] = "the Turkmen manat's official peg, ";
static const char peg_middle[] = " TMT per USD (";

const char *shown_source(char *buf, size_t cap, const char *source)
{
	if (source == NULL)
		return NULL;
	size_t n = strlen(source);
	const char *bank = bank_word(source, n);
	if (bank != NULL)
		return bank;
	if (n > sizeof official_source && strncmp(source, official_source, sizeof official_source - 1) == 0 &&
	    source[n - 1] == ')') {
		/* "NBK 2026-04-01, NBKR 2026-04-01, ..." or "undated" */
		char list[512] = "";
		const char *p = source + sizeof official_source - 1, *end = source + n - 1;
		if (end - p == 7 && strncmp(p, "undated", 7) == 0) {
			snprintf(list, sizeof list, "%s", _("undated"));
		} else {
			for (;;) {
				const char *sep = p;
				while (sep < end && !(sep[0] == ',' && sep[1] == ' '))
					sep++;
				const char *space = memchr(p, ' ', (size_t)(sep - p));
				const char *word = space != NULL ? bank_word(p, (size_t)(space - p)) : NULL;
				size_t m = strlen(list);
				if (word != NULL)
					snprintf(list + m, sizeof list - m, "%s%s%.*s", m ? ", " : "", word,
					         (int)(sep - space), space);
				else
					snprintf(list + m, sizeof list - m, "%s%.*s", m ? ", " : "", (int)(sep - p), p);
				if (sep >= end)
					break;
				p = sep + 2;
			}
		}
		snprintf(buf, cap, _("official rates: each quote from its central bank (%s)"), list);
		return buf;
	}
	const char *middle = strstr(source, peg_middle);
	if (strncmp(source, peg_source, sizeof peg_source - 1) == 0 && middle != NULL && source[n - 1] == ')') {
		const char *why = middle + sizeof peg_middle - 1;
		int peg_len = (int)(middle - source - (int)(sizeof peg_source - 1));
		char peg[64], whose[160];
		snprintf(peg, sizeof peg, "%.*s", peg_len, source + sizeof peg_source - 1);
		snprintf(whose, sizeof whose, "%.*s", (int)(source + n - 1 - why), why);
		snprintf(buf, cap, _("the Turkmen manat's official peg, %s TMT per USD (%s)"), peg,
		         strcmp(whose, "sarraf's constant") == 0 ? _("sarraf's constant") : whose);
		return buf;
	}
	return source;
}

/*
 * A line of the core (a warning) with the sources sarraf wrote itself that it quotes (a bank's
 * name, the TMT peg's) in the user's language, into buf; the line as it is when it has none.
 */
const char *shown_line(char *buf, size_t cap, const char *line)
{
	size_t n = 0;
	buf[0] = '\0';
	for (const char *p = line; *p != '\0' && n + 1 < cap;) {
		char src[512];
		const char *end = NULL, *shown = NULL;
		for (size_t b = 0; b < OFFICIAL_BANKS && end == NULL; b++) {
			const char *name = official_info((official_bank)b)->name;
			if (strncmp(p, name, strlen(name)) == 0) {
				end = p + strlen(name);
				shown = _(name);
			}
		}
		if (end == NULL && strncmp(p, peg_source, sizeof peg_source - 1) == 0) {
			const char *close = strstr(p, peg_middle);
			close = close != NULL ? strchr(close + sizeof peg_middle - 1, ')') : NULL;
			if (close != NULL && (size_t)(close + 1 - p) < sizeof src) {
				char text[512];
				snprintf(text, sizeof text, "%.*s", (int)(close + 1 - p), p);
				shown = shown_source(src, sizeof src, text);
				if (shown == text)
					shown = NULL; /* not ours after all */
				else
					end = close + 1;
			}
		}
		int k = end != NULL ? snprintf(buf + n, cap - n, "%s", shown) : snprintf(buf + n, cap - n, "%c", *p);
		n = k > 0 && n + (size_t)k < cap ? n + (size_t)k : cap - 1;
		p = end != NULL ? end : p + 1;
	}
	return buf;
}

/* "source, date" of a quote of its own (the official table's), as shown; 0 when it has none. */
int shown_quote_origin(char *buf, size_t cap, const rates_quote *q)
{
	char src[512];
	const char *s = shown_source(src, sizeof src, q->source);
	return snprintf(buf, cap, "%s%s%s", s ? s : "", s && q->date ? ", " : "", q->date ? q->date : "");
}

/* s, then spaces up to `width` columns of the terminal (by display width, not bytes). */
void print_padded(FILE *out, const char *s, int width)
{
	fputs(s, out);
	for (int k = (int)out_width(s); k < width; k++)
		putc(' ', out);
}
