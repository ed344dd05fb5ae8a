/*
 * The statistics from the database, kept by each worker (see stats_db.h).
 *
 * Why a cache in the worker: counting every request is a full scan of
 * requests.requests, MEASURED_COUNT at 200,000 requests, while the page
 * must answer in under 100 ms at the 95th percentile with 16 visitors at
 * once.  Once counted, the page needs only the per-holder counts (a few
 * hundred kilobytes), from which any region's sum or one holder's page is
 * a matter of microseconds.  So each worker counts once and keeps the
 * result while
 *
 *   - the day is the same (ctx->today, Asia/Almaty): "overdue now" and
 *     the last 12 months are as of today;
 *   - nothing changed: requests.stats_version, a sequence that a trigger
 *     on requests, complaints and holders moves when their transaction
 *     commits (sql/migrations/006_requests_stats.sql), is read on every
 *     visit (one tiny query), so a step on a request shows at once;
 *   - it is younger than STATS_MAX_AGE: the trigger moves the sequence
 *     just before the commit becomes visible, and a count made in that
 *     instant would otherwise miss the change until the next one.
 *
 * A summary table kept by triggers would answer without any first slow
 * visit, but it would make every step on a request write to a row per
 * holder that all steps share, and "overdue now" still depends on the
 * day; a worker's copy costs nothing when nobody looks.
 *
 * The queries group in the database and reduce each date to what
 * request_flags() compares (see struct stats_group), so that on time and
 * overdue are decided by the same C code as on a request's page.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "calendar_db.h"
#include "date.h"
#include "log.h"
#include "stats_db.h"
#include "store.h"

/* last_value is 1 both before and after the first nextval(). */
static struct eco_stmt q_version = ECO_STMT(
    "SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
    "FROM requests.stats_version");

static struct eco_stmt q_holders = ECO_STMT(
    "SELECT id, code, name_kk, name_ru, name_en, coalesce(region, ''), active "
    "FROM requests.holders ORDER BY sort, id");

/* $1 today, $2 STATS_DUE_IN_MAX: see struct stats_group. */
static struct eco_stmt q_groups = ECO_STMT(
    "SELECT holder_id, status, coalesce(ground, ''), extended_inspection, "
    "       extended_holders, channel = 'redirect', "
    "       greatest(-1, least(due_on - $1::date, $2::int)), "
    "       coalesce(sign(answered_on - due_on), 0)::int, "
    "       coalesce(sign(refused_on - refusal_due_on), 0)::int, "
    "       coalesce(sign(redirected_on - redirect_due_on), 0)::int, "
    "       count(*) "
    "FROM requests.requests GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10");

static struct eco_stmt q_days = ECO_STMT(
    "SELECT holder_id, answered_on - received_on, count(*) "
    "FROM requests.requests WHERE answered_on IS NOT NULL GROUP BY 1, 2");

/* $1 the first day of the oldest month shown. */
static struct eco_stmt q_months = ECO_STMT(
    "SELECT holder_id, date_trunc('month', received_on)::date::text, count(*) "
    "FROM requests.requests WHERE received_on >= $1::date GROUP BY 1, 2");

static struct eco_stmt q_complaints = ECO_STMT(
    "SELECT r.holder_id, c.instance, c.outcome, c.late, count(*) "
    "FROM requests.complaints c "
    "JOIN requests.requests r ON r.id = c.request_id GROUP BY 1, 2, 3, 4");

static struct {
	struct eco_arena	*arena;		/* the snapshot's memory */
	struct stats_snapshot	 snap;
	long long		 version;
	time_t			 made_at;
} cache;

/* For bsearch: the snapshot whose holders the indices point into. */
static const struct stats_snapshot *sorting;

static int
by_id(const void *a, const void *b)
{
	long long x = sorting->holders[*(const size_t *)a].id;
	long long y = sorting->holders[*(const size_t *)b].id;

	return (x > y) - (x < y);
}

const struct stats_holder *
stats_holder_find(const struct stats_snapshot *s, long long id)
{
	size_t lo = 0, hi = s->nholders, mid;
	long long here;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		here = s->holders[s->by_id[mid]].id;
		if (here == id)
			return &s->holders[s->by_id[mid]];
		if (here < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static long long
int_at(PGresult *res, int row, int col)
{
	return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static bool
bool_at(PGresult *res, int row, int col)
{
	return PQgetvalue(res, row, col)[0] == 't';
}

/* The counts of the row's holder (column 0); NULL for one not loaded. */
static struct stats_counts *
counts_of(struct stats_snapshot *s, PGresult *res, int row)
{
	const struct stats_holder *h = stats_holder_find(s, int_at(res, row, 0));

	return h != NULL ? h->c : NULL;
}

static int
load_holders(struct eco_ctx *ctx, struct eco_arena *a, struct stats_snapshot *s)
{
	PGresult *res;
	struct stats_holder *h;
	size_t i;
	int l;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_holders, 0, NULL)) == NULL)
		return -1;
	s->nholders = (size_t)PQntuples(res);
	s->holders = eco_zalloc(a, (s->nholders + 1) * sizeof(*s->holders));
	s->by_id = eco_zalloc(a, (s->nholders + 1) * sizeof(*s->by_id));
	for (i = 0; i < s->nholders; i++) {
		h = &s->holders[i];
		h->id = int_at(res, (int)i, 0);
		h->code = eco_strdup(a, PQgetvalue(res, (int)i, 1));
		for (l = 0; l < 3; l++)
			h->name[l] = eco_strdup(a, PQgetvalue(res, (int)i, 2 + l));
		h->region = eco_strdup(a, PQgetvalue(res, (int)i, 5));
		h->active = bool_at(res, (int)i, 6);
		h->c = eco_zalloc(a, sizeof(*h->c));
		s->by_id[i] = i;
	}
	sorting = s;
	qsort(s->by_id, s->nholders, sizeof(*s->by_id), by_id);
	return 0;
}

static int
load_groups(struct eco_ctx *ctx, struct stats_snapshot *s)
{
	const struct eco_calendar *cal = eco_calendar_current(ctx);
	const char *p[2] = { store_iso(ctx, s->today),
		eco_sprintf(ctx->arena, "%d", STATS_DUE_IN_MAX) };
	struct stats_counts *c;
	struct stats_group g;
	PGresult *res;
	int i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_groups, 2, p)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(res); i++) {
		if ((c = counts_of(s, res, i)) == NULL)
			continue;
		memset(&g, 0, sizeof(g));
		/* The CHECKs of requests.requests keep the codes known; an
		 * unknown ground counts as a refusal on an unknown ground. */
		if (request_status_parse(PQgetvalue(res, i, 1), &g.status) != 0)
			continue;
		(void)request_ground_parse(PQgetvalue(res, i, 2), &g.ground);
		g.extended_inspection = bool_at(res, i, 3);
		g.extended_holders = bool_at(res, i, 4);
		g.came_redirected = bool_at(res, i, 5);
		g.due_in = (int)int_at(res, i, 6);
		g.answered_vs_due = (int)int_at(res, i, 7);
		g.refused_vs_due = (int)int_at(res, i, 8);
		g.redirected_vs_due = (int)int_at(res, i, 9);
		g.count = (long)int_at(res, i, 10);
		stats_add_group(c, cal, &g, s->today);
	}
	return 0;
}

static int
load_days(struct eco_ctx *ctx, struct stats_snapshot *s)
{
	struct stats_counts *c;
	PGresult *res;
	int i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_days, 0, NULL)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(res); i++)
		if ((c = counts_of(s, res, i)) != NULL)
			stats_add_days(c, (long)int_at(res, i, 1),
			    (long)int_at(res, i, 2));
	return 0;
}

static int
load_months(struct eco_ctx *ctx, struct stats_snapshot *s)
{
	const char *p[1] = { store_iso(ctx, stats_first_month(s->today)) };
	struct stats_counts *c;
	PGresult *res;
	long day;
	int i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_months, 1, p)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(res); i++)
		if ((c = counts_of(s, res, i)) != NULL &&
		    eco_date_parse(PQgetvalue(res, i, 1), &day) == 0)
			(void)stats_add_month(c, s->today, day,
			    (long)int_at(res, i, 2));
	return 0;
}

static int
load_complaints(struct eco_ctx *ctx, struct stats_snapshot *s)
{
	struct stats_counts *c;
	PGresult *res;
	int i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_complaints, 0, NULL)) ==
	    NULL)
		return -1;
	for (i = 0; i < PQntuples(res); i++)
		if ((c = counts_of(s, res, i)) != NULL)
			(void)stats_add_complaints(c, PQgetvalue(res, i, 1),
			    PQgetvalue(res, i, 2), bool_at(res, i, 3),
			    (long)int_at(res, i, 4));
	return 0;
}

/* Counts everything into s on the arena a; 0 or -1. */
static int
load(struct eco_ctx *ctx, struct eco_arena *a, struct stats_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->today = ctx->today;
	if (load_holders(ctx, a, s) != 0 || load_groups(ctx, s) != 0 ||
	    load_days(ctx, s) != 0 || load_months(ctx, s) != 0 ||
	    load_complaints(ctx, s) != 0)
		return -1;
	return 0;
}

const struct stats_snapshot *
stats_current(struct eco_ctx *ctx)
{
	struct stats_snapshot fresh;
	struct eco_arena *a;
	long long version;
	time_t now = time(NULL);
	PGresult *res;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_version, 0, NULL)) ==
	    NULL || PQntuples(res) != 1)
		return NULL;
	version = int_at(res, 0, 0);
	/* A clock set back counts as old. */
	if (cache.arena != NULL && cache.snap.today == ctx->today &&
	    cache.version == version && now >= cache.made_at &&
	    now - cache.made_at < STATS_MAX_AGE)
		return &cache.snap;
	a = eco_arena_new();
	if (load(ctx, a, &fresh) != 0) {
		eco_arena_free(a);
		return NULL;
	}
	if (cache.arena != NULL)
		eco_arena_free(cache.arena);
	cache.arena = a;
	cache.snap = fresh;
	cache.version = version;
	cache.made_at = now;
	return &cache.snap;
}
