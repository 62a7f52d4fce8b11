/*
 * fuzz_cli.c - libFuzzer target for the command line, cli_main().
 *
 * The input is argv[1..], one argument per line ('\n' separates them; an
 * argument cannot hold a NUL). stdin is /dev/null, stdout a temporary file,
 * stderr another. The run happens in a temporary directory holding a valid
 * table "t.json", an invalid one "bad.json" and a stream "s.txt"; a '/' in
 * an argument becomes '_', so that only those files (and no device, no URL:
 * SARRAF_LIBCURL names no library either) can be reached. Properties:
 *   - the status is one of the SPEC's: 0, 1, 2 or 3;
 *   - a failure (status != 0) prints nothing on stdout (outside stream mode,
 *     where lines before a bad one may already be out), and says why on
 *     stderr in lines that begin with "sarraf: " (or "Try 'sarraf --help'");
 *   - a success outside stream mode says nothing on stderr but notes and warnings;
 *   - nothing leaks (LeakSanitizer, between runs).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int out_fd = -1, err_fd = -1;

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(name, "w");
	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char dir[] = "/tmp/sarraf-fuzz-cli-XXXXXX";
	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL || chdir(dir) != 0)
		abort();
	write_file("t.json", "{\"base\":\"USD\",\"date\":\"2025-05-01\",\"quotes\":{\"KZT/USD\":\"0.00192\","
	                     "\"USD/UZS\":\"12850.50\",\"EUR/USD\":1.1}}\n");
	write_file("bad.json", "{\"quotes\":{\"KZT/USD\":\"0\"}}\n");
	write_file("s.txt", "1000\n2500.50 KZT\nUSD 5\n\nx\n");
	out_fd = open("out", O_RDWR | O_CREAT | O_TRUNC, 0600);
	err_fd = open("err", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int in = open("/dev/null", O_RDONLY);
	if (out_fd < 0 || err_fd < 0 || in < 0 || dup2(in, STDIN_FILENO) < 0)
		abort();
	close(in);
	unsetenv("SARRAF_RATES");
	setenv("SARRAF_LIBCURL", "/nonexistent/libcurl-for-fuzzing.so", 1);
	setenv("XDG_CACHE_HOME", dir, 1);
	setenv("LC_ALL", "C", 1);
	return 0;
}

static char *slurp(int fd, size_t *len)
{
	off_t n = lseek(fd, 0, SEEK_END);
	char *b = malloc((size_t)n + 1);
	if (n < 0 || b == NULL || pread(fd, b, (size_t)n, 0) != (ssize_t)n)
		abort();
	b[n] = '\0';
	*len = (size_t)n;
	return b;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size > 4096 || memchr(data, '\0', size) != NULL)
		return 0;
	char *copy = malloc(size + 1);
	char **argv = calloc(size + 3, sizeof *argv);
	if (copy == NULL || argv == NULL)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	int argc = 0;
	argv[argc++] = (char *)"sarraf";
	bool stream = false;
	for (char *p = copy;;) {
		char *nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		for (char *q = p; *q; q++)
			if (*q == '/')
				*q = '_';
		if (strncmp(p, "--from", 6) == 0 || strncmp(p, "--to", 4) == 0)
			stream = true;
		if (strcmp(p, "-") == 0)
			stream = true; /* stdin as a file (or -r -) */
		argv[argc++] = p;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	argv[argc] = NULL;

	if (ftruncate(out_fd, 0) != 0 || ftruncate(err_fd, 0) != 0)
		abort();
	fflush(stdout);
	fflush(stderr);
	int saved_out = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO);
	dup2(out_fd, STDOUT_FILENO);
	dup2(err_fd, STDERR_FILENO);
	int rc = cli_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	clearerr(stdout);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);

	size_t olen, elen;
	char *out = slurp(out_fd, &olen), *err = slurp(err_fd, &elen);
	bool help = false;
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] != '-' && (strchr(argv[i], 'h') || strchr(argv[i], 'V')))
			help = true;
	if (rc < 0 || rc > 3) {
		fprintf(stderr, "status %d\n", rc);
		abort();
	}
	if (rc != 0 && olen > 0 && !stream) {
		fprintf(stderr, "status %d with stdout %s\n", rc, out);
		abort();
	}
	if (rc != 0 && elen == 0)
		abort();
	for (char *line = err; *line;) {
		if (strncmp(line, "sarraf: ", 8) != 0 && strncmp(line, "Try 'sarraf --help'", 19) != 0) {
			fprintf(stderr, "stderr line: %s\n", line);
			abort();
		}
		char *nl = strchr(line, '\n');
		if (nl == NULL)
			abort(); /* every message ends its line */
		line = nl + 1;
	}
	/* A success says nothing on stderr but notes (the rates' age, their precision) and warnings. */
	for (char *line = err; rc == 0 && !stream && !help && *line; line = strchr(line, '\n') + 1)
		if (strncmp(line, "sarraf: note: ", 14) != 0 && strncmp(line, "sarraf: warning: ", 17) != 0) {
			fprintf(stderr, "status 0 with stderr %s\n", err);
			abort();
		}
	free(out);
	free(err);
	free(copy);
	free(argv);
	return 0;
}
