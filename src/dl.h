/*
 * dl.h - the libraries sarraf loads at run time (libcurl to fetch, libxml2
 * for the banks' XML), so that start-up does not pay for them.
 */
#ifndef SARRAF_DL_H
#define SARRAF_DL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * dlsym(lib, name) into the function pointer at fn (size bytes; POSIX
 * guarantees the conversion). false, with err (cap bytes) naming `what`,
 * file and the symbol, when the library has no such symbol.
 */
bool dl_sym(void *lib, const char *name, void *fn, size_t size, const char *what, const char *file,
            char *err, size_t cap);

#endif
