/*
 * fuzz_archive.c - libFuzzer target for the archive's stored records
 * (archive.h): the receipt lines kept beside a stored body, the
 * resolution record of an asked day, and the UTC times they hold. They are
 * read back from files in the cache directory, which anything may have
 * written.
 *
 * Properties:
 *   - a resolution is accepted only in the exact form archive_resolution_format
 *     writes: formatting what was read gives the input back, byte for byte;
 *     its source is not empty, its day resolved is not after the day asked;
 *   - receipt lines are read whole or refused: when accepted, the receipts
 *     written back as lines are exactly the input's receipt lines (each
 *     with its newline), in order, and reading those gives the same
 *     receipts; every field is well formed (a digest of 64 lower-case hex
 *     digits, days real, a UTC time that reads back);
 *   - a UTC time is accepted only as date_format_utc writes it.
 * The input is the fuzzer's own buffer, exactly size bytes: ASan sees any
 * read past it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/archive.h"

static void check_resolution(const char *s, size_t size)
{
	archive_resolution r, back;
	if (archive_resolution_parse(&r, s, size) != 0)
		return;
	char *text = malloc(size + 1);
	if (text == NULL)
		abort();
	int n = archive_resolution_format(text, size + 1, &r);
	if (n < 0 || (size_t)n != size || memcmp(text, s, size) != 0)
		abort();
	if (r.source[0] == '\0' || date_cmp(r.resolved, r.asked) > 0 ||
	    archive_resolution_parse(&back, text, (size_t)n) != 0 || strcmp(back.source, r.source) != 0 ||
	    strcmp(back.why, r.why) != 0 || back.decided != r.decided)
		abort();
	free(text);
}

static void check_receipts(const char *s, size_t size)
{
	rates_table t, again;
	rates_init(&t);
	rates_init(&again);
	int n = archive_receipts_read(&t, s, size);
	if (n >= 0) {
		/* the input's receipt lines, each with its newline */
		char *want = malloc(size + 2);
		size_t w = 0;
		if (want == NULL)
			abort();
		for (const char *p = s, *end = s + size; p < end;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
			if (len >= 8 && memcmp(p, "receipt ", 8) == 0) {
				memcpy(want + w, p, len);
				w += len;
				want[w++] = '\n';
			}
			p += len + 1;
		}
		char *meta = NULL;
		if ((size_t)n != t.nreceipts || !archive_receipts_meta(&meta, &t))
			abort();
		size_t mlen = meta != NULL ? strlen(meta) : 0;
		if (mlen != w || (w > 0 && memcmp(meta, want, w) != 0))
			abort();
		if (meta != NULL && (archive_receipts_read(&again, meta, mlen) != n))
			abort();
		for (size_t k = 0; k < t.nreceipts; k++) {
			const rates_receipt *a = &t.receipts[k], *b = &again.receipts[k];
			long long sec;
			if (strlen(a->sha256) != 64 || strcmp(a->url, b->url) != 0 || strcmp(a->sha256, b->sha256) != 0 ||
			    strcmp(a->asked, b->asked) != 0 || strcmp(a->published, b->published) != 0 ||
			    (a->fetched[0] != '\0' && !date_parse_utc(&sec, a->fetched, strlen(a->fetched))))
				abort();
		}
		free(meta);
		free(want);
	}
	rates_destroy(&t);
	rates_destroy(&again);
}

static void check_utc(const char *s, size_t size)
{
	long long sec;
	char back[DATE_UTC_SIZE];
	if (!date_parse_utc(&sec, s, size))
		return;
	date_format_utc(back, sec);
	if (size != DATE_UTC_SIZE - 1 || memcmp(back, s, size) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data;
	check_resolution(s, size);
	check_receipts(s, size);
	check_utc(s, size);
	return 0;
}
