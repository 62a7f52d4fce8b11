/* i18n.c - messages in the user's language, looked up on first use (see i18n.h). */
#include "i18n.h"

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

static void (*init_hook)(void);
static bool ready;

void sarraf_i18n_init_with(void (*init)(void))
{
	init_hook = init;
	ready = false;
}

static void ensure(void)
{
	if (!ready) {
		ready = true;
		if (init_hook != NULL)
			init_hook();
	}
}

const char *sarraf_gettext(const char *msgid)
{
	ensure();
	return dgettext(SARRAF_DOMAIN, msgid);
}

const char *sarraf_ngettext(const char *one, const char *many, unsigned long n)
{
	ensure();
	return dngettext(SARRAF_DOMAIN, one, many, n);
}
