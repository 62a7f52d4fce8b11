/*
 * ctx.h - what the core does with a caller's context (context.h), private
 * to the core.
 */
#ifndef SARRAF_CTX_H
#define SARRAF_CTX_H

#include "sarraf/context.h"

/*
 * Waits until ms milliseconds have passed since the last request to host
 * through ctx, and notes this one. ctx NULL: no wait, nothing noted.
 */
void ctx_pause(sarraf_ctx *ctx, const char *host, long ms);

#endif
