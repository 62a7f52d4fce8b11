/*
 * i18n.h - messages in the user's language (gettext). Every message,
 * warning, --help text and heading goes through _(), P_() for plurals, C_()
 * where the same English needs a context.
 *
 * The catalogue is looked up on the first message, not at start-up: a run
 * that prints no message (a conversion with -t, a stream) never reads the
 * locale, so that it starts like a C hello-world. The command line sets
 * what that first lookup does (main.c: setlocale for LC_MESSAGES alone and
 * the catalogue's directory); numbers, -t, --output and parsing never
 * follow the locale.
 */
#ifndef SARRAF_I18N_H
#define SARRAF_I18N_H

#include <string.h>

#define SARRAF_DOMAIN "sarraf"

/* msgid in the user's language. */
__attribute__((format_arg(1)))
const char *sarraf_gettext(const char *msgid);

/* one or many in the user's language, for n. */
__attribute__((format_arg(1), format_arg(2)))
const char *sarraf_ngettext(const char *one, const char *many, unsigned long n);

/*
 * What runs once before the first lookup, in whichever thread makes it
 * (pthread_once): defined by the program, or not at all. The command line
 * defines it (main.c: setlocale and bindtextdomain); a program that links
 * the core and sets gettext up itself, or the unit tests, define none. A
 * weak reference, so that the core links without it and keeps no state
 * but the once-flag.
 */
__attribute__((weak)) void sarraf_i18n_setup(void);

/* msgid in the user's language, told apart from the same English by ctx (msgctxt). */
__attribute__((format_arg(2)))
const char *sarraf_pgettext(const char *ctx, const char *msgid);

/*
 * The system's error messages in the user's language too: strerror() once the lookup is set up
 * (an errno may be named before the first message is looked up), in UTF-8 as ours are (main.c).
 * Every strerror() of a file that includes this header goes through it.
 */
char *sarraf_strerror(int errnum);
#define strerror(e) sarraf_strerror(e)

#define _(s) sarraf_gettext(s)
#define P_(one, many, n) sarraf_ngettext(one, many, (unsigned long)(n))
#define N_(s) s
/* The same English in two places that a language may say apart ("(not given)" of a source and
 * of a date): make pot reads C_ as msgctxt and msgid. */
#define C_(ctx, s) sarraf_pgettext(ctx, s)

#endif
