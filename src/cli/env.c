/*
 * env.c - the environment read once, into the settings that the core
 * takes (see env.h), and the run's context. The values are getenv's own strings, so an empty
 * variable reaches the core as "" (the default, as when it is unset).
 */
#include "env.h"

#include <stdlib.h>
#include <string.h>

#include "sarraf/feed.h"

void cli_env_read(cli_env *env, tables_opts *o)
{
	sarraf_settings *s = &env->settings;
	memset(s, 0, sizeof *s);
	if (cache_dir(env->cache_dir, sizeof env->cache_dir, getenv("XDG_CACHE_HOME"), getenv("HOME"),
	              env->cache_err) == 0)
		s->cache_dir = env->cache_dir;
	else
		s->cache_dir_err = env->cache_err;
	s->libcurl = getenv("SARRAF_LIBCURL");
	s->libxml2 = getenv("SARRAF_LIBXML2");
	s->nbkr_archive_url = getenv("SARRAF_NBKR_ARCHIVE_URL");
	s->tmt_peg = getenv("SARRAF_TMT_PEG");
	size_t n = 0;
	for (size_t k = 0; k < feed_count() && n < SARRAF_FEED_URLS_MAX; k++) {
		const feed_info *f = feed_at(k);
		const char *url = f->env != NULL ? getenv(f->env) : NULL;
		if (url != NULL)
			s->feed_urls[n++] = (sarraf_feed_url){ f->id, url };
	}
	o->settings = s;
	env->ctx = sarraf_ctx_new();
	o->ctx = env->ctx;
}

void cli_env_free(cli_env *env)
{
	sarraf_ctx_free(env->ctx);
	env->ctx = NULL;
}
