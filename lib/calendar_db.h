/*
 * The working-day calendar of the database (core.calendar_days), kept by
 * each worker and reloaded when it changes.  Administrators' changes are
 * seen within ECO_CALENDAR_RECHECK seconds, without a restart.
 */
#ifndef ECO_CALENDAR_DB_H
#define ECO_CALENDAR_DB_H

#define ECO_CALENDAR_RECHECK	30	/* seconds between looks at the version */

struct eco_ctx;
struct eco_calendar;

/* The current calendar, or NULL when the database cannot give one. */
const struct eco_calendar *eco_calendar_current(struct eco_ctx *);

/* Makes the next eco_calendar_current() look at the database (after a change). */
void	eco_calendar_invalidate(void);

#endif
