/*
 * The tracker's search as a file: CSV for spreadsheets, JSON for
 * programs, with the tracker's own filters (search.c parses and runs
 * them), every match rather than a page, newest first.
 *
 * A response is built in memory before it is sent (lib/app.c), so an
 * export is capped at EXPORT_MAX requests, a few megabytes; a capped file
 * says so in its name, in an X-Export-Truncated header, and in the JSON.
 * Narrower filters (the receipt dates) reach the rest.
 *
 * Rows are the items of GET /api/v1/requests, made by search_item(), so
 * the files carry exactly what the public API shows: no personal data of
 * an individual requester, an organisation's name only if it chose to
 * show it.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app.h"
#include "csv.h"
#include "labels.h"
#include "pages.h"
#include "search.h"

#define EXPORT_MAX	10000

/* The CSV's columns, in the page's language. */
static const char *const columns[] = {
	N_("ID"), N_("Number"), N_("Received"), N_("State body"),
	N_("Code of the state body"), N_("Region"), N_("Subject"),
	N_("Status code"), N_("Status"), N_("Due"), N_("Date of the answer"),
	N_("Date of the refusal"), N_("Overdue"), N_("On time"),
	N_("Requester"), N_("Page on the portal")
};
#define NCOLUMNS	(sizeof(columns) / sizeof(columns[0]))

/* A string member, or NULL. */
static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A boolean member as "true" or "false"; NULL (an empty cell) for null. */
static const char *
boolean(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_boolean(v) ? (json_is_true(v) ? "true" : "false") : NULL;
}

/* The request's page on the portal, in the export's language. */
static const char *
page_url(struct eco_ctx *ctx, json_t *item)
{
	return eco_sprintf(ctx->arena, "%s/%s/requests/%lld",
	    ctx->app->config.site_url, eco_lang_code(ctx->lang),
	    (long long)json_integer_value(json_object_get(item, "id")));
}

/*
 * The matches of the tracker's filters in the query string, at most
 * EXPORT_MAX of them (*truncated when there are more): 0 with *res, or
 * the status of the error already sent (400 a filter that cannot be, 503).
 */
static int
export_rows(struct eco_ctx *ctx, PGresult **res, bool *truncated)
{
	struct search_query s;
	const char *why;

	if ((why = search_parse(ctx, &s)) != NULL)
		return eco_error(ctx, 400, NULL, why);
	/* One long page from the first; one row more tells of the rest. */
	s.page = 1;
	s.limit = EXPORT_MAX + 1;
	if ((*res = search_rows(ctx, &s)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	*truncated = PQntuples(*res) > EXPORT_MAX;
	return 0;
}

/* One request as a CSV row. */
static void
csv_request(struct eco_ctx *ctx, struct eco_buf *b, json_t *item)
{
	json_t *holder = json_object_get(item, "holder");
	json_t *requester = json_object_get(item, "requester");
	const char *region = str(item, "region");
	const char *name = str(requester, "name");
	const char *kind = str(requester, "kind");
	const char *cells[NCOLUMNS] = {
		eco_sprintf(ctx->arena, "%lld", (long long)json_integer_value(
		    json_object_get(item, "id"))),
		str(item, "reg_no"),
		str(item, "received_on"),
		str(json_object_get(holder, "name"), eco_lang_code(ctx->lang)),
		str(holder, "code"),
		region != NULL ? eco_tr(ctx, label_region(region)) : NULL,
		str(item, "subject"),
		str(item, "status"),
		eco_tr(ctx, label_status(str(item, "status"))),
		str(item, "due_on"),
		str(item, "answered_on"),
		str(item, "refused_on"),
		boolean(item, "overdue"),
		boolean(item, "on_time"),
		/* A name only when an organisation chose to show it. */
		name != NULL ? name : eco_tr(ctx, kind != NULL &&
		    strcmp(kind, "organisation") == 0 ? N_("An organisation") :
		    N_("A citizen (the name is not published)")),
		page_url(ctx, item),
	};

	eco_csv_row(b, cells, NCOLUMNS);
}

/*
 * GET /{lang}/requests/export.csv?<the tracker's filters>: the matching
 * public requests as CSV (RFC 4180, UTF-8 with a byte order mark so that
 * Excel, common on the officials' and journalists' machines, reads the
 * Cyrillic right), headers in the page's language, ISO dates, status
 * codes with their names.  200 text/csv; 400 a filter that cannot be; 503.
 */
int
page_export_csv(struct eco_ctx *ctx)
{
	const char *head[NCOLUMNS];
	PGresult *res;
	bool truncated;
	size_t c;
	int rc, i, n;

	if ((rc = export_rows(ctx, &res, &truncated)) != 0)
		return rc;
	eco_download(ctx, "text/csv; charset=utf-8; header=present",
	    "requests", "csv", truncated, EXPORT_MAX);
	eco_buf_puts(&ctx->res.body, "\xef\xbb\xbf");
	for (c = 0; c < NCOLUMNS; c++)
		head[c] = eco_tr(ctx, columns[c]);
	eco_csv_row(&ctx->res.body, head, NCOLUMNS);
	n = truncated ? EXPORT_MAX : PQntuples(res);
	for (i = 0; i < n; i++) {
		json_t *item = search_item(ctx, res, i);

		csv_request(ctx, &ctx->res.body, item);
		json_decref(item);
	}
	return 200;
}

/*
 * GET /{lang}/requests/export.json?<the tracker's filters>: the matching
 * public requests as {"items":[...],"count":N,"truncated":bool,
 * "limit":EXPORT_MAX}, items as GET /api/v1/requests gives them plus
 * "status_label" in the page's language and "url".  200; 400; 503.
 */
int
page_export_json(struct eco_ctx *ctx)
{
	struct eco_buf *b = &ctx->res.body;
	PGresult *res;
	bool truncated;
	char *text;
	int rc, i, n;

	if ((rc = export_rows(ctx, &res, &truncated)) != 0)
		return rc;
	eco_download(ctx, "application/json", "requests", "json", truncated,
	    EXPORT_MAX);
	n = truncated ? EXPORT_MAX : PQntuples(res);
	/* Item by item, so only one item is ever a tree of JSON values. */
	eco_buf_puts(b, "{\"items\":[");
	for (i = 0; i < n; i++) {
		json_t *item = search_item(ctx, res, i);

		json_object_set_new(item, "status_label", json_string(
		    eco_tr(ctx, label_status(str(item, "status")))));
		json_object_set_new(item, "url", json_string(
		    page_url(ctx, item)));
		if ((text = json_dumps(item, JSON_COMPACT)) != NULL) {
			if (i > 0)
				eco_buf_putc(b, ',');
			eco_buf_puts(b, text);
			free(text);
		}
		json_decref(item);
	}
	eco_buf_printf(b, "],\"count\":%d,\"truncated\":%s,\"limit\":%d}", n,
	    truncated ? "true" : "false", EXPORT_MAX);
	return 200;
}
