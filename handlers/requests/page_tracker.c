/* The public tracker: search and filter public requests, no sign-in. */
#include <string.h>

#include "app.h"
#include "buf.h"
#include "holders.h"
#include "html.h"
#include "labels.h"
#include "page_cache.h"
#include "pages.h"
#include "search.h"
#include "stats_db.h"
#include "store.h"

/* The filters as a query string ("holder_id=3&q=..."), without the page. */
static const char *
filter_query(struct eco_ctx *ctx, const struct search_query *s)
{
	struct eco_buf b;

	eco_buf_init(&b, ctx->arena);
	if (s->holder_id > 0)
		eco_buf_printf(&b, "&holder_id=%lld", s->holder_id);
	if (s->region != NULL) {
		eco_buf_puts(&b, "&region=");
		eco_url_encode(&b, s->region, strlen(s->region));
	}
	if (s->status != NULL)
		eco_buf_printf(&b, "&status=%s", s->status);
	if (s->overdue)
		eco_buf_puts(&b, "&overdue=true");
	if (s->q != NULL) {
		eco_buf_puts(&b, "&q=");
		eco_url_encode(&b, s->q, strlen(s->q));
	}
	if (s->from != 0)
		eco_buf_printf(&b, "&from=%s", store_iso(ctx, s->from));
	if (s->to != 0)
		eco_buf_printf(&b, "&to=%s", store_iso(ctx, s->to));
	return b.data[0] == '&' ? b.data + 1 : b.data;
}

/* What a list item shows besides its data: names and the state's colour. */
void
tracker_decorate(struct eco_ctx *ctx, json_t *item)
{
	json_t *names = json_object_get(json_object_get(item, "holder"), "name");
	const char *status = json_string_value(json_object_get(item, "status"));
	const char *state = "";

	json_object_set_new(item, "holder_name", json_string(json_string_value(
	    json_object_get(names, eco_lang_code(ctx->lang)))));
	json_object_set_new(item, "status_label",
	    json_string(eco_tr(ctx, label_status(status))));
	if (json_is_true(json_object_get(item, "overdue")))
		state = "overdue";
	else if (json_is_true(json_object_get(item, "due_soon")))
		state = "due-soon";
	else if (json_is_false(json_object_get(item, "on_time")))
		state = "late";
	json_object_set_new(item, "state", json_string(state));
}

int
tracker_list_page(struct eco_ctx *ctx, struct eco_stmt *stmt, long long id,
    const char *template, const char *title)
{
	const char *p[1] = { eco_sprintf(ctx->arena, "%lld", id) };
	json_t *items, *it;
	PGresult *res;
	size_t i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, stmt, 1, p)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	items = search_items(ctx, res);
	json_array_foreach(items, i, it)
		tracker_decorate(ctx, it);
	return eco_render(ctx, 200, template, json_pack("{s:s,s:o,s:i}",
	    "title", eco_tr(ctx, title), "items", items,
	    "total", PQntuples(res)));
}

/*
 * The feed of the list in the page's <head> (one holder's, else all),
 * and for one holder the form to follow it by e-mail.
 */
static void
add_follow(struct eco_ctx *ctx, const struct search_query *s, json_t *data)
{
	json_t *h;
	size_t i;

	json_object_set_new(data, "feed_url", json_string(eco_url(ctx,
	    s->holder_id > 0 ? eco_sprintf(ctx->arena,
	    "/requests/feed.atom?holder_id=%lld", s->holder_id) :
	    "/requests/feed.atom")));
	json_object_set_new(data, "feed_title",
	    json_string(eco_tr(ctx, N_("Atom feed"))));
	if (s->holder_id <= 0)
		return;
	/* Only a holder the <select> knows: the form names it. */
	json_array_foreach(json_object_get(data, "holders"), i, h)
		if (json_is_true(json_object_get(h, "selected")))
			json_object_set_new(data, "follow",
			    follow_form_json(ctx, 0, s->holder_id));
}

/*
 * GET /{lang}/requests?holder_id=&region=&status=&overdue=true&q=&from=
 * &to=&page=: the public tracker.  200; 400 a filter that cannot be (the
 * page with the message); 503.
 */
int
page_tracker(struct eco_ctx *ctx)
{
	struct search_query s;
	const char *why, *filters;
	json_t *data, *items = NULL, *it, *holders;
	struct search_total total = { 0, false };
	long long version;
	size_t i;
	int rc;

	/* A list is the same for every visitor until a request changes
	 * (page_cache.h): requests.stats_version says when. */
	version = -1;
	if (eco_page_cache_wanted(ctx) && stats_version(ctx, &version) != 0)
		version = -1;
	if ((rc = eco_page_cache_serve(ctx, version)) != 0)
		return rc;
	why = search_parse(ctx, &s);
	if (why == NULL && (items = search_run(ctx, &s, &total)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	if ((holders = holder_options(ctx, s.holder_id)) == NULL) {
		json_decref(items);
		return eco_error(ctx, 503, NULL, NULL);
	}
	filters = filter_query(ctx, &s);
	data = json_pack("{s:s,s:o,s:o,s:o,s:b,s:s,s:s,s:s}",
	    "title", eco_tr(ctx, N_("Requests to state bodies")),
	    "holders", holders,
	    "regions", eco_code_options(ctx, label_region_code, label_region,
	    s.region),
	    "statuses", eco_code_options(ctx, label_status_code, label_status,
	    s.status),
	    "overdue", s.overdue,
	    "q", s.q != NULL ? s.q : "",
	    "from", s.from != 0 ? store_iso(ctx, s.from) : "",
	    "to", s.to != 0 ? store_iso(ctx, s.to) : "");
	if (why != NULL) {
		json_object_set_new(data, "error", json_string(eco_tr(ctx, why)));
		return eco_render(ctx, 400, "requests/tracker", data);
	}
	json_array_foreach(items, i, it)
		tracker_decorate(ctx, it);
	json_object_set_new(data, "items", items);
	json_object_set_new(data, "total", json_integer(total.n));
	json_object_set_new(data, "total_capped", json_boolean(total.capped));
	json_object_set_new(data, "filters", json_string(filters));
	if (s.page > 1)
		json_object_set_new(data, "prev_page", json_integer(s.page - 1));
	if (s.page * s.limit < total.n)
		json_object_set_new(data, "next_page", json_integer(s.page + 1));
	json_object_set_new(data, "page", json_integer(s.page));
	add_follow(ctx, &s, data);
	rc = eco_render(ctx, 200, "requests/tracker", data);
	eco_page_cache_keep(ctx, version);
	return rc;
}
