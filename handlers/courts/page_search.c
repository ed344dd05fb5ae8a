/* The court registry's public search page: no sign-in. */
#include <string.h>

#include "app.h"
#include "buf.h"
#include "html.h"
#include "labels.h"
#include "page_cache.h"
#include "pages.h"
#include "regions.h"
#include "search.h"
#include "version.h"

/* Appends "&name=value" (value URL-encoded) when value is given. */
static void
put_param(struct eco_buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	eco_buf_printf(b, "&%s=", name);
	eco_url_encode(b, value, strlen(value));
}

/* The filters as a query string ("q=...&year=2019"), without the page. */
static const char *
filter_query(struct eco_ctx *ctx, const struct court_query *q)
{
	static const char *const flags[] = { NULL, "true", "false" };
	struct eco_buf b;

	eco_buf_init(&b, ctx->arena);
	put_param(&b, "q", q->q);
	if (q->year > 0)
		eco_buf_printf(&b, "&year=%d", q->year);
	put_param(&b, "category", q->category);
	put_param(&b, "region", q->region);
	put_param(&b, "level", q->level);
	put_param(&b, "outcome", q->outcome);
	put_param(&b, "party_kind", q->party_kind);
	put_param(&b, "aarhus", flags[q->aarhus]);
	put_param(&b, "indefinite", flags[q->indefinite]);
	if (q->sort == COURT_SORT_RELEVANCE)
		eco_buf_puts(&b, "&sort=relevance");
	if (b.data == NULL)
		return "";
	return b.data[0] == '&' ? b.data + 1 : b.data;
}

/* Whether the headline's title or summary in language l has a match. */
static bool
marked(json_t *hl, const char *l)
{
	const char *t = json_string_value(json_object_get(
	    json_object_get(hl, "title"), l));
	const char *s = json_string_value(json_object_get(
	    json_object_get(hl, "summary"), l));

	return (t != NULL && strstr(t, "<mark>") != NULL) ||
	    (s != NULL && strstr(s, "<mark>") != NULL);
}

/* What an item shows in the page's language: title, headline, labels.
 * The headlines are HTML already escaped (court_headline_html). */
static void
decorate(struct eco_ctx *ctx, json_t *it)
{
	/* Words typed in the other language are shown where they were
	 * found. */
	const char *l = court_text_lang(ctx);
	const char *other = strcmp(l, "kk") == 0 ? "ru" : "kk";
	json_t *hl = json_object_get(it, "headline");

	if (hl != NULL && !marked(hl, l) && marked(hl, other))
		l = other;

	json_object_set_new(it, "text_lang", json_string(l));
	json_object_set_new(it, "title_text", json_incref(json_object_get(
	    json_object_get(it, "title"), l)));
	if (hl != NULL) {
		json_object_set_new(it, "title_html", json_incref(
		    json_object_get(json_object_get(hl, "title"), l)));
		json_object_set_new(it, "summary_html", json_incref(
		    json_object_get(json_object_get(hl, "summary"), l)));
	}
	json_object_set_new(it, "category_label", json_string(eco_tr(ctx,
	    court_label_category(json_string_value(json_object_get(it,
	    "category"))))));
	json_object_set_new(it, "status_label", json_string(eco_tr(ctx,
	    court_label_status(json_string_value(json_object_get(it,
	    "status"))))));
	if (json_is_string(json_object_get(it, "region")))
		json_object_set_new(it, "region_label", json_string(eco_tr(ctx,
		    eco_region_msgid(json_string_value(json_object_get(it,
		    "region"))))));
}

/* The <select> of a flag filter. */
static json_t *
flag_options(struct eco_ctx *ctx, enum court_flag f)
{
	return json_pack("[{s:s,s:s,s:b},{s:s,s:s,s:b}]",
	    "code", "true", "name", eco_tr(ctx, N_("Yes")),
	    "selected", f == COURT_FLAG_TRUE,
	    "code", "false", "name", eco_tr(ctx, N_("No")),
	    "selected", f == COURT_FLAG_FALSE);
}

/* The region's msgid for eco_code_options ("" for none). */
static const char *
region_label(const char *code)
{
	const char *m = eco_region_msgid(code);

	return m != NULL ? m : "";
}

/*
 * GET /{lang}/courts?q=&year=&category=&region=&level=&outcome=
 * &party_kind=&aarhus=&indefinite=&sort=&page=: the search form and a
 * page of matching cases, the words highlighted, a misspelt word
 * corrected ("showing results for").  200; 400 a filter that cannot be
 * (the form with the message); 503.
 */
int
page_court_search(struct eco_ctx *ctx)
{
	struct court_query q;
	struct court_total total = { 0, false };
	const char *why;
	bool changed = false;
	json_t *data, *items = NULL, *it;
	long long version;
	size_t i;
	int rc;

	/* A search is the same for every visitor until a case changes. */
	if ((rc = court_page_cached(ctx, &version)) != 0)
		return rc;
	why = court_search_parse(ctx, &q);
	if (why == NULL && (court_search_correct(ctx, &q, &changed) != 0 ||
	    (items = court_search_run(ctx, &q, &total)) == NULL))
		return eco_error(ctx, 503, NULL, NULL);
	data = json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b}",
	    "title", eco_tr(ctx, N_("Environmental court cases")),
	    "q", q.q != NULL ? q.q : "",
	    "year", q.year > 0 ? eco_sprintf(ctx->arena, "%d", q.year) : "",
	    "categories", eco_code_options(ctx, court_category_code,
	    court_label_category, q.category),
	    "regions", eco_code_options(ctx, eco_region_code, region_label,
	    q.region),
	    "levels", eco_code_options(ctx, court_level_code,
	    court_label_level, q.level),
	    "outcomes", eco_code_options(ctx, court_outcome_code,
	    court_label_outcome, q.outcome),
	    "party_kinds", eco_code_options(ctx, court_party_kind_code,
	    court_label_party_kind, q.party_kind),
	    "aarhus", flag_options(ctx, q.aarhus),
	    "indefinite", flag_options(ctx, q.indefinite),
	    "by_relevance", q.sort == COURT_SORT_RELEVANCE);
	/* The feed of new acts in the <head>: of the category searched. */
	json_object_set_new(data, "feed_url", json_string(eco_url(ctx,
	    q.category != NULL ? eco_sprintf(ctx->arena,
	    "/courts/feed.atom?category=%s", q.category) :
	    "/courts/feed.atom")));
	json_object_set_new(data, "feed_title",
	    json_string(eco_tr(ctx, N_("Feed of new court acts"))));
	json_object_set_new(data, "can_edit", json_boolean(court_can_edit(ctx)));
	if (why != NULL) {
		json_object_set_new(data, "error", json_string(eco_tr(ctx, why)));
		return eco_render(ctx, 400, "courts/search", data);
	}
	if (changed) {
		struct eco_buf b;

		eco_buf_init(&b, ctx->arena);
		for (i = 0; i < q.nwords; i++)
			eco_buf_printf(&b, "%s%s", i > 0 ? " " : "", q.words[i]);
		json_object_set_new(data, "corrected", json_string(b.data));
	}
	json_array_foreach(items, i, it)
		decorate(ctx, it);
	json_object_set_new(data, "items", items);
	json_object_set_new(data, "total", json_integer(total.n));
	json_object_set_new(data, "total_capped", json_boolean(total.capped));
	json_object_set_new(data, "filters", json_string(filter_query(ctx, &q)));
	if (q.page > 1)
		json_object_set_new(data, "prev_page", json_integer(q.page - 1));
	if (total.capped || q.page * q.limit < total.n)
		json_object_set_new(data, "next_page", json_integer(q.page + 1));
	rc = eco_render(ctx, 200, "courts/search", data);
	eco_page_cache_keep(ctx, version);
	return rc;
}
