/*
 * test_sha256.c - SHA-256 against the FIPS 180 examples (one block, two
 * blocks, a million 'a'), the lengths around a block's padding, and the
 * same digest whatever the pieces update() is given.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sarraf/sha256.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void hex_of(char hex[SHA256_HEX_SIZE], const unsigned char d[SHA256_DIGEST_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	for (size_t k = 0; k < SHA256_DIGEST_SIZE; k++) {
		hex[2 * k] = digits[d[k] >> 4];
		hex[2 * k + 1] = digits[d[k] & 15];
	}
	hex[64] = '\0';
}

static void sha256_should_give_the_fips_180_examples(void **state)
{
	static const struct {
		const char *msg, *digest;
	} cases[] = {
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
		  "mnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	(void)state;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char hex[SHA256_HEX_SIZE];
		sha256_hex(hex, cases[k].msg, strlen(cases[k].msg));
		assert_string_equal(hex, cases[k].digest);
	}
}

static void sha256_should_hash_a_million_a_in_pieces(void **state)
{
	(void)state;
	char *m = malloc(1000000);
	assert_non_null(m);
	memset(m, 'a', 1000000);
	char hex[SHA256_HEX_SIZE];
	sha256_hex(hex, m, 1000000);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* pieces of every size from 1 to 130 bytes: the same digest */
	sha256_ctx c;
	unsigned char d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	for (size_t at = 0, n = 1; at < 1000000; at += n, n = n % 130 + 1)
		sha256_update(&c, m + at, at + n > 1000000 ? 1000000 - at : n);
	sha256_final(&c, d);
	hex_of(hex, d);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(m);
}

/* Bytes 0, 1, 2, ... n-1: the lengths where the padding takes one block or spills into two. */
static void sha256_should_pad_at_every_block_edge(void **state)
{
	static const struct {
		size_t n;
		const char *digest;
	} cases[] = {
		{ 55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59" },
		{ 56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562" },
		{ 63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488" },
		{ 64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108" },
		{ 65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781" },
		{ 119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6" },
		{ 120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c" },
	};
	unsigned char m[128];
	(void)state;
	for (size_t k = 0; k < sizeof m; k++)
		m[k] = (unsigned char)k;
	for (size_t k = 0; k < COUNT(cases); k++) {
		char hex[SHA256_HEX_SIZE];
		sha256_hex(hex, m, cases[k].n);
		assert_string_equal(hex, cases[k].digest);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_should_give_the_fips_180_examples),
		cmocka_unit_test(sha256_should_hash_a_million_a_in_pieces),
		cmocka_unit_test(sha256_should_pad_at_every_block_edge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
