/*
 * Due-date computations per second on one core: the constant-time engine of
 * lib/calendar.c against naive loops over days, at N = 30, on the portal's
 * calendar (2015-2036 with the generated holidays).
 *
 *	deadline_bench [iterations]
 *
 * The naive loops are what a deadline engine without any index does: they
 * go day by day, and ask of each day whether it is a day off by looking it
 * up in the sorted list of exception days (binary search) and by its
 * weekday.  The day walk for calendar days looks at every day of the
 * period, as an explanation that names the days off must; "add then roll"
 * jumps to the last day and only rolls, the cheapest naive answer.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "calendar.h"
#include "date.h"
#include "holidays.h"

#define N	30

/* Results are summed here so that the compiler cannot drop the work. */
static volatile long sink;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The exception days of 2015-2036, sorted, as a naive engine keeps them. */
static struct {
	long	day;
	bool	working;
} exceptions[40 * (ECO_CALENDAR_LAST_YEAR - ECO_CALENDAR_FIRST_YEAR + 1)];
static size_t nexceptions;

static void
load_exceptions(void)
{
	struct eco_holiday days[ECO_HOLIDAYS_MAX];
	size_t i, n;
	int y;

	for (y = ECO_CALENDAR_FIRST_YEAR; y <= ECO_CALENDAR_LAST_YEAR; y++) {
		n = eco_holidays_year(y, days);
		for (i = 0; i < n; i++) {
			exceptions[nexceptions].day = days[i].day;
			exceptions[nexceptions].working = days[i].kind == ECO_CAL_MOVED_WORK;
			nexceptions++;
		}
	}
}

static bool
naive_is_working(long d)
{
	size_t lo = 0, hi = nexceptions;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (exceptions[mid].day == d)
			return exceptions[mid].working;
		if (exceptions[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return eco_weekday(d) <= 5;
}

/* Looks at every day of the period, then rolls forward day by day. */
static long
naive_calendar_walk(long from, long n)
{
	long d = from, i, off = 0;

	for (i = 0; i < n; i++)
		if (!naive_is_working(++d))
			off++;
	sink += off;
	while (!naive_is_working(d))
		d++;
	return d;
}

/* Adds n at once, then rolls forward day by day. */
static long
naive_calendar_add(long from, long n)
{
	long d = from + n;

	while (!naive_is_working(d))
		d++;
	return d;
}

static long
naive_working(long from, long n)
{
	long d = from;

	while (n > 0)
		if (naive_is_working(++d))
			n--;
	return d;
}

enum method { ENGINE_CAL, ENGINE_WORK, WALK_CAL, ADD_CAL, WALK_WORK };

/* Calls per second of one method over start dates cycling through
 * 2015-2035 (so that every call stays inside the calendar). */
static double
rate(const struct eco_calendar *cal, enum method m, long iterations)
{
	long first = eco_days_from_civil(2015, 1, 1);
	long span = eco_days_from_civil(2035, 12, 31) - first;
	long i, from = first, due = 0, sum = 0;
	double t0 = now(), t;

	for (i = 0; i < iterations; i++) {
		switch (m) {
		case ENGINE_CAL:
			eco_calendar_add_calendar_days(cal, from, N, &due);
			break;
		case ENGINE_WORK:
			eco_calendar_add_working_days(cal, from, N, &due);
			break;
		case WALK_CAL:
			due = naive_calendar_walk(from, N);
			break;
		case ADD_CAL:
			due = naive_calendar_add(from, N);
			break;
		case WALK_WORK:
			due = naive_working(from, N);
			break;
		}
		sum += due;
		if (++from > first + span)
			from = first;
	}
	t = now() - t0;
	sink += sum;
	return t > 0 ? (double)iterations / t : 0;
}

int
main(int argc, char **argv)
{
	struct eco_calendar *cal = eco_calendar_new_default();
	long iterations = argc > 1 ? atol(argv[1]) : 20000000;
	double ec, ew, wc, ac, ww;

	if (cal == NULL || iterations <= 0 ||
	    eco_holidays_generate(cal, ECO_CALENDAR_FIRST_YEAR,
	    ECO_CALENDAR_LAST_YEAR) != 0 || eco_calendar_finish(cal) != 0) {
		fprintf(stderr, "usage: deadline_bench [iterations > 0]\n");
		return 1;
	}
	load_exceptions();
	ec = rate(cal, ENGINE_CAL, iterations);
	ew = rate(cal, ENGINE_WORK, iterations);
	wc = rate(cal, WALK_CAL, iterations / 10);
	ac = rate(cal, ADD_CAL, iterations / 10);
	ww = rate(cal, WALK_WORK, iterations / 10);
	printf("due dates per second, one core, N = %d (targets: engine >= 10 M/s "
	    "and >= 20x the naive day walk):\n", N);
	printf("  calendar days: engine %.1f M/s, naive day walk %.1f M/s "
	    "(%.1fx), add-then-roll %.1f M/s (%.1fx)\n", ec / 1e6, wc / 1e6,
	    wc > 0 ? ec / wc : 0, ac / 1e6, ac > 0 ? ec / ac : 0);
	printf("  working days:  engine %.1f M/s, naive day walk %.1f M/s "
	    "(%.1fx)\n", ew / 1e6, ww / 1e6, ww > 0 ? ew / ww : 0);
	eco_calendar_free(cal);
	return 0;
}
