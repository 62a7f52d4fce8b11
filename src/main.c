/*
 * main.c - sarraf's entry point: the messages' language, then cli.c.
 *
 * Only LC_MESSAGES follows the locale (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG): numbers, -t, --output and parsing never change with it. The
 * catalogue is looked for in $SARRAF_LOCALEDIR, then in build/locale beside
 * the binary (a build tree: ./sarraf finds what make built), then where
 * make install put it.
 */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static void init_messages(void)
{
	char here[PATH_MAX];
	const char *dir = getenv("SARRAF_LOCALEDIR");
	setlocale(LC_MESSAGES, "");
	if (dir == NULL || *dir == '\0') {
		dir = LOCALEDIR;
		ssize_t n = readlink("/proc/self/exe", here, sizeof here - 16);
		here[n > 0 ? n : 0] = '\0';
		char *slash = strrchr(here, '/');
		if (slash != NULL) {
			memcpy(slash + 1, "build/locale", sizeof "build/locale");
			if (access(here, R_OK | X_OK) == 0)
				dir = here;
		}
	}
	bindtextdomain(SARRAF_DOMAIN, dir);
	bind_textdomain_codeset(SARRAF_DOMAIN, "UTF-8");
}

int main(int argc, char **argv)
{
	init_messages();
	return cli_main(argc, argv);
}
