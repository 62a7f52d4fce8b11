/*
 * ctx.h - what the core does with a caller's context (context.h), private
 * to the core.
 */
#ifndef SARRAF_CTX_H
#define SARRAF_CTX_H

#include <stdbool.h>

#include "sarraf/context.h"

/*
 * Waits until ms milliseconds have passed since the last request to host
 * through ctx, and notes this one. ctx NULL: no wait, nothing noted.
 */
void ctx_pause(sarraf_ctx *ctx, const char *host, long ms);

/*
 * A host that could not be reached (fetch.h's unreachable) is remembered, so
 * that a run over many days does not ask it again: ctx_unreachable is true
 * for such a host. ctx NULL: nothing remembered.
 */
void ctx_mark_unreachable(sarraf_ctx *ctx, const char *host);
bool ctx_unreachable(const sarraf_ctx *ctx, const char *host);

/*
 * What one load did, for its report (tables.h's tables_report): the requests
 * made, and the last host that could not be reached (or was not asked again
 * for that). ctx_load_begin starts a load's count.
 */
void ctx_load_begin(sarraf_ctx *ctx);
void ctx_count_request(sarraf_ctx *ctx);
void ctx_saw_unreachable(sarraf_ctx *ctx, const char *host);
long ctx_load_requests(const sarraf_ctx *ctx);
const char *ctx_load_unreachable(const sarraf_ctx *ctx);

#endif
