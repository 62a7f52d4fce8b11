/* i18n.c - messages in the user's language, looked up on first use (see i18n.h). */
#include "i18n.h"

#include <libintl.h>
#include <pthread.h>
#include <stddef.h>

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
