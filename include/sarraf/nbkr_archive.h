/*
 * nbkr_archive.h - the National Bank of the Kyrgyz Republic's archive page:
 * past rates of one currency over a window of days, as HTML.
 *
 * The bank publishes history only as a web page, one currency per request
 * (valuta_id), up to about a year per window. Each published day is a row
 * whose cells are marked by HTML comments:
 *
 *   <td><!--date-->05.01.2026<!--date--></td> ... <td><!--value-->87,4500<!--value--></td>
 *
 * A value is KGS per nominal units, with a decimal comma; the nominal is
 * not in the page (nbkr_archive_nominal() knows it). Everything else in the
 * page (head, scripts, tables, tags between a date cell and its value cell)
 * is skipped.
 *
 * A page is accepted whole or refused whole, with one line naming the row
 * at fault; dates go through date.h, values through dec_parse (exact).
 */
#ifndef SARRAF_NBKR_ARCHIVE_H
#define SARRAF_NBKR_ARCHIVE_H

#include <stddef.h>

#include "sarraf/date.h"
#include "sarraf/decimal.h"
#include "sarraf/feed.h"

/* One published day: KGS per nominal units, the digits exactly as written. */
typedef struct {
	date_t day;
	dec_t value;
} nbkr_day_rate;

/* Room for one window's rows: the bank serves about a year per request. */
#define NBKR_ARCHIVE_MAX_DAYS 400

/* The largest page accepted: 1 MiB, as for any fetched body. */
#define NBKR_ARCHIVE_MAX_BYTES (1024u * 1024u)

/* The bank's URL for one currency ({ID}) from one day ({FROM_*}) to another. */
#define NBKR_ARCHIVE_URL                                                                     \
	"https://www.nbkr.kg/index1.jsp?item=1562&lang=ENG&valuta_id={ID}&beg_day={FROM_DD}" \
	"&beg_month={FROM_MM}&beg_year={FROM_YYYY}&end_day={DD}&end_month={MM}&end_year={YYYY}"

/*
 * Every (date, value) row of body[0..len), in page order, into out (room for
 * cap rows). body need not end in a NUL: nothing past len is read.
 *
 * A row is a date cell, then (anything but another cell in between) its
 * value cell; blanks around a cell's text are ignored. A date is DD.MM.YYYY
 * and a real day; a value is digits with at most one decimal comma or point
 * (digits on both sides of it), no sign, no exponent, > 0, held exactly. No
 * two rows have the same day. Refused: a page over NBKR_ARCHIVE_MAX_BYTES,
 * more than cap rows, a page without rows.
 *
 * Returns the number of rows (>= 1), or -1 with one line in err, such as
 * "row 3: date '31.02.2026' is not a real day" or "no rates in the page";
 * out's contents are then unspecified.
 */
int nbkr_archive_parse(nbkr_day_rate *out, size_t cap, const char *body, size_t len,
                       char err[FEED_ERR_MAX]);

/*
 * The rate in effect on day: the row with the latest day on or before it
 * (rows in any order, days distinct as nbkr_archive_parse leaves them), or
 * NULL when every row is later than day. A weekend gets the Friday before.
 */
const nbkr_day_rate *nbkr_archive_on(const nbkr_day_rate *rows, size_t n, date_t day);

/*
 * The bank's valuta_id of an upper-case ISO code ("USD" -> 15), or -1 when
 * it is not known; the nominal that the page's values are per (1, or 10 for
 * JPY, AMD, IDR and HUF), or -1 for a code not known.
 */
int nbkr_archive_id(const char *code);
int nbkr_archive_nominal(const char *code);

/*
 * The request URL into out (cap bytes): tmpl (NULL: NBKR_ARCHIVE_URL) with
 * {ID} replaced by id, {YYYY} {MM} {DD} by the window's last day `to`, and
 * {FROM_YYYY} {FROM_MM} {FROM_DD} by its first day `from`. Other text is
 * copied as it is. Returns 0, or -1 when id < 0, a day is not a real one
 * (date_valid), or the URL does not fit in cap.
 */
int nbkr_archive_url(char *out, size_t cap, const char *tmpl, int id, date_t from, date_t to);

#endif
