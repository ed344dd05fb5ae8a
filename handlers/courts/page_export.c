/*
 * The court cases' search as a file: CSV for spreadsheets, JSON for
 * programs, with the search's own query parameters (search.c parses,
 * corrects and runs them, in the search's order), every match rather
 * than a page.
 *
 * A response is built in memory before it is sent (lib/app.c), so an
 * export is capped at EXPORT_MAX cases; a capped file says so in its
 * name, in an X-Export-Truncated header, and in the JSON.  Narrower
 * filters reach the rest.
 *
 * Rows are the items of GET /api/v1/court-cases: what the registry
 * publishes about a case, no more.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app.h"
#include "csv.h"
#include "jsonbody.h"
#include "labels.h"
#include "pages.h"
#include "regions.h"
#include "search.h"

#define EXPORT_MAX	10000

/* The CSV's columns, in the page's language. */
static const char *const columns[] = {
	N_("ID"), N_("Key"), N_("Title in Kazakh"), N_("Title in Russian"),
	N_("Category code"), N_("Category"), N_("Region code"), N_("Region"),
	N_("Status code"), N_("Status"), N_("Date of the latest event"),
	N_("Page on the portal")
};
#define NCOLUMNS	(sizeof(columns) / sizeof(columns[0]))

/* A string member, or NULL. */
static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A code's name in the page's language, or NULL (an empty cell). */
static const char *
label(struct eco_ctx *ctx, const char *msgid)
{
	return msgid != NULL && msgid[0] != '\0' ? eco_tr(ctx, msgid) : NULL;
}

/* The case's page on the portal, in the export's language. */
static const char *
page_url(struct eco_ctx *ctx, json_t *item)
{
	return eco_sprintf(ctx->arena, "%s/%s/courts/%lld",
	    ctx->app->config.site_url, eco_lang_code(ctx->lang),
	    (long long)json_integer_value(json_object_get(item, "id")));
}

/*
 * The matches of the search's parameters in the query string, at most
 * EXPORT_MAX of them (*cut when there are more), without the highlighted
 * headlines (HTML for the page): 0 with *items, or the status of the
 * error already sent (400 a parameter that cannot be, 503).
 */
static int
export_items(struct eco_ctx *ctx, json_t **items, bool *cut)
{
	struct court_query q;
	struct court_total total;
	const char *why;
	bool changed;
	json_t *it;
	size_t i;

	if ((why = court_search_parse(ctx, &q)) != NULL)
		return eco_error(ctx, 400, "bad_request", why);
	/* One long page from the first; one item more tells of the rest. */
	q.page = 1;
	q.limit = EXPORT_MAX + 1;
	q.plain = true;		/* a file has no use for highlighted headlines */
	if (court_search_correct(ctx, &q, &changed) != 0 ||
	    (*items = court_search_run(ctx, &q, &total)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	eco_json_own(ctx->arena, *items);
	*cut = json_array_size(*items) > EXPORT_MAX;
	if (*cut)
		json_array_remove(*items, EXPORT_MAX);
	json_array_foreach(*items, i, it)
		json_object_del(it, "headline");
	return 0;
}

/* One case as a CSV row. */
static void
csv_case(struct eco_ctx *ctx, struct eco_buf *b, json_t *item)
{
	json_t *title = json_object_get(item, "title");
	const char *cells[NCOLUMNS] = {
		eco_sprintf(ctx->arena, "%lld", (long long)json_integer_value(
		    json_object_get(item, "id"))),
		str(item, "key"),
		str(title, "kk"),
		str(title, "ru"),
		str(item, "category"),
		label(ctx, court_label_category(str(item, "category"))),
		str(item, "region"),
		label(ctx, eco_region_msgid(str(item, "region"))),
		str(item, "status"),
		label(ctx, court_label_status(str(item, "status"))),
		str(item, "acted_on"),
		page_url(ctx, item),
	};

	eco_csv_row(b, cells, NCOLUMNS);
}

/*
 * GET /{lang}/courts/export.csv?<the search's parameters>: the matching
 * cases as CSV (RFC 4180, UTF-8 with a byte order mark so that Excel
 * reads the Cyrillic right; a cell that would be a formula begins with
 * an apostrophe, lib/csv.h), headers in the page's language, codes with
 * their names, ISO dates.  200 text/csv; 400 a parameter that cannot be;
 * 503.
 */
int
page_court_export_csv(struct eco_ctx *ctx)
{
	const char *head[NCOLUMNS];
	json_t *items, *it;
	bool cut;
	size_t c, i;
	int rc;

	if ((rc = export_items(ctx, &items, &cut)) != 0)
		return rc;
	eco_download(ctx, "text/csv; charset=utf-8; header=present",
	    "court-cases", "csv", cut, EXPORT_MAX);
	eco_buf_puts(&ctx->res.body, "\xef\xbb\xbf");
	for (c = 0; c < NCOLUMNS; c++)
		head[c] = eco_tr(ctx, columns[c]);
	eco_csv_row(&ctx->res.body, head, NCOLUMNS);
	json_array_foreach(items, i, it)
		csv_case(ctx, &ctx->res.body, it);
	return 200;
}

/*
 * GET /{lang}/courts/export.json?<the search's parameters>: the matching
 * cases as {"items":[...],"count":N,"truncated":bool,"limit":EXPORT_MAX},
 * items as GET /api/v1/court-cases gives them (without the headlines)
 * plus "category_label", "status_label" in the page's language and
 * "url".  200; 400; 503.
 */
int
page_court_export_json(struct eco_ctx *ctx)
{
	struct eco_buf *b = &ctx->res.body;
	json_t *items, *it;
	bool cut;
	char *text;
	size_t i;
	int rc;

	if ((rc = export_items(ctx, &items, &cut)) != 0)
		return rc;
	eco_download(ctx, "application/json", "court-cases", "json", cut,
	    EXPORT_MAX);
	/* Item by item: one text of a few hundred bytes at a time. */
	eco_buf_puts(b, "{\"items\":[");
	json_array_foreach(items, i, it) {
		json_object_set_new(it, "category_label", json_string(eco_tr(ctx,
		    court_label_category(str(it, "category")))));
		json_object_set_new(it, "status_label", json_string(eco_tr(ctx,
		    court_label_status(str(it, "status")))));
		json_object_set_new(it, "url", json_string(page_url(ctx, it)));
		if ((text = json_dumps(it, JSON_COMPACT)) != NULL) {
			if (i > 0)
				eco_buf_putc(b, ',');
			eco_buf_puts(b, text);
			free(text);
		}
	}
	eco_buf_printf(b, "],\"count\":%zu,\"truncated\":%s,\"limit\":%d}",
	    json_array_size(items), cut ? "true" : "false", EXPORT_MAX);
	return 200;
}
