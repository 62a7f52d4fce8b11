/*
 * env.h - the environment that the core takes as settings (context.h),
 * read by the command line alone: the core never calls getenv.
 *
 *   XDG_CACHE_HOME, HOME       the cache folder (cache.h's cache_dir)
 *   SARRAF_LIBCURL             the libcurl to load on the first fetch
 *   SARRAF_LIBXML2             the libxml2 to load on the first parse of a bank's XML
 *   SARRAF_NBKR_ARCHIVE_URL    the NBKR's archive (--date with official rates)
 *   SARRAF_TMT_PEG             TMT per USD
 *   SARRAF_NBK_URL ...         each feed's URL (the variable named in the feed registry)
 */
#ifndef SARRAF_CLI_ENV_H
#define SARRAF_CLI_ENV_H

#include "sarraf/cache.h"
#include "sarraf/context.h"
#include "sarraf/tables.h"

typedef struct {
	sarraf_settings settings;
	char cache_dir[CACHE_PATH_MAX];
	char cache_err[CACHE_ERR_MAX];
	sarraf_ctx *ctx;   /* the run's context: the pause per host across its loads */
} cli_env;

/*
 * Reads the environment into env and makes the run's context; o->settings
 * and o->ctx point into env, which outlives o's use. Out of memory, the
 * context is NULL (requests are then not spaced).
 */
void cli_env_read(cli_env *env, tables_opts *o);

/* Frees what cli_env_read made. */
void cli_env_free(cli_env *env);

#endif
