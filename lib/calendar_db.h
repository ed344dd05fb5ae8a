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

struct eco_db;
struct eco_arena;

/*
 * Writes the statutory holidays of the years from..to and the days off
 * they move to (source "generated"), around the days the Government or an
 * administrator set, which are never overwritten.  Runs in its own
 * transaction unless one is open.  The number of days written, or -1.
 */
int	eco_calendar_regenerate(struct eco_db *, struct eco_arena *, int from,
	    int to);
/*
 * Sets one day (kind per eco_cal_kind_code, names kk/ru/en, source
 * "government" or "admin"), then regenerates its year so that a day off
 * moved from a weekend holiday steps around it.  0 or -1.
 */
int	eco_calendar_set_day(struct eco_db *, struct eco_arena *, const char *iso,
	    const char *kind, const char *const names[3], const char *source);
/* Removes one day and regenerates its year.  Days removed, or -1. */
int	eco_calendar_clear_day(struct eco_db *, struct eco_arena *, const char *iso);

/* Makes the next eco_calendar_current() look at the database (after a change). */
void	eco_calendar_invalidate(void);

#endif
