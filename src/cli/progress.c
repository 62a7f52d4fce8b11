/*
 * progress.c - the progress line of the commands that walk a range of days
 * (history, fetch --since): on stderr when it is a terminal, redrawn in place
 * at most ten times a second and cleared at the end; and the days a host
 * that could not be reached left unanswered, told once as ranges.
 */
#include "cli.h"

#include "i18n.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void progress_start(progress *p, const char *what, long total)
{
	memset(p, 0, sizeof *p);
	p->what = what;
	p->total = total;
	p->on = isatty(STDERR_FILENO) == 1;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
}

void print_kept(progress *p, const kept_lines *k)
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
void progress_show(progress *p, bool final)
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
void progress_clear(progress *p)
{
	if (p->on)
		fputs("\r\033[K", stderr);
}

/* The days of a range that one host left unanswered, as "2026-04-01..2026-04-03, 2026-04-07". */
void lost_add(lost_days *l, date_t d)
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

void lost_report(const lost_days *l)
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

