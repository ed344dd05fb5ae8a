/*
 * The calendar cache.  core.calendar_version moves with every change of
 * core.calendar_days (a trigger), so one small query tells whether the
 * cached calendar is still right; it is asked at most every
 * ECO_CALENDAR_RECHECK seconds.
 */
#include <stdlib.h>
#include <time.h>

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "calendar.h"
#include "calendar_db.h"
#include "date.h"
#include "holidays.h"
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

/* Seconds of a clock that never steps back. */
static time_t
monotonic_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

const struct eco_calendar *
eco_calendar_current(struct eco_ctx *ctx)
{
	time_t now = monotonic_now();
	struct eco_calendar *fresh;
	long long version;
	PGresult *res;

	if (cache.calendar != NULL && cache.checked_at != 0 &&
	    now - cache.checked_at < ECO_CALENDAR_RECHECK)
		return cache.calendar;
	/* Counted as a look even if the database does not answer: a dead
	 * database is asked again in ECO_CALENDAR_RECHECK, not every request. */
	cache.checked_at = now;
	res = eco_db_exec(ctx->db, ctx->arena, &q_version, 0, NULL);
	if (res == NULL || PQntuples(res) != 1)
		return cache.calendar;	/* an older calendar beats none */
	version = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
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

/* --- writing the calendar ----------------------------------------------- */

static struct eco_stmt q_taken = ECO_STMT(
    "SELECT day::text FROM core.calendar_days "
    "WHERE source <> 'generated' AND NOT working AND day BETWEEN $1 AND $2");

static struct eco_stmt q_drop_generated = ECO_STMT(
    "DELETE FROM core.calendar_days "
    "WHERE source = 'generated' AND day BETWEEN $1 AND $2");

static struct eco_stmt q_insert_generated = ECO_STMT(
    "INSERT INTO core.calendar_days "
    "    (day, working, kind, name_kk, name_ru, name_en, source) "
    "VALUES ($1, false, $2, $3, $4, $5, 'generated') "
    "ON CONFLICT (day) DO NOTHING");

static struct eco_stmt q_set_day = ECO_STMT(
    "INSERT INTO core.calendar_days "
    "    (day, working, kind, name_kk, name_ru, name_en, source) "
    "VALUES ($1, $2 = 'transferred_work', $2, $3, $4, $5, $6) "
    "ON CONFLICT (day) DO UPDATE SET "
    "    working = EXCLUDED.working, kind = EXCLUDED.kind, "
    "    name_kk = EXCLUDED.name_kk, name_ru = EXCLUDED.name_ru, "
    "    name_en = EXCLUDED.name_en, source = EXCLUDED.source, "
    "    updated_at = now()");

static struct eco_stmt q_clear_day = ECO_STMT(
    "DELETE FROM core.calendar_days WHERE day = $1");

/* One year, inside the caller's transaction.  Days written, or -1. */
static int
regenerate_year(struct eco_db *db, struct eco_arena *a, int y)
{
	struct eco_holiday days[ECO_HOLIDAYS_MAX];
	long taken[64];
	char first[11], last[11];
	const char *range[2] = { first, last };
	PGresult *res;
	size_t i, n, ntaken = 0;
	int written = 0;

	snprintf(first, sizeof(first), "%04d-01-01", y);
	snprintf(last, sizeof(last), "%04d-12-31", y);
	if ((res = eco_db_exec(db, a, &q_taken, 2, range)) == NULL)
		return -1;
	for (i = 0; i < (size_t)PQntuples(res) && ntaken < 64; i++)
		if (eco_date_parse(PQgetvalue(res, (int)i, 0), &taken[ntaken]) == 0)
			ntaken++;
	if (eco_db_exec(db, a, &q_drop_generated, 2, range) == NULL)
		return -1;
	n = eco_holidays_year_around(y, taken, ntaken, days);
	for (i = 0; i < n; i++) {
		char iso[11];
		const char *params[5] = { iso, eco_cal_kind_code(days[i].kind),
		    days[i].name[ECO_LANG_KK], days[i].name[ECO_LANG_RU],
		    days[i].name[ECO_LANG_EN] };

		eco_date_format_iso(days[i].day, iso, sizeof(iso));
		if ((res = eco_db_exec(db, a, &q_insert_generated, 5, params)) == NULL)
			return -1;
		written += (int)eco_db_affected(res);
	}
	return written;
}

/* Opens a transaction unless one is open; true when it opened one. */
static bool
begin_if_needed(struct eco_db *db)
{
	if (eco_db_in_transaction(db))
		return false;
	return eco_db_begin(db) == 0;
}

int
eco_calendar_regenerate(struct eco_db *db, struct eco_arena *a, int from, int to)
{
	bool own = begin_if_needed(db);
	int y, n, total = 0;

	if (!own && !eco_db_in_transaction(db))
		return -1;
	for (y = from; y <= to; y++) {
		if ((n = regenerate_year(db, a, y)) < 0) {
			if (own)
				eco_db_rollback(db);
			return -1;
		}
		total += n;
	}
	if (own && eco_db_commit(db) != 0)
		return -1;
	return total;
}

/* The year of an ISO date, for regenerating around a changed day. */
static int
year_of(const char *iso)
{
	return (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 +
	    (iso[2] - '0') * 10 + (iso[3] - '0');
}

int
eco_calendar_set_day(struct eco_db *db, struct eco_arena *a, const char *iso,
    const char *kind, const char *const names[3], const char *source)
{
	const char *params[6] = { iso, kind, names[0], names[1], names[2], source };
	long day;
	bool own;

	if (eco_date_parse(iso, &day) != 0)
		return -1;
	own = begin_if_needed(db);
	if (!own && !eco_db_in_transaction(db))
		return -1;
	if (eco_db_exec(db, a, &q_set_day, 6, params) == NULL ||
	    regenerate_year(db, a, year_of(iso)) < 0 ||
	    (own && eco_db_commit(db) != 0)) {
		if (own)
			eco_db_rollback(db);
		return -1;
	}
	eco_calendar_invalidate();
	return 0;
}

int
eco_calendar_clear_day(struct eco_db *db, struct eco_arena *a, const char *iso)
{
	const char *params[1] = { iso };
	PGresult *res;
	long day;
	bool own;
	int removed;

	if (eco_date_parse(iso, &day) != 0)
		return -1;
	own = begin_if_needed(db);
	if (!own && !eco_db_in_transaction(db))
		return -1;
	if ((res = eco_db_exec(db, a, &q_clear_day, 1, params)) == NULL)
		goto fail;
	removed = (int)eco_db_affected(res);
	if (regenerate_year(db, a, year_of(iso)) < 0 ||
	    (own && eco_db_commit(db) != 0))
		goto fail;
	eco_calendar_invalidate();
	return removed;
fail:
	if (own)
		eco_db_rollback(db);
	return -1;
}
