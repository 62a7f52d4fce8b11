/* dl.c - symbols of the libraries loaded at run time (see dl.h). */
#include "dl.h"

#include "i18n.h"

#include <dlfcn.h>
#include <string.h>

#include "sarraf/msg.h"

bool dl_sym(void *lib, const char *name, void *fn, size_t size, const char *what, const char *file,
            char *err, size_t cap)
{
	void *sym = dlsym(lib, name);
	if (sym == NULL || size != sizeof sym) {
		msg_set(err, cap, _("cannot load %s: %s has no %s"), what, file, name);
		return false;
	}
	memcpy(fn, &sym, sizeof sym);
	return true;
}
