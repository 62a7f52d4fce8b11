/*
 * context.c - the state that one caller keeps between loads (see
 * context.h): when each host was last asked.
 */
#include "ctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The hosts remembered; a seventeenth takes the place of the first. */
#define CTX_HOSTS 16

struct sarraf_ctx {
	struct {
		char host[256];
		struct timespec last;   /* CLOCK_MONOTONIC; 0: never asked */
		bool unreachable;       /* could not be reached in this run */
	} hosts[CTX_HOSTS];
	size_t nhosts;
	long requests;              /* in the current load */
	char unreachable[256];      /* the last host found unreachable in the current load */
};

sarraf_ctx *sarraf_ctx_new(void)
{
	return calloc(1, sizeof(sarraf_ctx));
}

void sarraf_ctx_free(sarraf_ctx *ctx)
{
	free(ctx);
}

/* host's slot, made when new (a seventeenth takes the place of the first). */
static size_t slot(sarraf_ctx *ctx, const char *host)
{
	size_t k;
	for (k = 0; k < ctx->nhosts && strcmp(ctx->hosts[k].host, host) != 0; k++)
		;
	if (k == ctx->nhosts) {
		k = ctx->nhosts < CTX_HOSTS ? ctx->nhosts++ : 0;
		snprintf(ctx->hosts[k].host, sizeof ctx->hosts[k].host, "%s", host);
		ctx->hosts[k].last.tv_sec = ctx->hosts[k].last.tv_nsec = 0;
		ctx->hosts[k].unreachable = false;
	}
	return k;
}

void ctx_mark_unreachable(sarraf_ctx *ctx, const char *host)
{
	if (ctx != NULL)
		ctx->hosts[slot(ctx, host)].unreachable = true;
}

bool ctx_unreachable(const sarraf_ctx *ctx, const char *host)
{
	for (size_t k = 0; ctx != NULL && k < ctx->nhosts; k++)
		if (strcmp(ctx->hosts[k].host, host) == 0)
			return ctx->hosts[k].unreachable;
	return false;
}

void ctx_pause(sarraf_ctx *ctx, const char *host, long ms)
{
	struct timespec now;
	if (ctx == NULL)
		return;
	size_t k = slot(ctx, host);
	clock_gettime(CLOCK_MONOTONIC, &now);
	struct timespec *last = &ctx->hosts[k].last;
	if (last->tv_sec != 0 || last->tv_nsec != 0) {
		long long gone = (long long)(now.tv_sec - last->tv_sec) * 1000 +
		                 (now.tv_nsec - last->tv_nsec) / 1000000;
		if (gone >= 0 && gone < ms) {
			long long wait = ms - gone;
			struct timespec d = { (time_t)(wait / 1000), (long)(wait % 1000) * 1000000L };
			nanosleep(&d, NULL);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, last);
}

void ctx_load_begin(sarraf_ctx *ctx)
{
	if (ctx != NULL) {
		ctx->requests = 0;
		ctx->unreachable[0] = '\0';
	}
}

void ctx_count_request(sarraf_ctx *ctx)
{
	if (ctx != NULL)
		ctx->requests++;
}

void ctx_saw_unreachable(sarraf_ctx *ctx, const char *host)
{
	if (ctx != NULL)
		snprintf(ctx->unreachable, sizeof ctx->unreachable, "%s", host);
}

long ctx_load_requests(const sarraf_ctx *ctx)
{
	return ctx != NULL ? ctx->requests : 0;
}

const char *ctx_load_unreachable(const sarraf_ctx *ctx)
{
	return ctx != NULL ? ctx->unreachable : "";
}

