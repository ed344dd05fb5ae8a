/*
 * The statistics from the database, kept by each worker (see stats_db.h).
 *
 * Why a copy in each worker: counting every request is a pass over all
 * of requests.requests.  At 200,000 requests it takes some 165 ms (an
 * index-only scan of requests_stats_idx, grouped three ways at once; a
 * plain scan of the table and three queries took 1.1 s), while the page
 * must answer in under 100 ms at the 95th percentile with 16 visitors at
 * once.  Once counted, the page needs only the per-holder counts (a few
 * hundred kilobytes), from which a region's sum or one holder's page take
 * microseconds: measured through nginx at 16 connections, p95 6 ms for
 * the page of every holder, 3 ms for one holder's.  So each worker counts
 * and keeps the result while
 *
 *   - the day is the same (ctx->today, Asia/Almaty): "overdue now" and
 *     the last 12 months are as of today;
 *   - nothing changed: requests.stats_version, a sequence that triggers
 *     on requests, complaints and holders move at commit
 *     (sql/migrations/006_requests_stats.sql), is read on every visit
 *     (one tiny query); after a change the counts are made again, but
 *     not before the copy is STATS_MIN_AGE old, so that a burst of steps
 *     costs each worker one count per STATS_MIN_AGE (with a change every
 *     second, p95 15 ms instead of 216 ms) while a change still shows
 *     within seconds;
 *   - it is younger than STATS_MAX_AGE: the trigger moves the sequence
 *     just before the commit becomes visible, and a count made in that
 *     instant would otherwise miss the change until the next one.
 *
 * A summary table kept by triggers would spare the first visit after a
 * change its count, but every step on a request would then update rows
 * that all steps of a holder share, and "overdue now" would still depend
 * on the day; a worker's copy costs nothing while nobody looks.
 *
 * The query reduces each date to what request_flags() compares (see
 * struct stats_group), so that on time and overdue are decided by the
 * same C code as on a request's page.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "calendar_db.h"
#include "date.h"
#include "stats_db.h"
#include "store.h"

/* last_value is 1 both before and after the first nextval(). */
static struct eco_stmt q_version = ECO_STMT(
    "SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
    "FROM requests.stats_version");

static struct eco_stmt q_holders = ECO_STMT(
    "SELECT id, code, name_kk, name_ru, name_en, coalesce(region, ''), active "
    "FROM requests.holders ORDER BY sort, id");

/*
 * Every request in one pass (an index-only scan of requests_stats_idx),
 * counted three ways at once, told apart by GROUPING(days, month):
 *
 *	3  a state group: the state reduced to what request_flags()
 *	   compares (see struct stats_group); $1 today, $2 STATS_DUE_IN_MAX
 *	1  answers by the days they took (days NULL: not answered)
 *	2  requests by the month of receipt since $3 (month NULL: older)
 */
static struct eco_stmt q_counts = ECO_STMT(
    "SELECT holder_id, GROUPING(days, month), status, ground, ext_inspection, "
    "       ext_holders, came_redirected, due_in, answered_vs_due, "
    "       refused_vs_due, redirected_vs_due, days, month::text, count(*) "
    "FROM (SELECT holder_id, status, coalesce(ground, '') AS ground, "
    "        extended_inspection AS ext_inspection, "
    "        extended_holders AS ext_holders, "
    "        channel = 'redirect' AS came_redirected, "
    "        greatest(-1, least(due_on - $1::date, $2::int)) AS due_in, "
    "        coalesce(sign(answered_on - due_on), 0)::int AS answered_vs_due, "
    "        coalesce(sign(refused_on - refusal_due_on), 0)::int "
    "            AS refused_vs_due, "
    "        coalesce(sign(redirected_on - redirect_due_on), 0)::int "
    "            AS redirected_vs_due, "
    "        answered_on - received_on AS days, "
    "        CASE WHEN received_on >= $3::date "
    "            THEN date_trunc('month', received_on)::date END AS month "
    "      FROM requests.requests) r "
    "GROUP BY GROUPING SETS ((holder_id, status, ground, ext_inspection, "
    "    ext_holders, came_redirected, due_in, answered_vs_due, "
    "    refused_vs_due, redirected_vs_due), (holder_id, days), "
    "    (holder_id, month))");
#define KIND_STATE	3
#define KIND_DAYS	1
#define KIND_MONTH	2

/*
 * The planner expects a group per request and would sort 200,000 rows
 * on disk; there are some thousands, and hashing them in memory is
 * several times faster.  For this transaction only.
 */
static struct eco_stmt q_work_mem = ECO_STMT(
    "SELECT set_config('work_mem', '32MB', true)");

/* The holder of each complaint's request by its key: a few thousand
 * lookups rather than a scan of every request. */
static struct eco_stmt q_complaints = ECO_STMT(
    "SELECT (SELECT r.holder_id FROM requests.requests r "
    "        WHERE r.id = c.request_id), "
    "       c.instance, c.outcome, c.late, count(*) "
    "FROM requests.complaints c GROUP BY 1, 2, 3, 4");

static struct {
	struct eco_arena	*arena;		/* the snapshot's memory */
	struct stats_snapshot	 snap;
	long long		 version;
	time_t			 made_at;
} cache;

/* For qsort()'s comparison: the snapshot whose holders the indices of
 * by_id point into. */
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

/* A state group (KIND_STATE) of row i into c. */
static void
add_state(struct stats_counts *c, const struct eco_calendar *cal,
    PGresult *res, int i, long today)
{
	struct stats_group g;

	memset(&g, 0, sizeof(g));
	/* The CHECKs of requests.requests keep the codes known; an unknown
	 * ground counts as a refusal on an unknown ground. */
	if (request_status_parse(PQgetvalue(res, i, 2), &g.status) != 0)
		return;
	(void)request_ground_parse(PQgetvalue(res, i, 3), &g.ground);
	g.extended_inspection = bool_at(res, i, 4);
	g.extended_holders = bool_at(res, i, 5);
	g.came_redirected = bool_at(res, i, 6);
	g.due_in = (int)int_at(res, i, 7);
	g.answered_vs_due = (int)int_at(res, i, 8);
	g.refused_vs_due = (int)int_at(res, i, 9);
	g.redirected_vs_due = (int)int_at(res, i, 10);
	g.count = (long)int_at(res, i, 13);
	stats_add_group(c, cal, &g, today);
}

static int
load_counts(struct eco_ctx *ctx, struct stats_snapshot *s)
{
	const struct eco_calendar *cal = eco_calendar_current(ctx);
	const char *p[3] = { store_iso(ctx, s->today),
		eco_sprintf(ctx->arena, "%d", STATS_DUE_IN_MAX),
		store_iso(ctx, stats_first_month(s->today)) };
	struct stats_counts *c;
	PGresult *res;
	long n, day;
	int i;

	if (eco_db_exec(ctx->db, ctx->arena, &q_work_mem, 0, NULL) == NULL ||
	    (res = eco_db_exec(ctx->db, ctx->arena, &q_counts, 3, p)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(res); i++) {
		if ((c = counts_of(s, res, i)) == NULL)
			continue;
		n = (long)int_at(res, i, 13);
		switch (int_at(res, i, 1)) {
		case KIND_STATE:
			add_state(c, cal, res, i, s->today);
			break;
		case KIND_DAYS:
			if (!PQgetisnull(res, i, 11))
				stats_add_days(c, (long)int_at(res, i, 11), n);
			break;
		case KIND_MONTH:
			if (!PQgetisnull(res, i, 12) &&
			    eco_date_parse(PQgetvalue(res, i, 12), &day) == 0)
				(void)stats_add_month(c, s->today, day, n);
			break;
		}
	}
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

/* Counts everything into s on the arena a, in one transaction for
 * work_mem; 0 or -1. */
static int
load(struct eco_ctx *ctx, struct eco_arena *a, struct stats_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->today = ctx->today;
	if (eco_db_begin(ctx->db) != 0)
		return -1;
	if (load_holders(ctx, a, s) != 0 || load_counts(ctx, s) != 0 ||
	    load_complaints(ctx, s) != 0 || eco_db_commit(ctx->db) != 0) {
		eco_db_rollback(ctx->db);
		return -1;
	}
	return 0;
}

int
stats_version(struct eco_ctx *ctx, long long *version)
{
	PGresult *res;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_version, 0, NULL)) ==
	    NULL || PQntuples(res) != 1)
		return -1;
	*version = int_at(res, 0, 0);
	return 0;
}

const struct stats_snapshot *
stats_current(struct eco_ctx *ctx)
{
	struct stats_snapshot fresh;
	struct eco_arena *a;
	long long version;
	time_t now = time(NULL);

	if (stats_version(ctx, &version) != 0)
		return NULL;
	/* A clock set back counts as old. */
	if (cache.arena != NULL && cache.snap.today == ctx->today &&
	    now >= cache.made_at && now - cache.made_at < STATS_MAX_AGE &&
	    (cache.version == version || now - cache.made_at < STATS_MIN_AGE))
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
