/*
 * Due dates with an explanation (deadline.h): the date comes from the
 * calendar engine, the steps from walking the days around it.  Every walk
 * is bounded by the calendar's range, which eco_calendar_in_range() checks
 * at each day.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "buf.h"
#include "calendar.h"
#include "date.h"
#include "deadline.h"
#include "i18n.h"

/* As in calendar.c: no period longer than the longest calendar. */
#define MAX_PERIOD	ECO_CALENDAR_MAX_DAYS

/* --- units and directions ------------------------------------------------- */

int
eco_unit_parse(const char *s, enum eco_period_unit *out)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "calendar") == 0 || strcmp(s, "calendar_days") == 0)
		*out = ECO_UNIT_CALENDAR_DAYS;
	else if (strcmp(s, "working") == 0 || strcmp(s, "working_days") == 0)
		*out = ECO_UNIT_WORKING_DAYS;
	else if (strcmp(s, "months") == 0)
		*out = ECO_UNIT_MONTHS;
	else
		return -1;
	return 0;
}

const char *
eco_unit_code(enum eco_period_unit unit)
{
	switch (unit) {
	case ECO_UNIT_CALENDAR_DAYS:
		return "calendar_days";
	case ECO_UNIT_WORKING_DAYS:
		return "working_days";
	case ECO_UNIT_MONTHS:
		return "months";
	}
	return "";
}

int
eco_direction_parse(const char *s, enum eco_period_direction *out)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "after") == 0)
		*out = ECO_AFTER;
	else if (strcmp(s, "before") == 0)
		*out = ECO_BEFORE;
	else
		return -1;
	return 0;
}

const char *
eco_direction_code(enum eco_period_direction dir)
{
	switch (dir) {
	case ECO_AFTER:
		return "after";
	case ECO_BEFORE:
		return "before";
	}
	return "";
}

/* --- recording steps ------------------------------------------------------ */

/* The caller's array; steps past its end are counted out, never written. */
struct rec {
	struct eco_deadline_step	*v;
	size_t				 max;
	size_t				 n;
};

static struct eco_deadline_step *
rec_add(struct rec *r, enum eco_deadline_step_kind kind, long day, long n)
{
	struct eco_deadline_step *s;

	if (r->v == NULL || r->n >= r->max)
		return NULL;
	s = &r->v[r->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->day = day;
	s->n = n;
	return s;
}

/* Records a step that names a day off and its exception. */
static void
rec_off(struct rec *r, enum eco_deadline_step_kind kind, long day, long until,
    long n, const struct eco_cal_exception *ex)
{
	struct eco_deadline_step *s = rec_add(r, kind, day, n);

	if (s != NULL) {
		s->until = until;
		s->exception = ex;
	}
}

/* The day's exception if it is what makes the day off, else NULL. */
static const struct eco_cal_exception *
off_exception(const struct eco_calendar *cal, long day)
{
	const struct eco_cal_exception *ex = eco_calendar_exception(cal, day);

	if (ex == NULL || ex->kind == ECO_CAL_MOVED_WORK ||
	    ex->kind == ECO_CAL_NONE)
		return NULL;
	return ex;
}

/*
 * Lists the runs of days off within [lo, hi] that contain a holiday or a
 * transferred day off; plain weekends go without saying.  Stops after
 * ECO_DEADLINE_RUNS_MAX runs, with ECO_STEP_MORE_SKIPPED if there is one
 * more.
 */
static void
skipped_runs(const struct eco_calendar *cal, long lo, long hi, struct rec *r)
{
	const struct eco_cal_exception *ex;
	long d, start;
	int runs = 0;

	for (d = lo; d <= hi && eco_calendar_in_range(cal, d); d++) {
		if (eco_calendar_is_working(cal, d))
			continue;
		start = d;
		ex = NULL;
		for (; d <= hi && eco_calendar_in_range(cal, d) &&
		    !eco_calendar_is_working(cal, d); d++)
			if (ex == NULL)
				ex = off_exception(cal, d);
		if (ex == NULL)
			continue;
		if (runs++ == ECO_DEADLINE_RUNS_MAX) {
			rec_add(r, ECO_STEP_MORE_SKIPPED, 0, 0);
			return;
		}
		rec_off(r, ECO_STEP_SKIPPED, start, d - 1, 0, ex);
	}
}

/* The day is off and the due date is the next working day: says how long
 * the days off last, when longer than the day itself. */
static void
explain_roll_forward(long day, long due, struct rec *r)
{
	if (due > day + 1)
		rec_off(r, ECO_STEP_DAYS_OFF_UNTIL, day, due - 1, 0, NULL);
}

/* The working day on or before day; -1 if none within the calendar. */
static int
previous_working(const struct eco_calendar *cal, long day, long *out)
{
	for (; eco_calendar_in_range(cal, day); day--)
		if (eco_calendar_is_working(cal, day)) {
			*out = day;
			return 0;
		}
	return -1;
}

/* True if the calendar is finished and day lies in it (the engine's own
 * check, reached through a call that has no other effect). */
static bool
usable(const struct eco_calendar *cal, long day)
{
	long c;

	return eco_calendar_count_working(cal, day, day, &c) == 0;
}

/* --- periods after an event ----------------------------------------------- */

static int
after_zero(const struct eco_calendar *cal, long from, long *due, struct rec *r)
{
	if (eco_calendar_next_working(cal, from, due) != 0)
		return -1;
	rec_add(r, ECO_STEP_ZERO, from, 0);
	if (*due != from) {
		rec_off(r, ECO_STEP_DAY_OFF, from, 0, 0,
		    off_exception(cal, from));
		explain_roll_forward(from, *due, r);
	}
	return 0;
}

static int
after_calendar_days(const struct eco_calendar *cal, long from, long n,
    long *due, struct rec *r)
{
	long target = from + n;

	if (eco_calendar_add_calendar_days(cal, from, n, due) != 0)
		return -1;
	rec_add(r, ECO_STEP_START, from + 1, 0);
	if (*due == target)
		rec_add(r, ECO_STEP_NTH_DAY, target, n);
	else {
		rec_off(r, ECO_STEP_NTH_DAY_OFF, target, 0, n,
		    off_exception(cal, target));
		explain_roll_forward(target, *due, r);
	}
	return 0;
}

static int
after_working_days(const struct eco_calendar *cal, long from, long n,
    long *due, struct rec *r)
{
	if (eco_calendar_add_working_days(cal, from, n, due) != 0)
		return -1;
	rec_add(r, ECO_STEP_START, from + 1, 0);
	rec_add(r, ECO_STEP_WORKING_ONLY, 0, 0);
	if (r->v != NULL)
		skipped_runs(cal, from + 1, *due - 1, r);
	rec_add(r, ECO_STEP_NTH_WORKING_DAY, *due, n);
	return 0;
}

static int
after_months(const struct eco_calendar *cal, long from, long n, long *due,
    struct rec *r)
{
	struct eco_deadline_step *s;
	long target;
	bool clamped;
	int y, m, d;

	if (eco_calendar_add_months(cal, from, n, due) != 0)
		return -1;
	/* The engine's target again, to tell whether the month was short. */
	target = eco_add_months_clamped(from, n, &clamped);
	eco_civil_from_days(from, &y, &m, &d);

	if ((s = rec_add(r, ECO_STEP_MONTH_TARGET, target, n)) != NULL)
		s->from = from;
	if (clamped)
		rec_add(r, ECO_STEP_MONTH_CLAMPED, target, d);
	if (*due != target) {
		rec_off(r, ECO_STEP_DAY_OFF, target, 0, 0,
		    off_exception(cal, target));
		explain_roll_forward(target, *due, r);
	}
	return 0;
}

/* --- periods before an event ---------------------------------------------- */

/* day is off: records why and moves back to the working day before it. */
static int
roll_back(const struct eco_calendar *cal, long day, long *due, struct rec *r)
{
	if (previous_working(cal, day, due) != 0)
		return -1;
	if (*due == day)
		return 0;
	rec_off(r, ECO_STEP_DAY_OFF, day, 0, 0, off_exception(cal, day));
	if (*due + 1 < day)
		rec_off(r, ECO_STEP_DAYS_OFF_SINCE, day, *due + 1, 0, NULL);
	rec_add(r, ECO_STEP_MOVED_BACK, *due, 0);
	return 0;
}

static int
before_zero(const struct eco_calendar *cal, long event, long *due,
    struct rec *r)
{
	rec_add(r, ECO_STEP_ZERO, event, 0);
	return roll_back(cal, event, due, r);
}

static int
before_calendar_days(const struct eco_calendar *cal, long event, long n,
    long *due, struct rec *r)
{
	struct eco_deadline_step *s;
	long target = event - n;

	if (!eco_calendar_in_range(cal, target))
		return -1;
	if ((s = rec_add(r, ECO_STEP_BEFORE_TARGET, target, n)) != NULL)
		s->from = event;
	return roll_back(cal, target, due, r);
}

static int
before_working_days(const struct eco_calendar *cal, long event, long n,
    long *due, struct rec *r)
{
	long d, left = n;

	/* Each pass moves one day back; the range check ends the walk. */
	for (d = event - 1; left > 0; d--) {
		if (!eco_calendar_in_range(cal, d))
			return -1;
		if (eco_calendar_is_working(cal, d) && --left == 0)
			break;
	}
	*due = d;
	rec_add(r, ECO_STEP_START_BACK, event - 1, 0);
	rec_add(r, ECO_STEP_WORKING_ONLY, 0, 0);
	if (r->v != NULL)
		skipped_runs(cal, d + 1, event - 1, r);
	rec_add(r, ECO_STEP_NTH_WORKING_DAY_BEFORE, d, n);
	return 0;
}

/* --- the entry points ----------------------------------------------------- */

int
eco_deadline_compute(const struct eco_calendar *cal, long from, long n,
    enum eco_period_unit unit, enum eco_period_direction dir, long *due,
    struct eco_deadline_step *steps, size_t max_steps, size_t *nsteps)
{
	struct rec r = { steps, steps != NULL ? max_steps : 0, 0 };
	long day = 0;
	int rc = -1;

	if (nsteps != NULL)
		*nsteps = 0;
	if (!usable(cal, from) || n < 0 || n > MAX_PERIOD)
		return -1;
	if (unit != ECO_UNIT_CALENDAR_DAYS && unit != ECO_UNIT_WORKING_DAYS &&
	    unit != ECO_UNIT_MONTHS)
		return -1;
	if (dir == ECO_AFTER) {
		if (n == 0)
			rc = after_zero(cal, from, &day, &r);
		else if (unit == ECO_UNIT_CALENDAR_DAYS)
			rc = after_calendar_days(cal, from, n, &day, &r);
		else if (unit == ECO_UNIT_WORKING_DAYS)
			rc = after_working_days(cal, from, n, &day, &r);
		else
			rc = after_months(cal, from, n, &day, &r);
	} else if (dir == ECO_BEFORE && unit != ECO_UNIT_MONTHS) {
		if (n == 0)
			rc = before_zero(cal, from, &day, &r);
		else if (unit == ECO_UNIT_CALENDAR_DAYS)
			rc = before_calendar_days(cal, from, n, &day, &r);
		else
			rc = before_working_days(cal, from, n, &day, &r);
	}
	if (rc != 0)
		return -1;
	rec_add(&r, ECO_STEP_DUE, day, 0);
	*due = day;
	if (nsteps != NULL)
		*nsteps = r.n;
	return 0;
}

int
eco_deadline_before(const struct eco_calendar *cal, long event, long n,
    enum eco_period_unit unit, long *due)
{
	return eco_deadline_compute(cal, event, n, unit, ECO_BEFORE, due, NULL,
	    0, NULL);
}

/* --- the sentences -------------------------------------------------------- */

static const char *const step_codes[ECO_STEP_KIND_COUNT] = {
	[ECO_STEP_START] = "start",
	[ECO_STEP_START_BACK] = "start_back",
	[ECO_STEP_ZERO] = "zero",
	[ECO_STEP_NTH_DAY] = "nth_day",
	[ECO_STEP_NTH_DAY_OFF] = "nth_day_off",
	[ECO_STEP_WORKING_ONLY] = "working_only",
	[ECO_STEP_SKIPPED] = "skipped",
	[ECO_STEP_MORE_SKIPPED] = "more_skipped",
	[ECO_STEP_NTH_WORKING_DAY] = "nth_working_day",
	[ECO_STEP_NTH_WORKING_DAY_BEFORE] = "nth_working_day_before",
	[ECO_STEP_MONTH_TARGET] = "month_target",
	[ECO_STEP_MONTH_CLAMPED] = "month_clamped",
	[ECO_STEP_BEFORE_TARGET] = "before_target",
	[ECO_STEP_DAY_OFF] = "day_off",
	[ECO_STEP_DAYS_OFF_UNTIL] = "days_off_until",
	[ECO_STEP_DAYS_OFF_SINCE] = "days_off_since",
	[ECO_STEP_MOVED_BACK] = "moved_back",
	[ECO_STEP_DUE] = "due",
};

/* The English sentence of each kind, the msgid of its translation. */
static const char *const step_msgids[ECO_STEP_KIND_COUNT] = {
	[ECO_STEP_START] = N_("Counted from the next day, {date}."),
	[ECO_STEP_START_BACK] =
	    N_("Counted back from the day before the event, {date}."),
	[ECO_STEP_ZERO] =
	    N_("A period of zero days ends on the day of the event, {date}."),
	[ECO_STEP_NTH_DAY] = N_("Day {n} of the period is {date}."),
	[ECO_STEP_NTH_DAY_OFF] =
	    N_("Day {n} of the period, {date}, is a day off ({name})."),
	[ECO_STEP_WORKING_ONLY] = N_("Only working days are counted; "
	    "weekends and days off are skipped."),
	[ECO_STEP_SKIPPED] =
	    N_("Skipped days off: {date} to {until} ({name})."),
	[ECO_STEP_MORE_SKIPPED] =
	    N_("Further days off in the period are skipped as well."),
	[ECO_STEP_NTH_WORKING_DAY] =
	    N_("Working day {n} of the period is {date}."),
	[ECO_STEP_NTH_WORKING_DAY_BEFORE] =
	    N_("Working day {n} before the event is {date}."),
	[ECO_STEP_MONTH_TARGET] =
	    N_("Months added to {from}: {n}; this gives {date}."),
	[ECO_STEP_MONTH_CLAMPED] =
	    N_("The month has no day {n}, so its last day is taken."),
	[ECO_STEP_BEFORE_TARGET] = N_("Calendar days before the event on "
	    "{from}: {n}; this gives {date}."),
	[ECO_STEP_DAY_OFF] = N_("{date} is a day off ({name})."),
	[ECO_STEP_DAYS_OFF_UNTIL] = N_("Days off until {until}."),
	[ECO_STEP_DAYS_OFF_SINCE] = N_("Days off since {until}."),
	[ECO_STEP_MOVED_BACK] = N_("The date moves back to the last working "
	    "day before the days off, so that the full period remains."),
	[ECO_STEP_DUE] = N_("Due: {date}."),
};

/* A run of one day is a single day off, said so. */
static const char *const msgid_skipped_one =
    N_("Skipped day off: {date} ({name}).");

const char *
eco_deadline_step_code(enum eco_deadline_step_kind kind)
{
	if ((unsigned)kind >= ECO_STEP_KIND_COUNT)
		return "";
	return step_codes[kind];
}

/* What {name} says: the exception's name, else what kind of day off it
 * is, else the weekday. */
static const char *
day_off_name(const struct eco_catalogs *cats, enum eco_lang lang,
    const struct eco_cal_exception *ex, long day)
{
	const char *name = eco_cal_exception_name(ex, lang);

	if (name[0] != '\0')
		return name;
	if (ex != NULL && ex->kind == ECO_CAL_MOVED_OFF)
		return eco_gettext(cats, lang, NULL, N_("transferred day off"));
	if (ex != NULL && (ex->kind == ECO_CAL_HOLIDAY ||
	    ex->kind == ECO_CAL_RELIGIOUS))
		return eco_gettext(cats, lang, NULL, N_("public holiday"));
	if (day >= -1000000L && day <= 1000000L && eco_weekday(day) == 6)
		return eco_gettext(cats, lang, "weekday", "Saturday");
	if (day >= -1000000L && day <= 1000000L && eco_weekday(day) == 7)
		return eco_gettext(cats, lang, "weekday", "Sunday");
	return eco_gettext(cats, lang, NULL, N_("day off"));
}

/* A date that ends with a full stop (ru "21 марта 2026 г.") at the end of a
 * sentence takes the sentence's full stop: skips it in the pattern. */
static const char *
after_date(const char *p, const struct eco_buf *out)
{
	if (*p == '.' && out->len > 0 && out->data[out->len - 1] == '.')
		return p + 1;
	return p;
}

/* Copies pattern to out with its placeholders filled from the step. */
static void
fill(const struct eco_catalogs *cats, enum eco_lang lang,
    const char *pattern, const struct eco_deadline_step *s,
    const struct eco_cal_exception *ex, struct eco_buf *out)
{
	const char *p = pattern;

	while (*p != '\0') {
		if (strncmp(p, "{date}", 6) == 0) {
			eco_format_day(cats, lang, s->day, out);
			p = after_date(p + 6, out);
		} else if (strncmp(p, "{until}", 7) == 0) {
			eco_format_day(cats, lang, s->until, out);
			p = after_date(p + 7, out);
		} else if (strncmp(p, "{from}", 6) == 0) {
			eco_format_day(cats, lang, s->from, out);
			p = after_date(p + 6, out);
		} else if (strncmp(p, "{n}", 3) == 0) {
			eco_buf_printf(out, "%ld", s->n);
			p += 3;
		} else if (strncmp(p, "{name}", 6) == 0) {
			eco_buf_puts(out, day_off_name(cats, lang, ex, s->day));
			p += 6;
		} else
			eco_buf_putc(out, *p++);
	}
}

void
eco_deadline_step_text(const struct eco_catalogs *cats, enum eco_lang lang,
    const struct eco_calendar *cal, const struct eco_deadline_step *s,
    struct eco_buf *out)
{
	const struct eco_cal_exception *ex;
	const char *msgid;

	if (s == NULL || (unsigned)s->kind >= ECO_STEP_KIND_COUNT)
		return;
	msgid = step_msgids[s->kind];
	if (s->kind == ECO_STEP_SKIPPED && s->until == s->day)
		msgid = msgid_skipped_one;
	ex = s->exception;
	if (ex == NULL && cal != NULL)
		ex = off_exception(cal, s->day);
	fill(cats, lang, eco_gettext(cats, lang, NULL, msgid), s, ex, out);
}
