/*
 * fuzz_config.c - libFuzzer target for the configuration file's reader,
 * read_config() (src/cli/options.c).
 *
 * The input is written as $XDG_CONFIG_HOME/sarraf/config in a temporary
 * directory, and read into fresh options. The reader's stderr goes to
 * /dev/null (libFuzzer's own keeps the real one).
 * Properties:
 *   - the status is 0 or 2 (a bad file is a usage error, nothing else);
 *   - a NUL byte in the file, or a file over 64 KiB, is status 2;
 *   - a file of whitespace and comments only is status 0 and sets nothing;
 *   - on success the options hold what set_option() allows: precision -1
 *     or 0..18, a rounding mode of the seven, and `rates` (when set)
 *     non-empty and, unless a URL or official, absolute (a relative name is
 *     joined to the file's folder);
 *   - nothing leaks (LeakSanitizer, between runs).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "sarraf/convert.h"

static char path[256];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char dir[] = "/tmp/sarraf-fuzz-config-XXXXXX";
	char sub[256];
	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(sub, sizeof sub, "%s/sarraf", dir);
	snprintf(path, sizeof path, "%s/config", sub);
	if (mkdir(sub, 0700) != 0)
		abort();
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("LC_ALL", "C", 1);
	return 0;
}

/* Whitespace and '#' comments only (a NUL byte, even in a comment, is not text). */
static bool blank(const unsigned char *data, size_t size)
{
	bool comment = false;
	for (size_t k = 0; k < size; k++) {
		if (data[k] == '\0')
			return false;
		if (data[k] == '\n')
			comment = false;
		else if (data[k] == '#' && !comment)
			comment = true;
		else if (!comment && data[k] != ' ' && data[k] != '\t' && data[k] != '\r')
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	cli_opts o = { .precision = -1, .mode = DEC_ROUND_HALF_UP };
	int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	if (saved < 0 || null < 0 || dup2(null, STDERR_FILENO) < 0)
		abort();
	int rc = read_config(&o);
	fflush(stderr);
	if (dup2(saved, STDERR_FILENO) < 0)
		abort();
	close(saved);
	close(null);
	if (rc != EXIT_OK && rc != EXIT_USAGE)
		abort();
	bool bom = size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0;
	if ((memchr(data, '\0', size) != NULL || size > 64 * 1024) && rc != EXIT_USAGE)
		abort();
	if (blank(data + (bom ? 3 : 0), size - (bom ? 3 : 0)) && size <= 64 * 1024 &&
	    (rc != EXIT_OK || o.precision != -1 || o.config_rates != NULL || o.net.offline))
		abort();
	if (rc == EXIT_OK) {
		if (o.precision < -1 || o.precision > CONV_MAX_PRECISION)
			abort();
		if ((int)o.mode < 0 || (int)o.mode > 6)
			abort();
		const char *r = o.config_rates;
		if (r != NULL && (r[0] == '\0' || (tables_kind_of(r) == TABLES_FILE && strcmp(r, "-") != 0 &&
		                                   r[0] != '/')))
			abort();
	}
	free(o.config_rates);
	free(o.operands);
	return 0;
}
