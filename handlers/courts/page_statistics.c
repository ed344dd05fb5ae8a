/*
 * The statistics page of environmental court cases, public: the courts'
 * official first-instance figures by year beside the registry's own
 * counts by year, category and outcome, each as an SVG chart drawn here
 * (lib/chart.h) and as a table with the same numbers.  The figures are
 * those of GET /api/v1/court-statistics (api_statistics.c), which the
 * page links to.
 */
#include <string.h>

#include "app.h"
#include "chart.h"
#include "labels.h"
#include "page_cache.h"
#include "pages.h"
#include "version.h"

/* The official figures' columns, in the order of struct chart_group. */
static const char *const official_series[] = {
	N_("Cases received"), N_("Decided with a decision"),
	N_("Aarhus Convention norms applied")
};
#define NSERIES	(sizeof(official_series) / sizeof(official_series[0]))

/* An integer member, 0 when missing. */
static long
num(json_t *o, const char *key)
{
	return (long)json_integer_value(json_object_get(o, key));
}

/* The official figures: their table rows and the chart of groups. */
static void
set_official(struct eco_ctx *ctx, json_t *data, json_t *official)
{
	const char *series[NSERIES];
	struct chart_group *groups;
	json_t *rows = json_array(), *o;
	size_t i, n = json_array_size(official);

	for (i = 0; i < NSERIES; i++)
		series[i] = eco_tr(ctx, official_series[i]);
	groups = eco_zalloc(ctx->arena, (n + 1) * sizeof(*groups));
	json_array_foreach(official, i, o) {
		groups[i].label = eco_sprintf(ctx->arena, "%ld", num(o, "year"));
		groups[i].values[0] = num(o, "received");
		groups[i].values[1] = num(o, "decided");
		groups[i].values[2] = num(o, "aarhus_applied");
		json_array_append_new(rows, json_pack("{s:s,s:I,s:I,s:I}",
		    "year", groups[i].label,
		    "received", (json_int_t)groups[i].values[0],
		    "decided", (json_int_t)groups[i].values[1],
		    "aarhus_applied", (json_int_t)groups[i].values[2]));
	}
	json_object_set_new(data, "official", rows);
	json_object_set_new(data, "series", json_pack("[s,s,s]", series[0],
	    series[1], series[2]));
	json_object_set_new(data, "chart_official", json_string(chart_groups(
	    ctx->arena, eco_tr(ctx, N_("Environmental cases in first-instance "
	    "courts by year")), series, NSERIES, groups, n)));
}

/*
 * Counts of the codes code_at() lists (in its order, zeros included, and
 * then "unknown" when extra is set), summed over the years' member key:
 * the table's rows and the chart of bars.
 */
static void
set_counts(struct eco_ctx *ctx, json_t *data, json_t *registry,
    const char *key, const char *(*code_at)(size_t),
    const char *(*label)(const char *), bool extra, const char *rows_name,
    const char *chart_name, const char *title)
{
	struct chart_item *items;
	const char *code;
	json_t *rows = json_array(), *year;
	size_t n, i, y;

	for (n = 0; code_at(n) != NULL; n++)
		;
	items = eco_zalloc(ctx->arena, (n + 1) * sizeof(*items));
	for (i = 0; i < n + (extra ? 1 : 0); i++) {
		code = i < n ? code_at(i) : "unknown";
		items[i].label = eco_tr(ctx, i < n ? label(code) :
		    N_("Not known"));
		json_array_foreach(registry, y, year)
			items[i].value += num(json_object_get(year, key), code);
		json_array_append_new(rows, json_pack("{s:s,s:s,s:I}",
		    "code", code, "label", items[i].label,
		    "count", (json_int_t)items[i].value));
	}
	json_object_set_new(data, rows_name, rows);
	json_object_set_new(data, chart_name, json_string(chart_bars(
	    ctx->arena, eco_tr(ctx, title), items, i)));
}

/* The registry's cases by year: the table and the chart of columns. */
static void
set_years(struct eco_ctx *ctx, json_t *data, json_t *registry)
{
	struct chart_item *items;
	json_t *rows = json_array(), *o;
	long total = 0;
	size_t i, n = json_array_size(registry);

	items = eco_zalloc(ctx->arena, (n + 1) * sizeof(*items));
	json_array_foreach(registry, i, o) {
		/* The cases with no dated court act come last, as "—". */
		items[i].label = json_is_integer(json_object_get(o, "year")) ?
		    eco_sprintf(ctx->arena, "%ld", num(o, "year")) :
		    eco_tr(ctx, N_("No date"));
		items[i].value = num(o, "cases");
		total += items[i].value;
		json_array_append_new(rows, json_pack("{s:s,s:I}",
		    "year", items[i].label, "count", (json_int_t)items[i].value));
	}
	json_object_set_new(data, "registry_years", rows);
	json_object_set_new(data, "registry_total", json_integer(total));
	json_object_set_new(data, "chart_years", json_string(chart_columns(
	    ctx->arena, eco_tr(ctx, N_("Cases in the registry by year of the "
	    "first court act")), items, n)));
}

/*
 * GET /{lang}/courts/statistics: the official figures and the registry's
 * counts as charts and tables, generated benchmark cases left out.
 * 200; 503.
 */
int
page_court_statistics(struct eco_ctx *ctx)
{
	json_t *official, *registry, *data;
	long long version;
	int rc;

	/* The counts are the same for every visitor until a case changes. */
	if ((rc = court_page_cached(ctx, &version)) != 0)
		return rc;
	if (court_statistics(ctx, &official, &registry) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	data = json_pack("{s:s,s:s}",
	    "title", eco_tr(ctx, N_("Statistics of environmental court cases")),
	    "json_url", "/api/v1/court-statistics");
	set_official(ctx, data, official);
	set_years(ctx, data, registry);
	set_counts(ctx, data, registry, "by_category", court_category_code,
	    court_label_category, false, "categories", "chart_categories",
	    N_("Cases in the registry by category"));
	set_counts(ctx, data, registry, "by_outcome", court_outcome_code,
	    court_label_outcome, true, "outcomes", "chart_outcomes",
	    N_("Cases in the registry by outcome of a claim"));
	json_decref(official);
	json_decref(registry);
	rc = eco_render(ctx, 200, "courts/statistics", data);
	eco_page_cache_keep(ctx, version);
	return rc;
}
