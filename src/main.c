/*
 * main.c - sarraf's entry point: the messages' language (set up on the
 * first message: sarraf_i18n_setup, i18n.h), then cli.c.
 *
 * Only LC_MESSAGES follows the locale (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG): numbers, -t, --output and parsing never change with it. The
 * catalogue is looked for in $SARRAF_LOCALEDIR, then in build/locale beside
 * the binary or locale beside it (a build tree: ./sarraf finds what make
 * built, build/san/sarraf its own), then where
 * make install put it.
 */
#include <limits.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void sarraf_i18n_setup(void)
{
	char here[PATH_MAX];
	const char *dir = getenv("SARRAF_LOCALEDIR");
	setlocale(LC_MESSAGES, "");
	if (dir == NULL || *dir == '\0') {
		dir = LOCALEDIR;
		ssize_t n = readlink("/proc/self/exe", here, sizeof here - 16);
		here[n > 0 ? n : 0] = '\0';
		char *slash = strrchr(here, '/');
		/* ./sarraf finds build/locale; build/san/sarraf (a sanitizer build) its locale */
		static const char *const beside[] = { "build/locale", "locale" };
		for (size_t k = 0; slash != NULL && k < sizeof beside / sizeof beside[0]; k++) {
			snprintf(slash + 1, sizeof here - (size_t)(slash + 1 - here), "%s", beside[k]);
			if (access(here, R_OK | X_OK) == 0) {
				dir = here;
				break;
			}
		}
	}
	bindtextdomain(SARRAF_DOMAIN, dir);
	bind_textdomain_codeset(SARRAF_DOMAIN, "UTF-8");
}

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
