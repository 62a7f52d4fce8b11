/*
 * sha256.h - SHA-256 (FIPS 180-4), for the receipts of stored rate tables:
 * the digest of a body as it was received, so that anyone can check later
 * which bytes an answer came from (`sha256sum` gives the same hex).
 *
 * Small and dependency-free on purpose: a receipt must not need a crypto
 * library, and hashing a table of at most 1 MiB is not a hot path.
 */
#ifndef SARRAF_SHA256_H
#define SARRAF_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
/* 64 lower-case hex digits and the NUL. */
#define SHA256_HEX_SIZE 65

typedef struct {
	uint32_t state[8];
	uint64_t bits;         /* message length so far, in bits */
	unsigned char block[64];
	size_t fill;           /* bytes waiting in block */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, unsigned char out[SHA256_DIGEST_SIZE]);

/* The digest of data[0..len) as 64 lower-case hex digits into hex. */
void sha256_hex(char hex[SHA256_HEX_SIZE], const void *data, size_t len);

#endif
