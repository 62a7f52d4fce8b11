/*
 * load_file.c - a table's bytes from a file or a pipe ("-"), at most
 * LOAD_MAX_BYTES (load.h's load_read_file). A path the user names is read
 * as cat reads it: a FIFO waits for its writer (mkfifo p; producer > p &
 * sarraf -r p), a device that never ends is cut at the cap, a folder is an
 * error. Files that sarraf finds by itself (the cache, the configuration
 * file) are opened without blocking and must be regular files.
 */
#include "sarraf/load.h"

#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sarraf/msg.h"

/* The first buffer; it doubles up to the cap. */
#define LOAD_FIRST_BUFFER (64u * 1024u)

int load_read_file(const char *path, char **text, size_t *len, char err[LOAD_ERR_MAX])
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	char *buf = NULL;
	size_t n = 0, cap = 0;

	err[0] = '\0';
	if (fd < 0) {
		msg_set(err, LOAD_ERR_MAX, "%s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		msg_set(err, LOAD_ERR_MAX, "%s", strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		msg_set(err, LOAD_ERR_MAX, _("is a directory"));
		goto fail;
	}
	/*
	 * Read until end of file, whatever the file is (st_size means nothing
	 * for a pipe), but never more than one byte past the cap: that byte is
	 * enough to know the file is too large.
	 */
	for (;;) {
		if (n > LOAD_MAX_BYTES) {
			msg_set(err, LOAD_ERR_MAX, _("larger than 1 MiB"));
			goto fail;
		}
		if (n == cap) {
			size_t ncap = cap == 0 ? LOAD_FIRST_BUFFER : cap * 2;
			if (ncap > LOAD_MAX_BYTES + 1)
				ncap = LOAD_MAX_BYTES + 1;
			char *nbuf = realloc(buf, ncap + 1); /* + 1 for the NUL */
			if (nbuf == NULL) {
				msg_set(err, LOAD_ERR_MAX, _("out of memory"));
				goto fail;
			}
			buf = nbuf;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			msg_set(err, LOAD_ERR_MAX, "%s", strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (!is_stdin)
		close(fd);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;

fail:
	if (!is_stdin)
		close(fd);
	free(buf);
	return -1;
}
