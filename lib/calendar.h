/*
 * The working-day calendar and period arithmetic (Civil Code): pure
 * computation, no I/O.
 *
 * A calendar covers a range of day numbers [first, last] (see date.h).  A
 * day is working unless it is a Saturday or Sunday or an exception day
 * that is off; an exception of kind ECO_CAL_MOVED_WORK makes a weekend
 * day working.  Life cycle:
 *
 *	cal = eco_calendar_new(first, last);		weekends only
 *	eco_calendar_add(cal, day, kind, names);	any number of times
 *	eco_holidays_generate(cal, 2015, 2036);		(holidays.h) the same
 *	eco_calendar_finish(cal);			builds the indexes, once
 *	eco_calendar_add_working_days(cal, from, 3, &due);	O(1), read-only
 *	eco_calendar_free(cal);
 *
 * After eco_calendar_finish() the calendar is read-only and may be shared
 * by any number of threads.  It is allocated with malloc, not on an arena,
 * because a handler builds it once and keeps it across requests.
 *
 * Every operation returns 0, or -1 when an argument or the result lies
 * outside the calendar (or the period is negative or absurdly long, or the
 * calendar is not finished); eco_calendar_range_text() says which range,
 * for a message such as "outside the calendar 2015-2036".  All periods run
 * forward: a period counted from an event starts on the next day.
 */
#ifndef ECO_CALENDAR_H
#define ECO_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"

/* The range the portal uses: room after the last generated year so that
 * periods from late 2035 still resolve. */
#define ECO_CALENDAR_FIRST_YEAR	2015
#define ECO_CALENDAR_LAST_YEAR	2036
/* Longest range a calendar may cover, in days (about 300 years). */
#define ECO_CALENDAR_MAX_DAYS	110000
/* Longest name of an exception day, in bytes. */
#define ECO_CALENDAR_NAME_MAX	400

enum eco_cal_kind {
	ECO_CAL_NONE = 0,	/* an ordinary day, not an exception */
	ECO_CAL_HOLIDAY,	/* a public holiday: off */
	ECO_CAL_RELIGIOUS,	/* a religious holiday: off, never moved */
	ECO_CAL_MOVED_OFF,	/* a day off moved here (transfer): off */
	ECO_CAL_MOVED_WORK	/* a working day moved here (transfer): working */
};

/* One exception day.  name[] is indexed by enum eco_lang; any may be NULL. */
struct eco_cal_exception {
	long			 day;
	enum eco_cal_kind	 kind;
	const char		*name[ECO_LANG_COUNT];
};

struct eco_calendar;

/* An empty calendar (weekends only) over [first, last]; NULL if the range is
 * empty, longer than ECO_CALENDAR_MAX_DAYS, or memory runs out. */
struct eco_calendar *eco_calendar_new(long first, long last);
/* The portal's range: 1 January ECO_CALENDAR_FIRST_YEAR to 31 December
 * ECO_CALENDAR_LAST_YEAR. */
struct eco_calendar *eco_calendar_new_default(void);
void	eco_calendar_free(struct eco_calendar *);

/*
 * Records an exception day (names are copied; NULL names allowed, names
 * longer than ECO_CALENDAR_NAME_MAX are cut at a character boundary).
 * A day added again replaces the earlier entry: the later source wins,
 * so add generated holidays first and Government transfers after them.
 * kind ECO_CAL_NONE removes the day's exception.  -1 if the day is outside
 * the range, the kind is unknown, the calendar is finished, or memory
 * runs out.
 */
int	eco_calendar_add(struct eco_calendar *, long day, enum eco_cal_kind,
	    const char *const name[ECO_LANG_COUNT]);
/* Builds the indexes; afterwards the calendar is read-only.  -1 if out of
 * memory or already finished. */
int	eco_calendar_finish(struct eco_calendar *);

long	eco_calendar_first(const struct eco_calendar *);
long	eco_calendar_last(const struct eco_calendar *);
/* "2015-2036" (the years of the range), for error messages. */
const char *eco_calendar_range_text(const struct eco_calendar *);

/* Works before eco_calendar_finish() too.  Days outside the range: false. */
bool	eco_calendar_in_range(const struct eco_calendar *, long day);
bool	eco_calendar_is_working(const struct eco_calendar *, long day);
/* The day's exception, or NULL if it has none (or is outside the range). */
const struct eco_cal_exception *eco_calendar_exception(
	    const struct eco_calendar *, long day);
/* The exceptions of year y in day order: *out points to *count entries,
 * valid until the calendar is freed.  Finished calendars only; 0 entries
 * (and -1) otherwise. */
int	eco_calendar_year(const struct eco_calendar *, int y,
	    const struct eco_cal_exception **out, size_t *count);
/* The name in lang, or in the first language that has one; "" if none. */
const char *eco_cal_exception_name(const struct eco_cal_exception *,
	    enum eco_lang);
/* "holiday", "religious", "transferred_off", "transferred_work" (the
 * database's codes); parse returns -1 for anything else. */
const char *eco_cal_kind_code(enum eco_cal_kind);
/* A name an administrator may give a day: one line of text, 1-200 bytes. */
bool	eco_cal_name_valid(const char *);
int	eco_cal_kind_parse(const char *, enum eco_cal_kind *);

/*
 * Period arithmetic; each is O(1).  from is the day of the event.
 *
 * calendar_days: day from + n; if not a working day, the next working day.
 * working_days: the n-th working day strictly after from.  n = 0 gives from
 *   itself, moved forward to a working day if it is not one (the same as
 *   calendar_days with n = 0, so that "0 days" means "today or the next
 *   working day" whatever the unit).
 * months: the same date n months later (the month's last day if it has no
 *   such date: 31 January + 1 month = 28 or 29 February), moved forward to
 *   a working day.
 * count_working: the number of working days d with a < d <= b (0 when
 *   b <= a); both days must lie in the range.
 * next_working: day itself if working, else the next working day.
 */
int	eco_calendar_add_calendar_days(const struct eco_calendar *, long from,
	    long n, long *due);
int	eco_calendar_add_working_days(const struct eco_calendar *, long from,
	    long n, long *due);
int	eco_calendar_add_months(const struct eco_calendar *, long from, long n,
	    long *due);
int	eco_calendar_count_working(const struct eco_calendar *, long a, long b,
	    long *count);
int	eco_calendar_next_working(const struct eco_calendar *, long day,
	    long *out);

/*
 * A calendar file: lines "YYYY-MM-DD off [name]" (a day off that would
 * otherwise be working, kind ECO_CAL_MOVED_OFF) or "YYYY-MM-DD work [name]"
 * (a working day that would otherwise be off, kind ECO_CAL_MOVED_WORK);
 * '#' starts a comment anywhere on a line; blank lines are ignored; the name
 * (valid UTF-8 text) is stored for every language.  A date listed twice,
 * a date outside the calendar, or any other malformed line is an error:
 * -1 with "line N: why" in err.  Adds to an unfinished calendar; lines
 * before a bad one stay added.
 */
int	eco_calendar_parse(struct eco_calendar *, const char *text, size_t len,
	    char *err, size_t errlen);

#endif
