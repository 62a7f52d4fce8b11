/*
 * fuzz_nbkr_archive.c - libFuzzer target for the NBKR's archive page,
 * nbkr_archive_parse(), nbkr_archive_on() and nbkr_archive_url().
 *
 * Properties:
 *   - a page is accepted whole or refused whole: on -1 the message is one
 *     non-empty line (no newline) that fits its buffer;
 *   - on success 1 <= n <= cap, every row's day is real, its value > 0, and
 *     no day repeats; the page holds exactly 2n of each marker, and each
 *     row is what its cells say, checked against the text itself (the
 *     date cell's trimmed text is the row's day written DD.MM.YYYY, the
 *     value cell's is the row's value as dec_to_string writes it, up to
 *     the decimal comma and leading zeros);
 *   - the same page with room for n rows gives the same rows, and with
 *     room for n - 1 is refused for that alone;
 *   - nbkr_archive_on() gives, for days around every row and a day taken
 *     from the input, a row on or before the day with no later row also
 *     on or before it; NULL exactly when every row is later;
 *   - the input as a URL template (up to its first NUL) expands to a
 *     string that fits, holds no placeholder, and is the same with any
 *     cap that it fits in.
 * The body is the fuzzer's own buffer, exactly size bytes: ASan sees any
 * read past it. The rows go to a buffer of exactly cap rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarraf/nbkr_archive.h"

static const char DATE_MARK[] = "<!--date-->";
static const char VALUE_MARK[] = "<!--value-->";

/* Where each occurrence of mark starts (up to max of them); returns how many there are. */
static size_t find_all(const char *s, size_t len, const char *mark, size_t *at, size_t max)
{
	size_t m = strlen(mark), count = 0;
	for (size_t i = 0; i + m <= len; i++)
		if (memcmp(s + i, mark, m) == 0) {
			if (count < max)
				at[count] = i;
			count++;
			i += m - 1;
		}
	return count;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The cell text between the marker at open (m bytes) and the one at close, blanks dropped. */
static void cell(const char *s, size_t open, size_t m, size_t close, const char **t, size_t *n)
{
	size_t a = open + m, b = close;
	while (a < b && blank(s[a]))
		a++;
	while (b > a && blank(s[b - 1]))
		b--;
	*t = s + a;
	*n = b - a;
}

/* A decimal's trailing zeros after the point (and a bare point) dropped: "87.4500" -> "87.45". */
static void drop_trailing_zeros(char *s)
{
	if (strchr(s, '.') == NULL)
		return;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
}

static void check_row_text(const nbkr_day_rate *r, const char *d, size_t dn, const char *v, size_t vn)
{
	char want[64];
	snprintf(want, sizeof want, "%02d.%02d.%04d", r->day.day, r->day.month, r->day.year);
	if (dn != strlen(want) || memcmp(d, want, dn) != 0)
		abort();

	/*
	 * The cell's text: comma as point, leading zeros dropped (one kept before the point), and
	 * trailing zeros of the fraction, which a value of more than 38 digits may not keep (the
	 * same number).
	 */
	char text[128], str[DEC_STRING_MAX];
	size_t k = 0, o = 0;
	if (vn >= sizeof text)
		abort(); /* longer than any value accepted */
	while (k + 1 < vn && v[k] == '0' && v[k + 1] >= '0' && v[k + 1] <= '9')
		k++;
	for (; k < vn; k++)
		text[o++] = v[k] == ',' ? '.' : v[k];
	text[o] = '\0';
	drop_trailing_zeros(text);
	if (dec_to_string(str, sizeof str, &r->value) < 0)
		abort();
	drop_trailing_zeros(str);
	if (strcmp(str, text) != 0) {
		fprintf(stderr, "value '%.*s' read as %s\n", (int)vn, v, str);
		abort();
	}
}

static void check_on(const nbkr_day_rate *rows, size_t n, date_t day)
{
	const nbkr_day_rate *got = nbkr_archive_on(rows, n, day);
	const nbkr_day_rate *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (date_cmp(rows[i].day, day) <= 0 && (best == NULL || date_cmp(rows[i].day, best->day) > 0))
			best = &rows[i];
	if (got != best)
		abort();
	if (got != NULL) {
		if (got < rows || got >= rows + n || date_cmp(got->day, day) > 0)
			abort();
		for (size_t i = 0; i < n; i++)
			if (date_cmp(rows[i].day, got->day) > 0 && date_cmp(rows[i].day, day) <= 0)
				abort(); /* a later row also qualifies */
	}
}

static void check_err(const char *err)
{
	size_t n = strnlen(err, FEED_ERR_MAX);
	if (n == 0 || n == FEED_ERR_MAX || strchr(err, '\n') != NULL || strchr(err, '\r') != NULL)
		abort();
}

static int parse(nbkr_day_rate **rows, size_t cap, const char *body, size_t len, char err[FEED_ERR_MAX])
{
	*rows = malloc((cap > 0 ? cap : 1) * sizeof **rows);
	if (*rows == NULL)
		abort();
	memset(err, 'x', FEED_ERR_MAX);
	return nbkr_archive_parse(*rows, cap, body, len, err);
}

static void check_url(const char *data, size_t size)
{
	static const char *const names[] = { "{ID}", "{YYYY}", "{MM}", "{DD}", "{FROM_YYYY}", "{FROM_MM}", "{FROM_DD}" };
	char tmpl[4096], big[16384], small[64];
	size_t n = strnlen(data, size < sizeof tmpl - 1 ? size : sizeof tmpl - 1);
	memcpy(tmpl, data, n);
	tmpl[n] = '\0';
	date_t from = { 2025, 2, 28 }, to = { 2026, 12, 31 };
	if (nbkr_archive_url(big, sizeof big, tmpl, 108, from, to) != 0)
		abort(); /* no placeholder's value is longer than its name */
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strstr(big, names[k]) != NULL)
			abort();
	size_t len = strlen(big);
	int r = nbkr_archive_url(small, sizeof small, tmpl, 108, from, to);
	if ((r == 0) != (len < sizeof small) || (r == 0 && strcmp(small, big) != 0))
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *body = (const char *)data;
	char err[FEED_ERR_MAX];
	nbkr_day_rate *rows;

	check_url(body, size);

	int n = parse(&rows, NBKR_ARCHIVE_MAX_DAYS, body, size, err);
	if (n < 0) {
		if (n != -1)
			abort();
		check_err(err);
		free(rows);
		return 0;
	}
	if (n == 0 || n > NBKR_ARCHIVE_MAX_DAYS)
		abort();
	size_t count = (size_t)n;

	for (size_t i = 0; i < count; i++) {
		const nbkr_day_rate *r = &rows[i];
		if (!date_valid(r->day.year, r->day.month, r->day.day) || r->value.coef <= 0)
			abort();
		for (size_t j = 0; j < i; j++)
			if (date_cmp(rows[j].day, r->day) == 0)
				abort(); /* a day twice */
	}

	/* The markers: exactly two of each per row, in order date, date, value, value. */
	static size_t dat[2 * NBKR_ARCHIVE_MAX_DAYS], val[2 * NBKR_ARCHIVE_MAX_DAYS];
	if (find_all(body, size, DATE_MARK, dat, 2 * count) != 2 * count ||
	    find_all(body, size, VALUE_MARK, val, 2 * count) != 2 * count)
		abort();
	for (size_t i = 0; i < count; i++) {
		const char *d, *v;
		size_t dn, vn;
		if (!(dat[2 * i] < dat[2 * i + 1] && dat[2 * i + 1] < val[2 * i] && val[2 * i] < val[2 * i + 1]) ||
		    (i + 1 < count && val[2 * i + 1] > dat[2 * i + 2]))
			abort();
		cell(body, dat[2 * i], sizeof DATE_MARK - 1, dat[2 * i + 1], &d, &dn);
		cell(body, val[2 * i], sizeof VALUE_MARK - 1, val[2 * i + 1], &v, &vn);
		check_row_text(&rows[i], d, dn, v, vn);
	}

	/* Room for exactly n rows: the same; for n - 1: refused for that alone. */
	nbkr_day_rate *again;
	char want[FEED_ERR_MAX];
	if (parse(&again, count, body, size, err) != n)
		abort();
	for (size_t i = 0; i < count; i++)
		if (date_cmp(again[i].day, rows[i].day) != 0 || again[i].value.coef != rows[i].value.coef ||
		    again[i].value.exp != rows[i].value.exp)
			abort();
	free(again);
	snprintf(want, sizeof want, "more than %zu rows in the page", count - 1);
	if (parse(&again, count - 1, body, size, err) != -1 || strcmp(err, want) != 0)
		abort();
	free(again);

	/* The rate on a day: around every row, and a day from the input. */
	for (size_t i = 0; i < count; i++)
		for (long delta = -1; delta <= 1; delta++)
			check_on(rows, count, date_add(rows[i].day, delta));
	if (size >= 2) {
		long shift = (long)(data[0] | data[1] << 8) % 800 - 400;
		check_on(rows, count, date_add(rows[0].day, shift));
	}
	free(rows);
	return 0;
}
