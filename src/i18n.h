/*
 * i18n.h - messages in the user's language (gettext). Every message,
 * warning, --help text and heading goes through _(); a table of words to
 * translate later marks them with N_(). Only the messages follow the
 * locale: numbers, -t, --output and parsing never do (sarraf sets
 * LC_MESSAGES and LC_CTYPE alone, never LC_NUMERIC).
 */
#ifndef SARRAF_I18N_H
#define SARRAF_I18N_H

#include <libintl.h>

#define SARRAF_DOMAIN "sarraf"
#define _(s) dgettext(SARRAF_DOMAIN, s)
#define P_(one, many, n) dngettext(SARRAF_DOMAIN, one, many, (unsigned long)(n))
#define N_(s) s

#endif
