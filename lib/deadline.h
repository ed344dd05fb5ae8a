/*
 * Due dates with an explanation: computes a period with the working-day
 * calendar (calendar.h) and records, step by step, how the date was found,
 * so that a page can show the reasoning in its language.  Pure, no I/O.
 *
 *	struct eco_deadline_step st[ECO_DEADLINE_STEPS_MAX];
 *	size_t n, i;
 *	long due;
 *
 *	if (eco_deadline_compute(cal, from, 15, ECO_UNIT_CALENDAR_DAYS,
 *	    ECO_AFTER, &due, st, ECO_DEADLINE_STEPS_MAX, &n) == 0)
 *		for (i = 0; i < n; i++)
 *			eco_deadline_step_text(cats, lang, cal, &st[i], &buf);
 *
 * gives, for 6 March 2026: "Counted from the next day, 7 March 2026." /
 * "Day 15 of the period, 21 March 2026, is a day off (Nauryz)." /
 * "Days off until 25 March 2026." / "Due: 26 March 2026."
 *
 * ECO_AFTER: a period counted from an event (calendar.md, Civil Code):
 * the due date is the engine's (eco_calendar_add_calendar_days,
 * _add_working_days, _add_months), moved forward to a working day.
 *
 * ECO_BEFORE: the latest date that still leaves n units before an event
 * (a hearing announced at least 20 calendar days before it; remarks
 * accepted until 3 working days before it).  Our choice, mirroring the
 * forward rules so that a period of n units counted from the due date
 * reaches the event:
 *   calendar days: event - n; if that is not a working day, the previous
 *     working day (moving forward would leave less than n days, and a
 *     notice must be out by then);
 *   working days: the n-th working day strictly before the event,
 *     counting back from the day before it (remarks until 3 working days
 *     before Monday 30 March 2026: 27, 26, then 20 March, since 21-25
 *     March are days off);
 *   n = 0: the event day itself, or the previous working day if it is off;
 *   months: not supported (-1), no rule needs it yet.
 */
#ifndef ECO_DEADLINE_H
#define ECO_DEADLINE_H

#include <stddef.h>

#include "calendar.h"
#include "i18n.h"

struct eco_buf;

enum eco_period_unit {
	ECO_UNIT_CALENDAR_DAYS = 0,
	ECO_UNIT_WORKING_DAYS,
	ECO_UNIT_MONTHS
};

enum eco_period_direction {
	ECO_AFTER = 0,
	ECO_BEFORE
};

/* "calendar" or "calendar_days", "working" or "working_days", "months";
 * -1 for anything else (NULL too). */
int	eco_unit_parse(const char *, enum eco_period_unit *);
/* "calendar_days", "working_days", "months"; "" if unknown. */
const char *eco_unit_code(enum eco_period_unit);
/* "after", "before"; -1 for anything else. */
int	eco_direction_parse(const char *, enum eco_period_direction *);
const char *eco_direction_code(enum eco_period_direction);

/*
 * The kinds of step.  The fields each uses are listed; unused ones are 0
 * (or NULL).  Every explanation ends with ECO_STEP_DUE.
 */
enum eco_deadline_step_kind {
	ECO_STEP_START = 0,	/* day: the first day counted (from + 1) */
	ECO_STEP_START_BACK,	/* day: the day before the event */
	ECO_STEP_ZERO,		/* day: the event (a period of 0 units) */
	ECO_STEP_NTH_DAY,	/* day, n: the n-th calendar day, working */
	ECO_STEP_NTH_DAY_OFF,	/* day, n, exception: the n-th day, off */
	ECO_STEP_WORKING_ONLY,	/* (none): only working days are counted */
	ECO_STEP_SKIPPED,	/* day..until, exception: a run of days off
				 * that has a holiday or transferred day */
	ECO_STEP_MORE_SKIPPED,	/* (none): more such runs than listed */
	ECO_STEP_NTH_WORKING_DAY,	/* day, n */
	ECO_STEP_NTH_WORKING_DAY_BEFORE,	/* day, n */
	ECO_STEP_MONTH_TARGET,	/* day, from, n: from + n months */
	ECO_STEP_MONTH_CLAMPED,	/* n: the day of month the month lacks */
	ECO_STEP_BEFORE_TARGET,	/* day, from, n: from - n calendar days */
	ECO_STEP_DAY_OFF,	/* day, exception: the day is off */
	ECO_STEP_DAYS_OFF_UNTIL,	/* day..until: the days off go on */
	ECO_STEP_DAYS_OFF_SINCE,	/* until..day: the days off began */
	ECO_STEP_MOVED_BACK,	/* day: the working day before the days off */
	ECO_STEP_DUE,		/* day: the result */
	ECO_STEP_KIND_COUNT
};

/* At most this many runs of days off are listed (ECO_STEP_SKIPPED). */
#define ECO_DEADLINE_RUNS_MAX	5
/* No explanation has more steps than this. */
#define ECO_DEADLINE_STEPS_MAX	12

struct eco_deadline_step {
	enum eco_deadline_step_kind	 kind;
	long				 day;	/* {date} */
	long				 until;	/* {until} */
	long				 from;	/* {from} */
	long				 n;	/* {n} */
	/* {name}: the day's exception that makes it off (the first one of a
	 * run); NULL for a plain weekend.  Valid while the calendar is. */
	const struct eco_cal_exception	*exception;
};

/*
 * Computes the due date of n units (0 <= n) after or before the day from
 * into *due and records the steps into steps[0..max_steps): at most
 * max_steps are stored (ECO_DEADLINE_STEPS_MAX always suffices), *nsteps
 * says how many.  steps may be NULL with max_steps 0, nsteps may be NULL.
 * -1 (and nothing stored) if the calendar is NULL or not finished, from or
 * the result lies outside it, n is negative or absurdly long, or the unit
 * or direction is unknown or months before.
 */
int	eco_deadline_compute(const struct eco_calendar *, long from, long n,
	    enum eco_period_unit, enum eco_period_direction, long *due,
	    struct eco_deadline_step *steps, size_t max_steps, size_t *nsteps);
/* The due date alone of n units before event; see above. */
int	eco_deadline_before(const struct eco_calendar *, long event, long n,
	    enum eco_period_unit, long *due);

/* "start", "nth_day", ... "due" (for the JSON API); "" if unknown. */
const char *eco_deadline_step_code(enum eco_deadline_step_kind);

/*
 * Appends one step to out as a sentence in lang: the msgid (an English
 * sentence with {date}, {until}, {from}, {n}, {name}) translated with
 * eco_gettext, falling back to English; dates by eco_format_date.  Plain
 * text: escape it for HTML.  cats may be NULL (English).  cal, when not
 * NULL, supplies the exception of a step that has none.  Nothing is
 * written for an unknown kind.
 */
void	eco_deadline_step_text(const struct eco_catalogs *, enum eco_lang,
	    const struct eco_calendar *, const struct eco_deadline_step *,
	    struct eco_buf *out);

#endif
