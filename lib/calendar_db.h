/*
 * The working-day calendar of the database (core.calendar_days), kept by
 * each worker and reloaded when it changes.  Administrators' changes are
 * seen within ECO_CALENDAR_RECHECK seconds, without a restart.
 */
#ifndef ECO_CALENDAR_DB_H
#define ECO_CALENDAR_DB_H

#define ECO_CALENDAR_RECHECK	30	/* seconds between looks at the version */

#include <libpq-fe.h>

struct eco_ctx;
struct eco_calendar;

/* The columns eco_calendar_from_rows() reads, in this order. */
#define ECO_CALENDAR_COLUMNS	"day::text, kind, name_kk, name_ru, name_en"

/*
 * A finished calendar (the portal's range) from rows of core.calendar_days
 * selected as ECO_CALENDAR_COLUMNS; NULL on a bad row or no memory.  Used
 * by the handlers' cache and by ecoctl.
 */
struct eco_calendar *eco_calendar_from_rows(PGresult *);

/* The current calendar, or NULL when the database cannot give one. */
const struct eco_calendar *eco_calendar_current(struct eco_ctx *);

/* Makes the next eco_calendar_current() look at the database (after a change). */
void	eco_calendar_invalidate(void);

#endif
