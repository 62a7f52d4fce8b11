/*
 * main.c - sarraf's entry point: the messages' language (set up on the
 * first message: sarraf_i18n_setup, i18n.h), then cli.c.
 *
 * Only LC_MESSAGES follows the locale (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG): numbers, -t, --output and parsing never change with it. The
 * catalogue is looked for in $SARRAF_LOCALEDIR, then in the folder
 * build/locale beside the binary's real path (a build tree: ./sarraf finds
 * what make built, build/san/sarraf its own build/san/build/locale), then
 * where make install put it. Nothing else beside the binary is looked at:
 * in /usr/bin, "locale" is glibc's program, not a folder of catalogues.
 */
#include <limits.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void sarraf_i18n_setup(void)
{
	char here[PATH_MAX];
	struct stat st;
	const char *dir = getenv("SARRAF_LOCALEDIR");
	setlocale(LC_MESSAGES, "");
	if (dir == NULL || *dir == '\0') {
		dir = LOCALEDIR;
		ssize_t n = readlink("/proc/self/exe", here, sizeof here - 16);
		here[n > 0 ? n : 0] = '\0';
		char *slash = strrchr(here, '/');
		if (slash != NULL) {
			snprintf(slash + 1, sizeof here - (size_t)(slash + 1 - here), "build/locale");
			if (stat(here, &st) == 0 && S_ISDIR(st.st_mode))
				dir = here;
		}
	}
	bindtextdomain(SARRAF_DOMAIN, dir);
	bind_textdomain_codeset(SARRAF_DOMAIN, "UTF-8");
	/* strerror()'s messages (glibc's domain) in UTF-8 too: LC_CTYPE stays "C", which would
	 * have them transliterated to ASCII. */
	bind_textdomain_codeset("libc", "UTF-8");
}

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
