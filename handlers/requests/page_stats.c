/*
 * The statistics of requests (issue item 9), public: the page with its
 * charts and the JSON.  Every holder, a region's holders, or one holder;
 * the counts come from the worker's copy (stats_db.h), so a visit costs a
 * sum over at most a few hundred holders.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "chart.h"
#include "date.h"
#include "labels.h"
#include "pages.h"
#include "stats_db.h"
#include "store.h"
#include "validate.h"

/* The columns of the table of holders, by enum stats_sort. */
static const char *const column_labels[STATS_NSORTS] = {
	N_("State body"), N_("Requests"), N_("On time"),
	N_("Median days to answer"), N_("Overdue now"), N_("Refusals"),
	N_("Redirects"), N_("Extensions"), N_("Complaints")
};

/* ?holder_id=&region=&sort=&dir= */
struct stats_query {
	long long	 holder_id;	/* 0: every holder */
	const char	*region;	/* NULL: every region */
	enum stats_sort	 sort;
	bool		 desc;
};

/* What the visit shows, from the snapshot. */
struct scope {
	const struct stats_snapshot	*snap;
	const struct stats_holder	*holder;	/* one holder, or NULL */
	const struct stats_holder	**list;		/* the table, sorted */
	size_t				 n;
	struct stats_counts		*sum;		/* of the shown holders */
};

/* Most first, but the holders' own order and the median (the fastest
 * first) ascend. */
static bool
default_desc(enum stats_sort s)
{
	return s != STATS_SORT_ORDER && s != STATS_SORT_MEDIAN;
}

/* A region's name in the page's language; "" for a national body. */
static const char *
region_name(struct eco_ctx *ctx, const char *code)
{
	return code != NULL && code[0] != '\0' ?
	    eco_tr(ctx, label_region(code)) : "";
}

/* NULL, or an English msgid for a value that cannot be (HTTP 400). */
static const char *
parse_query(struct eco_ctx *ctx, struct stats_query *q)
{
	const char *v;

	memset(q, 0, sizeof(*q));
	if ((v = eco_query(ctx, "holder_id")) != NULL && v[0] != '\0' &&
	    (q->holder_id = eco_parse_id(v)) <= 0)
		return N_("Unknown information holder");
	if ((v = eco_query(ctx, "region")) != NULL && v[0] != '\0') {
		if (label_region(v)[0] == '\0')
			return N_("Unknown region");
		q->region = v;
	}
	if ((v = eco_query(ctx, "sort")) != NULL && v[0] != '\0' &&
	    stats_sort_parse(v, &q->sort) != 0)
		return N_("Unknown column to sort by");
	q->desc = default_desc(q->sort);
	if ((v = eco_query(ctx, "dir")) != NULL && v[0] != '\0') {
		if (strcmp(v, "asc") != 0 && strcmp(v, "desc") != 0)
			return N_("The order must be asc or desc");
		q->desc = strcmp(v, "desc") == 0;
	}
	return NULL;
}

/*
 * The scope of the visit: 0, or the status of the error already sent
 * (400 bad query, 404 no such holder, 503).  A holder's page ignores the
 * region.  The table shows a region's holders, or all of them, without
 * those closed that never had a request.
 */
static int
scope_find(struct eco_ctx *ctx, struct stats_query *q, struct scope *sc)
{
	const struct stats_holder *h;
	const char *why;
	size_t i;

	memset(sc, 0, sizeof(*sc));
	if ((why = parse_query(ctx, q)) != NULL)
		return eco_error(ctx, 400, "bad_request", why);
	if ((sc->snap = stats_current(ctx)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	sc->sum = eco_zalloc(ctx->arena, sizeof(*sc->sum));
	if (q->holder_id > 0) {
		if ((sc->holder = stats_holder_find(sc->snap, q->holder_id)) ==
		    NULL)
			return eco_error(ctx, 404, "not_found",
			    N_("There is no such information holder."));
		q->region = NULL;
		stats_sum(sc->sum, sc->holder->c);
		return 0;
	}
	sc->list = eco_alloc(ctx->arena, (sc->snap->nholders + 1) *
	    sizeof(*sc->list));
	for (i = 0; i < sc->snap->nholders; i++) {
		h = &sc->snap->holders[i];
		if (q->region != NULL && strcmp(h->region, q->region) != 0)
			continue;
		if (!h->active && h->c->requests == 0)
			continue;
		stats_sum(sc->sum, h->c);
		sc->list[sc->n++] = h;
	}
	stats_sort(sc->list, sc->n, q->sort, q->desc);
	return 0;
}

/* The first day of the i-th month shown (0: the oldest). */
static long
month_start(long today, int i)
{
	int y, m, d;

	eco_civil_from_days(stats_first_month(today), &y, &m, &d);
	m += i;
	return eco_days_from_civil(y + (m - 1) / 12, (m - 1) % 12 + 1, 1);
}

/* A count of x2 halves as JSON: 7 or 7.5; null for none. */
static json_t *
half_json(long x2)
{
	if (x2 < 0)
		return json_null();
	if (x2 % 2 == 0)
		return json_integer(x2 / 2);
	return json_real((double)x2 / 2);	/* a half is exact */
}

static json_t *
percent_json(long part, long whole)
{
	int p = stats_percent(part, whole);

	return p < 0 ? json_null() : json_integer(p);
}

/*
 * The counts as the API gives them:
 *
 *	{"requests", "by_status": {status: n},
 *	 "open", "overdue", "due_soon",
 *	 "on_time": {"decided", "on_time", "late", "percent",
 *	     "answered_late", "refused_late", "redirected_late"},
 *	 "answers": {"total", "median_days"},
 *	 "refusals": {"total", "by_ground": {ground: n}},
 *	 "redirects": {"out", "in"},
 *	 "extensions": {"requests", "inspection", "multiple_holders"},
 *	 "complaints": {"total", "late", "by_instance": {instance: n},
 *	     "by_outcome": {outcome: n}},
 *	 "by_month": [{"month": "YYYY-MM", "requests"}] (12, oldest first)}
 *
 * percent and median_days are null when nothing is counted; see stats.h
 * for what each number means.
 */
static json_t *
counts_json(const struct stats_counts *c, long today)
{
	json_t *status = json_object(), *grounds = json_object();
	json_t *inst = json_object(), *outc = json_object();
	json_t *months = json_array();
	char iso[16];
	int i;

	for (i = 0; i < REQ_STATUS_COUNT; i++)
		json_object_set_new(status, request_status_code(i),
		    json_integer(c->by_status[i]));
	for (i = 1; i < STATS_NGROUNDS; i++)
		json_object_set_new(grounds, request_ground_code(i),
		    json_integer(c->by_ground[i]));
	for (i = 0; i < STATS_NINSTANCES; i++)
		json_object_set_new(inst, stats_instance_code(i),
		    json_integer(c->complaints_by_instance[i]));
	for (i = 0; i < STATS_NOUTCOMES; i++)
		json_object_set_new(outc, stats_outcome_code(i),
		    json_integer(c->complaints_by_outcome[i]));
	for (i = 0; i < STATS_MONTHS; i++) {
		eco_date_format_iso(month_start(today, i), iso, sizeof(iso));
		iso[7] = '\0';
		json_array_append_new(months, json_pack("{s:s,s:I}",
		    "month", iso, "requests", (json_int_t)c->by_month[i]));
	}
	return json_pack("{s:I,s:o,s:I,s:I,s:I,"
	    "s:{s:I,s:I,s:I,s:o,s:I,s:I,s:I},s:{s:I,s:o},s:{s:I,s:o},"
	    "s:{s:I,s:I},s:{s:I,s:I,s:I},s:{s:I,s:I,s:o,s:o},s:o}",
	    "requests", (json_int_t)c->requests, "by_status", status,
	    "open", (json_int_t)c->open, "overdue", (json_int_t)c->overdue,
	    "due_soon", (json_int_t)c->due_soon,
	    "on_time", "decided", (json_int_t)c->decided,
	    "on_time", (json_int_t)c->on_time,
	    "late", (json_int_t)(c->decided - c->on_time),
	    "percent", percent_json(c->on_time, c->decided),
	    "answered_late", (json_int_t)c->answered_late,
	    "refused_late", (json_int_t)c->refused_late,
	    "redirected_late", (json_int_t)c->redirected_late,
	    "answers", "total", (json_int_t)c->answers,
	    "median_days", half_json(stats_median_x2(c)),
	    "refusals", "total", (json_int_t)c->by_status[REQ_REFUSED],
	    "by_ground", grounds,
	    "redirects", "out", (json_int_t)c->by_status[REQ_REDIRECTED],
	    "in", (json_int_t)c->redirected_in,
	    "extensions", "requests", (json_int_t)c->extended,
	    "inspection", (json_int_t)c->extended_inspection,
	    "multiple_holders", (json_int_t)c->extended_holders,
	    "complaints", "total", (json_int_t)c->complaints,
	    "late", (json_int_t)c->complaints_late, "by_instance", inst,
	    "by_outcome", outc,
	    "by_month", months);
}

/* {"id","code","name":{"kk","ru","en"},"region"} */
static json_t *
holder_json(const struct stats_holder *h)
{
	return json_pack("{s:I,s:s,s:{s:s,s:s,s:s},s:o}", "id", (json_int_t)h->id,
	    "code", h->code, "name", "kk", h->name[0], "ru", h->name[1],
	    "en", h->name[2], "region", h->region[0] != '\0' ?
	    json_string(h->region) : json_null());
}

/*
 * GET /api/v1/requests/statistics?holder_id=&region=&sort=&dir=: the
 * statistics of every request, public or not, with no personal data.
 * 200
 *	{"as_of": "YYYY-MM-DD" (today, Asia/Almaty: "overdue" is as of it),
 *	 "holder_id": N or null, "region": code or null,
 *	 "totals": counts (see counts_json),
 *	 "holders": [holder + {"requests", "on_time_percent",
 *	     "median_days_to_answer", "overdue", "refusals", "redirects",
 *	     "extensions", "complaints"}] (without holder_id; sorted),
 *	 "holder": holder (with holder_id)}
 * where holder is {"id","code","name":{"kk","ru","en"},"region"};
 * 400 a bad parameter; 404 no such holder; 503.
 */
int
api_stats(struct eco_ctx *ctx)
{
	struct stats_query q;
	struct scope sc;
	const struct stats_counts *c;
	json_t *o, *list, *row;
	size_t i;
	int rc;

	if ((rc = scope_find(ctx, &q, &sc)) != 0)
		return rc;
	o = json_pack("{s:s,s:o,s:o,s:o}", "as_of", store_iso(ctx, ctx->today),
	    "holder_id", q.holder_id > 0 ? json_integer(q.holder_id) :
	    json_null(), "region", q.region != NULL ? json_string(q.region) :
	    json_null(), "totals", counts_json(sc.sum, sc.snap->today));
	if (sc.holder != NULL) {
		json_object_set_new(o, "holder", holder_json(sc.holder));
		return eco_json(ctx, 200, o);
	}
	list = json_array();
	for (i = 0; i < sc.n; i++) {
		c = sc.list[i]->c;
		row = holder_json(sc.list[i]);
		json_object_update_new(row, json_pack("{s:I,s:o,s:o,s:I,s:I,"
		    "s:I,s:I,s:I}", "requests", (json_int_t)c->requests,
		    "on_time_percent", percent_json(c->on_time, c->decided),
		    "median_days_to_answer", half_json(stats_median_x2(c)),
		    "overdue", (json_int_t)c->overdue,
		    "refusals", (json_int_t)c->by_status[REQ_REFUSED],
		    "redirects", (json_int_t)c->by_status[REQ_REDIRECTED],
		    "extensions", (json_int_t)c->extended,
		    "complaints", (json_int_t)c->complaints));
		json_array_append_new(list, row);
	}
	json_object_set_new(o, "holders", list);
	return eco_json(ctx, 200, o);
}

/* --- the page --------------------------------------------------------------- */

/* "87%", or "—" when nothing is counted. */
static const char *
percent_text(struct eco_ctx *ctx, long part, long whole)
{
	int p = stats_percent(part, whole);

	return p < 0 ? "\xe2\x80\x94" : eco_sprintf(ctx->arena, "%d%%", p);
}

/* The median's fields for templates/requests/stats_median.html. */
static void
set_median(json_t *o, const struct stats_counts *c)
{
	long x2 = stats_median_x2(c);

	json_object_set_new(o, "median_known", json_boolean(x2 >= 0));
	json_object_set_new(o, "median_whole", json_integer(x2 >= 0 ? x2 / 2 : 0));
	json_object_set_new(o, "median_half", json_boolean(x2 >= 0 && x2 % 2));
}

/* [{"label","count"}] and the chart's items, from labels and counts. */
static json_t *
rows_of(struct eco_ctx *ctx, const char *const *labels, const long *counts,
    size_t n, struct chart_item *items)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		const char *label = eco_tr(ctx, labels[i]);

		json_array_append_new(list, json_pack("{s:s,s:I}", "label", label,
		    "count", (json_int_t)counts[i]));
		if (items != NULL) {
			items[i].label = label;
			items[i].sublabel = NULL;
			items[i].value = counts[i];
		}
	}
	return list;
}

/* A chart's title: the msgid translated, and the holder or region the
 * page shows ("Refusals by ground — Akimat of ..."). */
static const char *
chart_title(struct eco_ctx *ctx, const char *msgid, const char *scope)
{
	if (scope == NULL || scope[0] == '\0')
		return eco_tr(ctx, msgid);
	return eco_sprintf(ctx->arena, "%s \xe2\x80\x94 %s", eco_tr(ctx, msgid),
	    scope);
}

/* The figures, their tables and their charts, whose titles name scope
 * (a holder or a region; NULL for all). */
static void
set_figures(struct eco_ctx *ctx, json_t *data, const struct stats_counts *c,
    long today, const char *scope)
{
	const char *status_labels[REQ_STATUS_COUNT];
	const char *ground_labels[STATS_NGROUNDS - 1];
	const char *instance_labels[STATS_NINSTANCES];
	const char *outcome_labels[STATS_NOUTCOMES];
	struct chart_item grounds[STATS_NGROUNDS - 1], months[STATS_MONTHS];
	json_t *list = json_array();
	int i, y, m, d;

	for (i = 0; i < REQ_STATUS_COUNT; i++)
		status_labels[i] = label_status(request_status_code(i));
	for (i = 1; i < STATS_NGROUNDS; i++)
		ground_labels[i - 1] = label_ground(request_ground_code(i));
	for (i = 0; i < STATS_NINSTANCES; i++)
		instance_labels[i] = label_complaint_instance(
		    stats_instance_code(i));
	for (i = 0; i < STATS_NOUTCOMES; i++)
		outcome_labels[i] = label_complaint_outcome(stats_outcome_code(i));
	json_object_update_new(data, json_pack("{s:I,s:I,s:I,s:I,s:I,s:s,s:I,"
	    "s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
	    "requests", (json_int_t)c->requests, "open", (json_int_t)c->open,
	    "overdue", (json_int_t)c->overdue,
	    "due_soon", (json_int_t)c->due_soon,
	    "decided", (json_int_t)c->decided,
	    "on_time_text", percent_text(ctx, c->on_time, c->decided),
	    "on_time", (json_int_t)c->on_time,
	    "late", (json_int_t)(c->decided - c->on_time),
	    "answered_late", (json_int_t)c->answered_late,
	    "refused_late", (json_int_t)c->refused_late,
	    "redirected_late", (json_int_t)c->redirected_late,
	    "answers", (json_int_t)c->answers,
	    "refusals", (json_int_t)c->by_status[REQ_REFUSED],
	    "redirected_out", (json_int_t)c->by_status[REQ_REDIRECTED],
	    "redirected_in", (json_int_t)c->redirected_in,
	    "extended", (json_int_t)c->extended,
	    "extended_inspection", (json_int_t)c->extended_inspection,
	    "extended_holders", (json_int_t)c->extended_holders,
	    "complaints", (json_int_t)c->complaints));
	set_median(data, c);
	json_object_set_new(data, "statuses", rows_of(ctx, status_labels,
	    c->by_status, REQ_STATUS_COUNT, NULL));
	json_object_set_new(data, "grounds", rows_of(ctx, ground_labels,
	    c->by_ground + 1, STATS_NGROUNDS - 1, grounds));
	json_object_set_new(data, "instances", rows_of(ctx, instance_labels,
	    c->complaints_by_instance, STATS_NINSTANCES, NULL));
	json_object_set_new(data, "outcomes", rows_of(ctx, outcome_labels,
	    c->complaints_by_outcome, STATS_NOUTCOMES, NULL));
	for (i = 0; i < STATS_MONTHS; i++) {
		eco_civil_from_days(month_start(today, i), &y, &m, &d);
		months[i].label = eco_month_name(ctx->app->catalogs, ctx->lang, m);
		/* The year under the first month and under each January. */
		months[i].sublabel = i == 0 || m == 1 ?
		    eco_sprintf(ctx->arena, "%d", y) : NULL;
		months[i].value = c->by_month[i];
		json_array_append_new(list, json_pack("{s:s,s:i,s:I}",
		    "label", months[i].label, "year", y,
		    "count", (json_int_t)c->by_month[i]));
	}
	json_object_set_new(data, "months", list);
	json_object_set_new(data, "chart_on_time", json_string(chart_share(
	    ctx->arena, chart_title(ctx, N_("Decisions on time and late"), scope),
	    c->on_time, c->decided, percent_text(ctx, c->on_time, c->decided),
	    eco_tr(ctx, N_("On time")), eco_tr(ctx, N_("After the deadline")))));
	json_object_set_new(data, "chart_months", json_string(chart_columns(
	    ctx->arena, chart_title(ctx, N_("Requests received by month"), scope),
	    months, STATS_MONTHS)));
	json_object_set_new(data, "chart_grounds", json_string(chart_bars(
	    ctx->arena, chart_title(ctx, N_("Refusals by ground"), scope),
	    grounds, STATS_NGROUNDS - 1)));
}

/* The table's query string without the sort: "region=abai&" or "". */
static const char *
region_query(struct eco_ctx *ctx, const struct stats_query *q)
{
	return q->region != NULL ? eco_sprintf(ctx->arena, "region=%s&",
	    q->region) : "";
}

/* The table of holders: its sortable header and its rows. */
static void
set_table(struct eco_ctx *ctx, json_t *data, const struct stats_query *q,
    const struct scope *sc)
{
	json_t *cols = json_array(), *rows = json_array(), *row;
	const struct stats_holder *h;
	const struct stats_counts *c;
	bool current, desc;
	size_t i;
	int s;

	for (s = 0; s < STATS_NSORTS; s++) {
		current = (enum stats_sort)s == q->sort;
		/* A second click on the current column turns the order. */
		desc = current ? !q->desc : default_desc(s);
		json_array_append_new(cols, json_pack("{s:s,s:s,s:s}",
		    "label", eco_tr(ctx, column_labels[s]),
		    "href", eco_sprintf(ctx->arena,
		    "/%s/requests/statistics?%ssort=%s&dir=%s",
		    eco_lang_code(ctx->lang), region_query(ctx, q),
		    stats_sort_code(s), desc ? "desc" : "asc"),
		    "aria_sort", !current ? "" : q->desc ? "descending" :
		    "ascending"));
	}
	for (i = 0; i < sc->n; i++) {
		h = sc->list[i];
		c = h->c;
		row = json_pack("{s:I,s:s,s:s,s:I,s:s,s:I,s:I,s:I,s:I,s:I}",
		    "id", (json_int_t)h->id, "name", h->name[ctx->lang],
		    "region_name", region_name(ctx, h->region),
		    "requests", (json_int_t)c->requests,
		    "on_time_text", percent_text(ctx, c->on_time, c->decided),
		    "overdue", (json_int_t)c->overdue,
		    "refusals", (json_int_t)c->by_status[REQ_REFUSED],
		    "redirects", (json_int_t)c->by_status[REQ_REDIRECTED],
		    "extensions", (json_int_t)c->extended,
		    "complaints", (json_int_t)c->complaints);
		set_median(row, c);
		json_array_append_new(rows, row);
	}
	json_object_set_new(data, "columns", cols);
	json_object_set_new(data, "rows", rows);
}

/*
 * GET /{lang}/requests/statistics?holder_id=&region=&sort=&dir=: the
 * statistics of every holder (or a region's) with the table of holders,
 * or of one holder, with SVG charts and the same numbers in tables.
 * 200; 400 a bad parameter; 404 no such holder; 503.
 */
int
page_stats(struct eco_ctx *ctx)
{
	struct stats_query q;
	struct scope sc;
	json_t *data;
	const char *json_url;
	int rc;

	if ((rc = scope_find(ctx, &q, &sc)) != 0)
		return rc;
	json_url = sc.holder != NULL ? eco_sprintf(ctx->arena,
	    "/api/v1/requests/statistics?holder_id=%lld", sc.holder->id) :
	    q.region != NULL ? eco_sprintf(ctx->arena,
	    "/api/v1/requests/statistics?region=%s", q.region) :
	    "/api/v1/requests/statistics";
	data = json_pack("{s:s,s:s,s:s}",
	    "title", sc.holder != NULL ? sc.holder->name[ctx->lang] :
	    eco_tr(ctx, N_("Statistics of requests")),
	    "as_of", store_iso(ctx, sc.snap->today), "json_url", json_url);
	set_figures(ctx, data, sc.sum, sc.snap->today, sc.holder != NULL ?
	    sc.holder->name[ctx->lang] : region_name(ctx, q.region));
	if (sc.holder != NULL) {
		json_object_set_new(data, "holder", json_pack("{s:I,s:s}",
		    "id", (json_int_t)sc.holder->id, "region_name",
		    region_name(ctx, sc.holder->region)));
	} else {
		json_object_set_new(data, "regions", eco_code_options(ctx,
		    label_region_code, label_region, q.region));
		json_object_set_new(data, "region_name",
		    json_string(region_name(ctx, q.region)));
		set_table(ctx, data, &q, &sc);
	}
	return eco_render(ctx, 200, "requests/statistics", data);
}
