/*
 * test_official.c - the central banks' feeds -> tables (each shape, comma
 * decimals, Nominal 10/100 folded exactly, windows-1251, malformed XML, an
 * XML bomb and an external entity refused), the USD table built from them
 * (each quote's bank and date, mixed dates, the TMT outlier), and its JSON
 * form read back by the loader. The real feeds in ../shared/fixtures/official
 * are read too when that folder exists.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sarraf/load.h"
#include "sarraf/official.h"
#include "sarraf/convert.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FIX "tests/fixtures/official/"
#define REAL "../shared/fixtures/official/"

static char *slurp(const char *path, size_t *len)
{
	char *text = NULL, err[LOAD_ERR_MAX];
	if (load_read_file(path, &text, len, err) != 0)
		fail_msg("%s: %s", path, err);
	return text;
}

/* The warnings of official_usd_table, kept to be looked at. */
typedef struct {
	size_t count;
	char line[16][320];
} notes_kept;

static void keep_note(void *ctx, const char *line)
{
	notes_kept *n = ctx;
	if (n->count < 16)
		snprintf(n->line[n->count++], sizeof n->line[0], "%s", line);
}

static void parse_file(rates_table *t, official_bank b, const char *path, int want,
                       const char *err_fragment)
{
	char err[OFFICIAL_ERR_MAX] = "";
	size_t len;
	char *text = slurp(path, &len);
	rates_init(t);
	int rc = official_parse(t, b, text, len, NULL, err);
	free(text);
	if (rc != want)
		fail_msg("%s: rc %d, want %d (%s)", path, rc, want, err);
	if (err_fragment != NULL && strstr(err, err_fragment) == NULL)
		fail_msg("%s: error '%s' lacks '%s'", path, err, err_fragment);
}

/* The quote of code, as written by dec_to_string, with its key. */
static void expect_quote(const rates_table *t, const char *code, const char *key, const char *value)
{
	char v[DEC_STRING_MAX], k[8];
	const rates_quote *q = rates_find(t, code);
	if (q == NULL)
		fail_msg("no quote for %s", code);
	assert_true(dec_to_string(v, sizeof v, &q->quote) > 0);
	snprintf(k, sizeof k, "%s/%s", q->inverse ? t->base : code, q->inverse ? code : t->base);
	assert_string_equal(k, key);
	assert_string_equal(v, value);
}

static void each_feed_shape_should_parse_with_nominal_and_commas_exact(void **state)
{
	(void)state;
	static const struct {
		official_bank bank;
		const char *file, *base, *date, *code, *key, *value;
	} cases[] = {
		{ OFFICIAL_NBK, FIX "nbk.xml", "KZT", "2026-04-01", "USD", "USD/KZT", "505.12" },
		{ OFFICIAL_NBK, FIX "nbk.xml", "KZT", "2026-04-01", "AMD", "AMD/KZT", "1.272" },
		{ OFFICIAL_NBK, FIX "nbk.xml", "KZT", "2026-04-01", "UZS", "UZS/KZT", "0.0414" },
		{ OFFICIAL_NBKR, FIX "nbkr-daily.xml", "KGS", "2026-04-01", "USD", "USD/KGS", "87.4500" },
		{ OFFICIAL_NBKR, FIX "nbkr-daily.xml", "KGS", "2026-04-01", "KZT", "KZT/KGS", "0.1731" },
		{ OFFICIAL_NBKR, FIX "nbkr-weekly.xml", "KGS", "2026-03-28", "JPY", "JPY/KGS", "0.54969" },
		{ OFFICIAL_NBKR, FIX "nbkr-weekly.xml", "KGS", "2026-03-28", "BYR", "BYR/KGS", "0.003402" },
		{ OFFICIAL_NBT, FIX "nbt.xml", "TJS", "2026-04-01", "USD", "USD/TJS", "9.3450" },
		{ OFFICIAL_NBT, FIX "nbt.xml", "TJS", "2026-04-01", "UZS", "UZS/TJS", "0.000780" },
		{ OFFICIAL_NBT, FIX "nbt.xml", "TJS", "2026-04-01", "KGS", "KGS/TJS", "0.10686" },
		{ OFFICIAL_CBU, FIX "cbu.json", "UZS", "2026-04-01", "IDR", "IDR/UZS", "0.718" },
		{ OFFICIAL_CBU, FIX "cbu.json", "UZS", "2026-04-01", "TMT", "TMT/UZS", "4037.68" },
	};
	for (size_t k = 0; k < COUNT(cases); k++) {
		rates_table t;
		parse_file(&t, cases[k].bank, cases[k].file, 0, NULL);
		assert_string_equal(t.base, cases[k].base);
		assert_string_equal(t.date, cases[k].date);
		assert_string_equal(t.source, official_info(cases[k].bank)->name);
		expect_quote(&t, cases[k].code, cases[k].key, cases[k].value);
		rates_destroy(&t);
	}
}

static void unsafe_or_broken_feeds_should_be_refused(void **state)
{
	(void)state;
	static const struct {
		official_bank bank;
		const char *file, *fragment;
	} cases[] = {
		{ OFFICIAL_NBK, FIX "malformed.xml", "malformed XML" },
		{ OFFICIAL_NBK, FIX "bomb.xml", "DOCTYPE is not accepted" },
		{ OFFICIAL_NBK, FIX "xxe.xml", "DOCTYPE is not accepted" },
		{ OFFICIAL_NBK, FIX "nbt.xml", "root element is 'ValCurs', not 'rates'" },
		{ OFFICIAL_NBT, FIX "nbk.xml", "not 'ValCurs'" },
		{ OFFICIAL_CBU, FIX "nbk.xml", "CBU feed" },
	};
	for (size_t k = 0; k < COUNT(cases); k++) {
		rates_table t;
		parse_file(&t, cases[k].bank, cases[k].file, -1, cases[k].fragment);
		assert_int_equal(t.count, 0);
	}
}

/* A feed's date must be a real day, in the bank's parser itself (31.02 was once let through). */
static void dates_should_be_real_days(void **state)
{
	static const struct {
		official_bank bank;
		const char *body, *err;
	} cases[] = {
		{ OFFICIAL_NBK, "<rates><date>31.02.2026</date><item><title>USD</title><description>505.12"
		                "</description><quant>1</quant></item></rates>",
		  "NBK feed: the date '31.02.2026' is not a real day" },
		{ OFFICIAL_NBT, "<ValCurs Date=\"2026-02-30\"><Valute><CharCode>USD</CharCode><Nominal>1"
		                "</Nominal><Value>9.3</Value></Valute></ValCurs>",
		  "NBT feed: the date '2026-02-30' is not a real day" },
		{ OFFICIAL_NBK, "<rates><date>2026/04/01</date><item><title>USD</title><description>505.12"
		                "</description><quant>1</quant></item></rates>",
		  "NBK feed: the date '2026/04/01' is not dd.mm.yyyy or yyyy-mm-dd" },
		{ OFFICIAL_CBU, "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"12000\",\"Date\":\"29.02.2026\"}]",
		  "CBU feed:" },
	};
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		rates_table t;
		char err[OFFICIAL_ERR_MAX] = "";
		rates_init(&t);
		assert_int_equal(official_parse(&t, cases[k].bank, cases[k].body, strlen(cases[k].body), NULL, err), -1);
		if (strstr(err, cases[k].err) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", k, err, cases[k].err);
		assert_int_equal(t.count, 0);
	}
	/* and a real one still parses */
	static const char good[] = "<rates><date>28.02.2026</date><item><title>USD</title>"
	                           "<description>505.12</description><quant>1</quant></item></rates>";
	rates_table t;
	char err[OFFICIAL_ERR_MAX] = "";
	rates_init(&t);
	assert_int_equal(official_parse(&t, OFFICIAL_NBK, good, strlen(good), NULL, err), 0);
	assert_string_equal(t.date, "2026-02-28");
	rates_destroy(&t);
}

static void values_should_be_read_strictly(void **state)
{
	(void)state;
	static const struct {
		const char *value, *nominal, *want; /* want NULL: refused */
	} cases[] = {
		{ "87,4500", "1", "87.4500" }, { "0,3402", "100", "0.003402" }, { " 12.5 ", "10", "1.25" },
		{ "1,2,3", "1", NULL },        { "1,2.3", "1", NULL },          { "-5", "1", NULL },
		{ "0", "1", NULL },            { "1e3", "1", NULL },            { "", "1", NULL },
		{ "5", "3", NULL },            { "5", "0", NULL },              { "5", "", NULL },
	};
	for (size_t k = 0; k < COUNT(cases); k++) {
		char body[512], err[OFFICIAL_ERR_MAX];
		int n = snprintf(body, sizeof body,
		                 "<ValCurs Date=\"2026-04-01\"><Valute><CharCode>USD</CharCode>"
		                 "<Nominal>%s</Nominal><Value>%s</Value></Valute></ValCurs>",
		                 cases[k].nominal, cases[k].value);
		rates_table t;
		rates_init(&t);
		int rc = official_parse(&t, OFFICIAL_NBT, body, (size_t)n, NULL, err);
		if (cases[k].want == NULL) {
			if (rc != -1)
				fail_msg("'%s' per '%s' accepted", cases[k].value, cases[k].nominal);
		} else {
			if (rc != 0)
				fail_msg("'%s' per '%s' refused: %s", cases[k].value, cases[k].nominal, err);
			expect_quote(&t, "USD", "USD/TJS", cases[k].want);
		}
		rates_destroy(&t);
	}
}

static void usd_table_should_keep_each_banks_quote_and_warn(void **state)
{
	(void)state;
	rates_table banks[OFFICIAL_BANKS], out;
	const rates_table *have[OFFICIAL_BANKS];
	static const char *const files[OFFICIAL_BANKS] = { FIX "nbk.xml", FIX "nbkr-daily.xml",
		                                               FIX "nbt-2026-04-02.xml", FIX "cbu.json" };
	for (size_t b = 0; b < OFFICIAL_BANKS; b++) {
		parse_file(&banks[b], (official_bank)b, files[b], 0, NULL);
		have[b] = &banks[b];
	}
	dec_t peg;
	assert_int_equal(dec_parse_cstr(&peg, OFFICIAL_TMT_PEG), DEC_OK);
	notes_kept notes = { 0 };
	msg_sink sink = { keep_note, &notes };
	char err[OFFICIAL_ERR_MAX];
	rates_init(&out);
	assert_int_equal(official_usd_table(&out, have, &peg, "peg", &sink, err), 0);
	assert_string_equal(out.base, "USD");
	assert_string_equal(out.date, "2026-04-02");
	expect_quote(&out, "KZT", "USD/KZT", "505.12");
	expect_quote(&out, "KGS", "USD/KGS", "87.4500");
	expect_quote(&out, "TJS", "USD/TJS", "9.3450");
	expect_quote(&out, "UZS", "USD/UZS", "12194.21");
	expect_quote(&out, "TMT", "USD/TMT", "3.50");
	assert_string_equal(rates_find(&out, "TJS")->source, "National Bank of Tajikistan");
	assert_string_equal(rates_find(&out, "TJS")->date, "2026-04-02");
	assert_string_equal(rates_find(&out, "KZT")->date, "2026-04-01");
	bool mixed = false, outlier = false;
	for (size_t k = 0; k < notes.count; k++) {
		mixed |= strstr(notes.line[k], "mixes dates") != NULL;
		outlier |= strstr(notes.line[k], "CBU's rates give 3.0201 TMT per USD") != NULL;
	}
	assert_true(mixed);
	assert_true(outlier);

	/* The JSON form, read back: the same quotes, each with its bank and date. */
	char *json = load_to_json(&out);
	assert_non_null(json);
	rates_table back;
	char lerr[LOAD_ERR_MAX];
	rates_init(&back);
	if (load_table(&back, json, strlen(json), "official", lerr) != 0)
		fail_msg("%s\n%s", lerr, json);
	expect_quote(&back, "UZS", "USD/UZS", "12194.21");
	assert_string_equal(rates_find(&back, "UZS")->source, "Central Bank of Uzbekistan");
	assert_string_equal(rates_find(&back, "UZS")->date, "2026-04-01");
	assert_string_equal(rates_find(&back, "TMT")->source, "peg");
	assert_null(rates_find(&back, "TMT")->date);
	free(json);
	rates_destroy(&back);

	/* One bank missing: its currency is missing, the rest stands. */
	rates_destroy(&out);
	have[OFFICIAL_NBT] = NULL;
	rates_init(&out);
	assert_int_equal(official_usd_table(&out, have, &peg, "peg", &sink, err), 0);
	assert_null(rates_find(&out, "TJS"));
	rates_destroy(&out);
	for (size_t b = 0; b < OFFICIAL_BANKS; b++)
		rates_destroy(&banks[b]);
}

static void real_feeds_should_parse_when_present(void **state)
{
	(void)state;
	struct stat st;
	if (stat(REAL, &st) != 0) {
		printf("skipped: the real feeds (%s) are not there\n", REAL);
		return;
	}
	static const struct {
		official_bank bank;
		const char *file, *key, *value;
	} cases[] = {
		{ OFFICIAL_NBK, REAL "nbk-2026-04-01.xml", "AMD/KZT", "1.272" },
		{ OFFICIAL_NBKR, REAL "nbkr-daily-2026-05-24.xml", "USD/KGS", "87.4500" },
		{ OFFICIAL_NBKR, REAL "nbkr-weekly-2026-05-23.xml", "BYR/KGS", "0.003402" },
		{ OFFICIAL_NBT, REAL "nbt-2026-05-18.xml", "UZS/TJS", "0.000780" },
		{ OFFICIAL_CBU, REAL "cbu-2026-04-01.json", "TMT/UZS", "4037.68" },
	};
	for (size_t k = 0; k < COUNT(cases); k++) {
		rates_table t;
		char code[4];
		parse_file(&t, cases[k].bank, cases[k].file, 0, NULL);
		memcpy(code, cases[k].key, 3);
		code[3] = '\0';
		expect_quote(&t, code, cases[k].key, cases[k].value);
		rates_destroy(&t);
	}
}

/* A bank's own table: base, then "CODE", "value" pairs (X/base). */
static rates_table *bank_table(const char *base, const char *const *quotes)
{
	rates_table *t = malloc(sizeof *t);
	assert_non_null(t);
	rates_init(t);
	memcpy(t->base, base, 4);
	for (size_t k = 0; quotes[k] != NULL; k += 2) {
		dec_t v;
		assert_int_equal(dec_parse_cstr(&v, quotes[k + 1]), DEC_OK);
		assert_true(rates_add(t, quotes[k], &v, false));
		t->quotes[t->count - 1].exact = true;
	}
	return t;
}

/* a's value of one unit of from in to, as "num/den e exp" reduced: compared by cross-multiplying. */
static void expect_ratio(const official_answer *a, const char *num, const char *den)
{
	/* vf/vt == num/den  <=>  vf.num * vt.den * den == vt.num * vf.den * num (same exponents here) */
	dec_t n, d;
	assert_int_equal(dec_parse_cstr(&n, num), DEC_OK);
	assert_int_equal(dec_parse_cstr(&d, den), DEC_OK);
	rates_value rn = { (dec_uint)n.coef, 1, n.exp }, rd = { (dec_uint)d.coef, 1, d.exp };
	conv_pair got, want;
	conv_pair_init(&got, &a->vf, &a->vt);
	conv_pair_init(&want, &rn, &rd);
	char g[64], w[64];
	assert_true(conv_format_rate(g, sizeof g, &got, 12, 0, true, DEC_ROUND_HALF_EVEN) > 0);
	assert_true(conv_format_rate(w, sizeof w, &want, 12, 0, true, DEC_ROUND_HALF_EVEN) > 0);
	assert_string_equal(g, w);
}

static void a_pair_should_be_answered_by_the_bank_the_law_names(void **state)
{
	(void)state;
	rates_table usd;
	rates_init(&usd);
	memcpy(usd.base, "USD", 4);
	static const char *const local[][2] = { { "KZT", "500" }, { "KGS", "87.5" }, { "TJS", "10.5" },
		                                    { "UZS", "12500" }, { "TMT", "3.5" } };
	for (size_t k = 0; k < COUNT(local); k++) {
		dec_t v;
		assert_int_equal(dec_parse_cstr(&v, local[k][1]), DEC_OK);
		assert_true(rates_add(&usd, local[k][0], &v, true));
	}
	static const char *const nbk[] = { "USD", "500", "EUR", "550", "RUB", "6.5", "UZS", "0.04", "KGS", "5.7", NULL };
	static const char *const cbu[] = { "USD", "12500", "KZT", "25", "EUR", "13700", "RUB", "160", "CNY", "1700", NULL };
	static const char *const nbkr[] = { "USD", "87.5", "RUB", "0.98", "KZT", "0.17", NULL };
	static const char *const nbt[] = { "USD", "10.5", "RUB", "0.12", NULL };
	usd.parts[OFFICIAL_NBK] = bank_table("KZT", nbk);
	usd.parts[OFFICIAL_CBU] = bank_table("UZS", cbu);
	usd.parts[OFFICIAL_NBKR] = bank_table("KGS", nbkr);
	usd.parts[OFFICIAL_NBT] = bank_table("TJS", nbt);
	official_answer a;

	/* one local currency: its bank's own quote */
	assert_true(official_answer_pair(&a, &usd, "EUR", "KZT", -1));
	assert_int_equal(a.bank, OFFICIAL_NBK);
	assert_true(a.direct);
	expect_ratio(&a, "550", "1");
	assert_true(official_answer_pair(&a, &usd, "KGS", "RUB", -1));
	assert_int_equal(a.bank, OFFICIAL_NBKR);
	expect_ratio(&a, "1", "0.98");
	/* two local currencies: the target's bank, either way round */
	assert_true(official_answer_pair(&a, &usd, "KZT", "UZS", -1));
	assert_int_equal(a.bank, OFFICIAL_CBU);
	expect_ratio(&a, "25", "1");
	assert_true(official_answer_pair(&a, &usd, "UZS", "KZT", -1));
	assert_int_equal(a.bank, OFFICIAL_NBK);
	expect_ratio(&a, "0.04", "1");
	/* the target's bank does not quote the source: through USD, each bank's USD */
	assert_true(official_answer_pair(&a, &usd, "KZT", "TJS", -1));
	assert_int_equal(a.bank, -1);
	assert_ptr_equal(a.tf, &usd);
	expect_ratio(&a, "10.5", "500");
	/* neither local: the first of NBK, CBU, NBKR, NBT that quotes both, or --bank */
	assert_true(official_answer_pair(&a, &usd, "EUR", "RUB", -1));
	assert_int_equal(a.bank, OFFICIAL_NBK);
	assert_false(a.direct);
	expect_ratio(&a, "550", "6.5");
	assert_true(official_answer_pair(&a, &usd, "EUR", "RUB", OFFICIAL_CBU));
	assert_int_equal(a.bank, OFFICIAL_CBU);
	expect_ratio(&a, "13700", "160");
	assert_true(official_answer_pair(&a, &usd, "CNY", "EUR", -1));
	assert_int_equal(a.bank, OFFICIAL_CBU);
	/* USD pairs: each bank's USD */
	assert_true(official_answer_pair(&a, &usd, "USD", "KGS", -1));
	assert_int_equal(a.bank, OFFICIAL_NBKR);
	expect_ratio(&a, "87.5", "1");
	/* TMT: the peg, unless the other side's bank quotes TMT; a foreign currency through its bank */
	assert_true(official_answer_pair(&a, &usd, "TMT", "EUR", -1));
	assert_int_equal(a.bank, -1);
	assert_ptr_equal(a.tt, usd.parts[OFFICIAL_NBK]);
	expect_ratio(&a, "1", "3.85"); /* (1/3.5) / (550/500) */
	rates_destroy(&usd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_feed_shape_should_parse_with_nominal_and_commas_exact),
		cmocka_unit_test(unsafe_or_broken_feeds_should_be_refused),
		cmocka_unit_test(dates_should_be_real_days),
		cmocka_unit_test(values_should_be_read_strictly),
		cmocka_unit_test(usd_table_should_keep_each_banks_quote_and_warn),
		cmocka_unit_test(real_feeds_should_parse_when_present),
		cmocka_unit_test(a_pair_should_be_answered_by_the_bank_the_law_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
