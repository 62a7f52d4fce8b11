/*
 * context.h - what the core takes from its caller instead of from the
 * process: the settings (the core never reads the environment) and a
 * context, the state that one caller keeps from one load to the next.
 *
 * The core keeps no state of its own but the libraries it loads for the
 * whole process (libcurl on the first fetch, libxml2 on the first parse of
 * a bank's XML, each once under pthread_once). So two threads may load
 * tables and convert at the same time, each with its own context; one
 * context is used by one thread at a time (it is not locked).
 *
 * The command line fills the settings from its environment (src/cli_env.c:
 * XDG_CACHE_HOME and HOME, SARRAF_LIBCURL, SARRAF_LIBXML2,
 * SARRAF_NBKR_ARCHIVE_URL, SARRAF_TMT_PEG and each feed's SARRAF_*_URL);
 * another program sets what it wants and leaves the rest NULL.
 */
#ifndef SARRAF_CONTEXT_H
#define SARRAF_CONTEXT_H

/*
 * The state kept between loads: when each host was last asked, for the
 * pause between two requests to one host (tables.h's TABLES_PAUSE_MS).
 */
typedef struct sarraf_ctx sarraf_ctx;

/* A new context, or NULL when out of memory. */
sarraf_ctx *sarraf_ctx_new(void);

/* Frees ctx (NULL: nothing). */
void sarraf_ctx_free(sarraf_ctx *ctx);

/* Room for the feeds' URL overrides (the registry has fewer feeds). */
#define SARRAF_FEED_URLS_MAX 8

/* The URL that replaces a feed's own (feed.h's feed_info.url), by the feed's id. */
typedef struct {
	const char *id;   /* "nbk", "nbkr", "nbkr-weekly", "nbt", "cbu" */
	const char *url;  /* a URL, or a template with {YYYY} {MM} {DD}; NULL or "": the feed's own */
} sarraf_feed_url;

/*
 * The settings. Every field may be NULL (or "" for the strings): the
 * default. The strings are the caller's, read while a call runs.
 */
typedef struct {
	/* The folder of cached copies; NULL: nothing is cached (cache_dir_err says why). */
	const char *cache_dir;
	const char *cache_dir_err;
	/*
	 * The libraries loaded on first use, once per process: the first call
	 * that needs one loads it from the path it was given, and the whole
	 * process keeps that library (a later caller's other path is not
	 * loaded). NULL: FETCH_LIBCURL, OFFICIAL_LIBXML2.
	 */
	const char *libcurl;
	const char *libxml2;
	/* The NBKR's archive (nbkr_archive.h's template); NULL: NBKR_ARCHIVE_URL. */
	const char *nbkr_archive_url;
	/* TMT per USD, a decimal > 0; NULL: OFFICIAL_TMT_PEG. */
	const char *tmt_peg;
	/* The feeds' URL overrides; the list ends at the first id NULL. */
	sarraf_feed_url feed_urls[SARRAF_FEED_URLS_MAX];
} sarraf_settings;

#endif
