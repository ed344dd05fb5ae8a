/*
 * The calendar cache.  core.calendar_version moves with every change of
 * core.calendar_days (a trigger), so one small query tells whether the
 * cached calendar is still right; it is asked at most every
 * ECO_CALENDAR_RECHECK seconds.
 */
#include <stdlib.h>
#include <time.h>

#include "app.h"
#include "calendar.h"
#include "calendar_db.h"
#include "date.h"
#include "log.h"

static struct eco_stmt q_version = ECO_STMT(
    "SELECT version FROM core.calendar_version WHERE id = 1");

static struct eco_stmt q_days = ECO_STMT(
    "SELECT " ECO_CALENDAR_COLUMNS " FROM core.calendar_days ORDER BY day");

static struct {
	struct eco_calendar	*calendar;
	long long		 version;
	time_t			 checked_at;
} cache;

struct eco_calendar *
eco_calendar_from_rows(PGresult *res)
{
	struct eco_calendar *cal = eco_calendar_new_default();
	int i;

	if (cal == NULL)
		return NULL;
	for (i = 0; i < PQntuples(res); i++) {
		const char *names[ECO_LANG_COUNT] = {
			PQgetvalue(res, i, 2), PQgetvalue(res, i, 3),
			PQgetvalue(res, i, 4)
		};
		enum eco_cal_kind kind;
		long day;

		if (eco_date_parse(PQgetvalue(res, i, 0), &day) != 0 ||
		    eco_cal_kind_parse(PQgetvalue(res, i, 1), &kind) != 0)
			goto bad;
		if (eco_calendar_in_range(cal, day) &&
		    eco_calendar_add(cal, day, kind, names) != 0)
			goto bad;
	}
	if (eco_calendar_finish(cal) == 0)
		return cal;
bad:
	eco_log("the calendar in the database could not be loaded");
	eco_calendar_free(cal);
	return NULL;
}

const struct eco_calendar *
eco_calendar_current(struct eco_ctx *ctx)
{
	time_t now = time(NULL);
	struct eco_calendar *fresh;
	long long version;
	PGresult *res;

	if (cache.calendar != NULL && now - cache.checked_at < ECO_CALENDAR_RECHECK)
		return cache.calendar;
	res = eco_db_exec(ctx->db, ctx->arena, &q_version, 0, NULL);
	if (res == NULL || PQntuples(res) != 1)
		return cache.calendar;	/* an older calendar beats none */
	version = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	cache.checked_at = now;
	if (cache.calendar != NULL && version == cache.version)
		return cache.calendar;
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_days, 0, NULL)) == NULL ||
	    (fresh = eco_calendar_from_rows(res)) == NULL)
		return cache.calendar;
	eco_calendar_free(cache.calendar);
	cache.calendar = fresh;
	cache.version = version;
	return fresh;
}

void
eco_calendar_invalidate(void)
{
	cache.checked_at = 0;
}
