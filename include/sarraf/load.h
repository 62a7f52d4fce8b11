/*
 * load.h - JSON text -> rate table, and reading a table's bytes from a file
 * or pipe with a size cap.
 *
 * A table is accepted whole or rejected whole: on failure the output table
 * is left empty (as after rates_init) and err holds one line, without the
 * "sarraf: " prefix, naming the key at fault, e.g.
 *   quote 'KZT/USD': value is zero
 */
#ifndef SARRAF_LOAD_H
#define SARRAF_LOAD_H

#include <stddef.h>

#include "sarraf/rates.h"

/* The largest table accepted: 1 MiB. */
#define LOAD_MAX_BYTES (1024u * 1024u)

/* Room for an error message. */
#define LOAD_ERR_MAX 256

/*
 * Parse a rate table from text[0..len): the native form (SPEC "Rate tables
 * (JSON)"), or one of the feeds' shapes, told apart by their shape alone:
 *   {"base_code"|"base", "rates": {...}}          open.er-api.com, fixer-style
 *   {"date", "usd": {"kzt": ...}}                 fawazahmed0 currency-api
 *   {"kzt": {"code", "rate", ...}, ...}           FloatRates (base: origin's "usd.json")
 *   [{"Ccy", "Nominal", "Rate", "Date"}, ...]     Central Bank of Uzbekistan (base UZS)
 *   [{"date", "base", "quote", "rate"}, ...]      Frankfurter v2
 * A feed's source becomes its kind and origin; its date becomes ISO 8601.
 * `out` must be initialised with rates_init(); on success it owns the data
 * (free it with rates_destroy). origin is copied into out->origin (may be NULL).
 * Returns 0 on success, -1 on an invalid table.
 */
int load_table(rates_table *out, const char *text, size_t len, const char *origin,
               char err[LOAD_ERR_MAX]);

/*
 * load_table, with the base of a feed that does not name one (FloatRates)
 * given by the caller (--base); NULL: from the origin's name, as load_table.
 * A central bank's XML is read with libxml2, loaded from the path libxml2
 * if no parse of the process has loaded it yet (context.h; NULL, as for
 * load_table: OFFICIAL_LIBXML2).
 */
int load_table_base(rates_table *out, const char *text, size_t len, const char *origin,
                    const char *base, const char *libxml2, char err[LOAD_ERR_MAX]);

/*
 * Read a whole file ("-" is standard input; pipes and FIFOs work) of at most
 * LOAD_MAX_BYTES into a new NUL-terminated buffer that the caller frees.
 * Returns 0, or -1 with err set ("No such file or directory", "larger than
 * 1 MiB", "is a directory" ...).
 */
int load_read_file(const char *path, char **text, size_t *len, char err[LOAD_ERR_MAX]);

/*
 * t in the native JSON form, each quote's own source and date under
 * "quote_sources": {"KZT": {"source": ..., "date": ...}}, which load_table
 * reads back. Returns a malloc'ed NUL-terminated string, or NULL.
 */
char *load_to_json(const rates_table *t);

#endif
