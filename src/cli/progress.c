/*
 * progress.c - the walk over a range of days of history and fetch --since:
 * each day's table loaded, the progress line on stderr when it is a terminal
 * (redrawn in place at most ten times a second and cleared at the end), and
 * the days a host that could not be reached left unanswered, told once as
 * ranges.
 */
#include "cli.h"

#include "i18n.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void progress_start(progress *p, const char *what, long total)
{
	memset(p, 0, sizeof *p);
	p->what = what;
	p->total = total;
	p->on = isatty(STDERR_FILENO) == 1;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
}

static void progress_clear(progress *p);

static void print_kept(progress *p, const kept_lines *k)
{
	for (size_t i = 0; i < k->count; i++) {
		progress_clear(p);
		errorf("%s", k->line[i]);
	}
}

/* The progress line, on stderr when it is a terminal. */
static double seconds_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Redrawn at most ten times a second, and always when final. */
static void progress_show(progress *p, bool final)
{
	if (!p->on || (!final && seconds_since(&p->last) < 0.1))
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	if (final) {
		fputs("\r\033[K", stderr);
		return;
	}
	double spent = seconds_since(&p->start);
	long left = p->done > 0 ? (long)(spent / (double)p->done * (double)(p->total - p->done) + 0.5) : -1;
	fprintf(stderr, "\r\033[K");
	fprintf(stderr, P_("%s: %ld of %ld day", "%s: %ld of %ld days", p->total), p->what, p->done, p->total);
	fprintf(stderr, P_(", %ld request", ", %ld requests", p->requests), p->requests);
	if (left >= 0 && p->requests > 0)
		fprintf(stderr, _(", about %ld s left"), left);
	fflush(stderr);
}

/* A message while the progress line stands: the line is cleared first, and drawn again after. */
static void progress_clear(progress *p)
{
	if (p->on)
		fputs("\r\033[K", stderr);
}

/* The days of a range that one host left unanswered, as "2026-04-01..2026-04-03, 2026-04-07". */
static void lost_add(lost_days *l, date_t d)
{
	l->days++;
	if (l->nranges > 0 && date_to_days(d) - date_to_days(l->last[l->nranges - 1]) == 1) {
		l->last[l->nranges - 1] = d;
		return;
	}
	if (l->nranges == 64) {
		l->last[63] = d; /* the rest folded into the last range */
		return;
	}
	l->first[l->nranges] = l->last[l->nranges] = d;
	l->nranges++;
}

static void lost_report(const lost_days *l)
{
	char ranges[64 * 24] = "", a[DATE_ISO_SIZE], b[DATE_ISO_SIZE];
	for (int k = 0; k < l->nranges; k++) {
		size_t n = strlen(ranges);
		date_format_iso(a, l->first[k]);
		date_format_iso(b, l->last[k]);
		if (date_cmp(l->first[k], l->last[k]) == 0)
			snprintf(ranges + n, sizeof ranges - n, "%s%s", k ? ", " : "", a);
		else
			snprintf(ranges + n, sizeof ranges - n, "%s%s..%s", k ? ", " : "", a, b);
	}
	errorf(P_("%s could not be reached: %ld day without rates: %s",
	          "%s could not be reached: %ld days without rates: %s", l->days),
	       l->host, l->days, ranges);
}

void walk_start(day_walk *w, const char *what, date_t since, date_t until)
{
	memset(w, 0, sizeof *w);
	progress_start(&w->pr, what, date_to_days(until) - date_to_days(since) + 1);
}

int walk_load(day_walk *w, const tables_opts *base, const char *src, date_t d, rates_table *t)
{
	tables_opts to = *base;
	tables_report rep;
	char err[TABLES_MSG_MAX], iso[DATE_ISO_SIZE];
	kept_lines warnings = { 0 };
	progress_show(&w->pr, false);
	to.dated = true;
	to.date = d;
	to.quiet_earlier = true;
	to.warn = (msg_sink){ keep_line, &warnings };
	int rc = tables_load(t, src, &to, &rep, err);
	w->pr.requests += rep.requests;
	w->pr.done++;
	bool unreachable = rc != 0 && rep.unreachable[0] != '\0' &&
	                   (w->lost.host[0] == '\0' || strcmp(w->lost.host, rep.unreachable) == 0);
	if (!unreachable)
		print_kept(&w->pr, &warnings);
	if (rc == 0)
		return 0;
	w->failed++;
	if (unreachable) {
		snprintf(w->lost.host, sizeof w->lost.host, "%s", rep.unreachable);
		lost_add(&w->lost, d);
	} else {
		date_format_iso(iso, d);
		progress_clear(&w->pr);
		errorf(_("no rates for %s: %s"), iso, err);
	}
	return -1;
}

void walk_clear(day_walk *w)
{
	progress_clear(&w->pr);
}

void walk_end(day_walk *w)
{
	progress_show(&w->pr, true);
	if (w->lost.days > 0)
		lost_report(&w->lost);
}

