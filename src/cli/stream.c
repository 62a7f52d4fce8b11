/*
 * stream.c - sarraf --from FROM --to TO [FILE...]: the stream command; with
 * --date-field, the table of each day a stream names.
 */
#include "cli.h"

#include "i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sarraf/convert.h"
#include "sarraf/currency.h"
#include "sarraf/date.h"
#include "sarraf/decimal.h"
#include "sarraf/load.h"
#include "sarraf/output.h"
#include "sarraf/rates.h"
#include "sarraf/tables.h"
#include "sarraf/words.h"
#include "sarraf/msg.h"
#include "stream/stream.h"

/*
 * --date-field: the table of each day a stream names, loaded once and kept
 * (in a hash by day number) for the rest of the run; a day that has no
 * table is kept too, with its reason, so that it is asked for once.
 */
#define DAY_TABLES_MAX 4096

typedef struct {
	long day;
	bool ok;
	rates_table t;
	char why[160];
} day_table;

typedef struct {
	const cli_opts *o;
	const char *src;
	day_table **slot; /* DAY_TABLES_MAX * 2 slots, open addressing */
	size_t count;
	day_table *last;
} day_tables;

static const rates_table *table_on(void *ctx, date_t day, char *why, size_t cap)
{
	day_tables *dt = ctx;
	long k = date_to_days(day);
	day_table *d = dt->last;
	if (d == NULL || d->day != k) {
		size_t h = (size_t)(k * 2654435761u) % (2 * DAY_TABLES_MAX);
		while (dt->slot[h] != NULL && dt->slot[h]->day != k)
			h = (h + 1) % (2 * DAY_TABLES_MAX);
		d = dt->slot[h];
		if (d == NULL) {
			char iso[DATE_ISO_SIZE], err[TABLES_MSG_MAX];
			date_format_iso(iso, day);
			if (dt->count == DAY_TABLES_MAX) {
				msg_set(why, cap, _("more than %d distinct days in one stream"), DAY_TABLES_MAX);
				return NULL;
			}
			d = calloc(1, sizeof *d);
			if (d == NULL) {
				msg_set(why, cap, _("out of memory"));
				return NULL;
			}
			d->day = k;
			rates_init(&d->t);
			if (date_cmp(day, date_add(date_today(), 1)) > 0) {
				msg_set(d->why, sizeof d->why, _("date %s is in the future"), iso);
			} else {
				tables_opts to = dt->o->net;
				tables_report rep;
				to.dated = true;
				to.date = day;
				to.quiet_earlier = true;
				to.warn = (msg_sink){ print_warning, NULL };
				d->ok = tables_load(&d->t, dt->src, &to, &rep, err) == 0;
				if (!d->ok)
					msg_set(d->why, sizeof d->why, _("no rates for %s: %s"), iso, err);
			}
			dt->slot[h] = d;
			dt->count++;
		}
		dt->last = d;
	}
	if (!d->ok) {
		msg_set(why, cap, "%s", d->why);
		return NULL;
	}
	return &d->t;
}

static void day_tables_free(day_tables *dt)
{
	for (size_t h = 0; dt->slot != NULL && h < 2 * DAY_TABLES_MAX; h++)
		if (dt->slot[h] != NULL) {
			rates_destroy(&dt->slot[h]->t);
			free(dt->slot[h]);
		}
	free(dt->slot);
}

/* --from/--to: convert the files named by the operands, or stdin. */
int cmd_stream(cli_opts *o, const rates_table *t)
{
	/* --date-field: the codes are resolved without a table, each line's day has its own. */
	char code[4];
	int rc;
	const rates_table *lt = o->date_field != 0 ? NULL : t;
	if (o->from != NULL && (rc = lookup(lt, o->from, code)) != EXIT_OK)
		return rc;
	for (int k = 0; k < o->nto; k++)
		if ((rc = lookup(lt, o->to_text[k], o->to[k])) != EXIT_OK)
			return rc;
	stream_opts so = {
		.table = o->date_field != 0 ? NULL : t,
		.from = o->from ? code : NULL,
		.to = o->to,
		.nto = o->nto,
		.precision = o->precision,
		.mode = o->mode,
		.nfields = o->nfields,
		.from_field = o->from_field,
		.delim = o->delim,
		.header = o->header,
		.append = o->append,
		.grouped = o->grouped,
		.decimal_comma = o->decimal_comma,
		.bank = o->bank,
		.eol = o->zero ? '\0' : '\n',
		.invalid = o->invalid,
		.format = o->format,
	};
	memcpy(so.fields, o->fields, sizeof so.fields);
	day_tables dt = { o, rates_source(o), NULL, 0, NULL };
	if (o->date_field != 0) {
		dt.slot = calloc(2 * DAY_TABLES_MAX, sizeof *dt.slot);
		if (dt.slot == NULL) {
			errorf(_("out of memory"));
			return EXIT_DATA;
		}
		so.date_field = o->date_field;
		so.table_on = table_on;
		so.table_ctx = &dt;
	}
	fflush(stdout);
	rc = stream_run(&so, o->operands, o->noperands);
	day_tables_free(&dt);
	return rc;
}
