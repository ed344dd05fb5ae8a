/*
 * Dates of court events as precise as the source gives them: a day
 * ("2019-05-16"), a month ("2019-05"), a year ("2019") or unknown (null),
 * and the order of a case's timeline when some dates are coarse or
 * missing.  Pure functions.
 */
#ifndef ECO_COURTS_PARTIAL_DATE_H
#define ECO_COURTS_PARTIAL_DATE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

enum pd_precision {
	PD_UNKNOWN = 0,
	PD_YEAR,
	PD_MONTH,
	PD_DAY
};

/* No sort day: every event of the case has an unknown date. */
#define PD_NO_DAY	LONG_MIN

struct partial_date {
	long			 day;	/* first day of the period (date.h) */
	enum pd_precision	 precision;
};

/*
 * "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1900-2200, a real date), or
 * NULL for unknown.  False for anything else: "2019-02-30", "2019-13",
 * "19", " 2019".
 */
bool	partial_date_parse(const char *, struct partial_date *);
/* The text form back into out (at least 11 bytes); NULL when unknown. */
const char *partial_date_format(const struct partial_date *, char *out,
	    size_t outlen);
/* "day", "month", "year", or NULL when unknown (courts.events.precision). */
const char *partial_date_precision_name(enum pd_precision);
/* The precision named so; PD_UNKNOWN for NULL or any other text. */
enum pd_precision partial_date_precision_from(const char *);
/* The last day of the date's period (the day itself for a day). */
long	partial_date_last_day(const struct partial_date *);

/*
 * The day each of a case's n events sorts by, the events given in the
 * source's order, so that an unknown or coarse date stays where the source
 * put it:
 *   - a day sorts by itself;
 *   - a year or a month by its predecessor's sort day when that falls
 *     within its period, else by the period's first day;
 *   - an unknown date by its predecessor's sort day, or when first by its
 *     successor's.
 * sort[i] is PD_NO_DAY only when no event has a date.  The timeline is
 * then ordered by (sort day, position in the source).
 */
void	courts_sort_days(const struct partial_date *, size_t n, long *sort);
/* order[0..n) the positions of the events in timeline order. */
void	courts_timeline_order(const long *sort, size_t n, size_t *order);

#endif
