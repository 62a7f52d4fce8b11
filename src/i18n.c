/* i18n.c - messages in the user's language, looked up on first use (see i18n.h). */
#include "i18n.h"

#include <libintl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* The program's setup runs once, in whichever thread looks up the first message. */
static pthread_once_t setup_once = PTHREAD_ONCE_INIT;

static void setup(void)
{
	if (sarraf_i18n_setup != NULL)
		sarraf_i18n_setup();
}

const char *sarraf_gettext(const char *msgid)
{
	pthread_once(&setup_once, setup);
	return dgettext(SARRAF_DOMAIN, msgid);
}

const char *sarraf_ngettext(const char *one, const char *many, unsigned long n)
{
	pthread_once(&setup_once, setup);
	return dngettext(SARRAF_DOMAIN, one, many, n);
}

const char *sarraf_pgettext(const char *ctx, const char *msgid)
{
	/* The catalogue's key is "ctx\004msgid"; a message it lacks is the English msgid. */
	char key[256];
	int n = snprintf(key, sizeof key, "%s\004%s", ctx, msgid);
	if (n < 0 || (size_t)n >= sizeof key)
		return msgid;
	pthread_once(&setup_once, setup);
	const char *t = dgettext(SARRAF_DOMAIN, key);
	return t == key ? msgid : t;
}

/*
 * The C library's messages for the errors a user meets, as glibc writes them in English: for a
 * language the C library has no catalogue of (glibc has none for Uzbek or Kazakh), ours gives
 * them. Where the C library translated its message already, ours does not know the text and it
 * stays as the C library wrote it.
 */
static const char *const system_errors[] __attribute__((unused)) = {
	N_("No such file or directory"), N_("Permission denied"), N_("Is a directory"),
	N_("Not a directory"), N_("No space left on device"), N_("Input/output error"),
	N_("File too large"), N_("Cannot allocate memory"), N_("Read-only file system"),
	N_("Too many levels of symbolic links"), N_("File name too long"), N_("File exists"),
	N_("Broken pipe"), N_("Bad file descriptor"), N_("Invalid argument"),
	N_("Too many open files"), N_("No such device or address"), N_("No such device"),
	N_("Resource temporarily unavailable"), N_("Disk quota exceeded"),
	N_("Operation not permitted"), N_("Connection refused"), N_("Connection timed out"),
	N_("Network is unreachable"),
};

char *sarraf_strerror(int errnum)
{
	pthread_once(&setup_once, setup);
	char *sys = (strerror)(errnum);
	const char *ours = dgettext(SARRAF_DOMAIN, sys);
	return ours != sys ? (char *)ours : sys;
}
