/*
 * The statutory public holidays of Kazakhstan (calendar.md) and the weekend
 * transfer rule of the Labour Code, generated for any year: pure
 * computation.
 *
 * A holiday that is not religious and falls on a Saturday or Sunday gives a
 * day off on the next working day after it that is neither a weekend, nor a
 * holiday, nor already taken by an earlier transfer; so in a run of holidays
 * each coinciding day moves past the run (Nauryz 2026: 21-25 March).
 * Orthodox Christmas (7 January) is religious and never moved.  Kurban Ait
 * and Government transfers are data an administrator enters: they are not
 * generated here.
 */
#ifndef ECO_HOLIDAYS_H
#define ECO_HOLIDAYS_H

#include <stddef.h>

#include "calendar.h"

/* More than the holidays and transfers any year can have. */
#define ECO_HOLIDAYS_MAX	40
#define ECO_HOLIDAY_NAME_MAX	160

/*
 * One generated exception day: a holiday (kind ECO_CAL_HOLIDAY or
 * ECO_CAL_RELIGIOUS; listed on weekends too, so that the public page can
 * name it) or a day off moved from a weekend holiday (ECO_CAL_MOVED_OFF,
 * named after it: "Day off moved from Nauryz").
 */
struct eco_holiday {
	long			day;
	enum eco_cal_kind	kind;
	char			name[ECO_LANG_COUNT][ECO_HOLIDAY_NAME_MAX];
};

/* The exceptions of year y (1900-2200) in day order; returns how many (at
 * most ECO_HOLIDAYS_MAX), 0 for a year outside 1900-2200. */
size_t	eco_holidays_year(int y, struct eco_holiday out[ECO_HOLIDAYS_MAX]);
/*
 * The same around days that are already off for another reason (a
 * Government transfer, Kurban Ait): a day off moved from a weekend holiday
 * goes to the next working day that is none of them.
 */
size_t	eco_holidays_year_around(int y, const long *taken, size_t ntaken,
	    struct eco_holiday out[ECO_HOLIDAYS_MAX]);
/*
 * Adds the exceptions of the years from..to to an unfinished calendar; days
 * outside the calendar's range are skipped.  Add Government transfers and
 * Kurban Ait afterwards: a later entry for a day replaces this one.  -1 if
 * the years are not within 1900-2200 or in order, or adding fails.
 */
int	eco_holidays_generate(struct eco_calendar *, int from, int to);

#endif
