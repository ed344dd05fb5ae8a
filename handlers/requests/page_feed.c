/*
 * Atom feeds (RFC 4287) of what happens to public requests: the events of
 * all of them, of one holder's, of one request, the newest 50 first, in the page's language.  An entry is an event of the timeline as
 * the request page shows it to everybody: no drafts, nothing about the
 * requester.  Links are absolute, from the configured site address.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "atom.h"
#include "buf.h"
#include "date.h"
#include "dbjson.h"
#include "follow.h"
#include "labels.h"
#include "pages.h"
#include "store.h"
#include "validate.h"
#include "xml.h"

/*
 * Ids of feeds and entries are tag URIs (RFC 4151) under the portal's
 * domain, fixed rather than taken from the configured address, so an
 * entry keeps its id if the site moves.
 */
#define FEED_TAG	"tag:ecogosfond.kz,2026:requests/"

#define FEED_SELECT \
    "SELECT e.id, e.request_id, e.type, e.on_date, " \
    "       extract(epoch FROM e.at)::bigint, e.deadline_code IS NOT NULL, " \
    "       e.met, e.data::text, r.reg_no, r.subject, " \
    "       h.name_kk, h.name_ru, h.name_en " \
    "FROM requests.events e " \
    "JOIN requests.requests r ON r.id = e.request_id " \
    "JOIN requests.holders h ON h.id = r.holder_id " \
    "WHERE r.public AND e.type <> 'draft' "
/* The newest 50: a reader that polls keeps up, and the feed stays small. */
#define FEED_ORDER \
    "ORDER BY e.at DESC, e.id DESC LIMIT 50"

static struct eco_stmt q_all = ECO_STMT(FEED_SELECT FEED_ORDER);
static struct eco_stmt q_holder = ECO_STMT(
    FEED_SELECT "AND r.holder_id = $1 " FEED_ORDER);
static struct eco_stmt q_request = ECO_STMT(
    FEED_SELECT "AND r.id = $1 " FEED_ORDER);

/* What an entry says: the holder, the day, the event and its details,
 * and whether it met its statutory deadline. */
static const char *
summary(struct eco_ctx *ctx, PGresult *res, int i, const char *event)
{
	struct eco_buf b;
	json_t *e;
	const char *detail;
	long day = 0;

	eco_buf_init(&b, ctx->arena);
	eco_buf_puts(&b, PQgetvalue(res, i, 10 + (int)ctx->lang));
	eco_buf_puts(&b, ", ");
	if (eco_date_parse(PQgetvalue(res, i, 3), &day) == 0)
		eco_format_day(ctx->app->catalogs, ctx->lang, day, &b);
	eco_buf_puts(&b, ": ");
	eco_buf_puts(&b, event);
	e = eco_dbjson_parse(PQgetvalue(res, i, 7));
	if (json_is_object(e)) {
		json_object_set_new(e, "type",
		    json_string(PQgetvalue(res, i, 2)));
		detail = request_event_detail(ctx, e);
		if (detail[0] != '\0') {
			eco_buf_puts(&b, ": ");
			eco_buf_puts(&b, detail);
		}
	}
	json_decref(e);
	eco_buf_puts(&b, ".");
	if (PQgetvalue(res, i, 5)[0] == 't') {
		eco_buf_puts(&b, " ");
		eco_buf_puts(&b, eco_tr(ctx, PQgetvalue(res, i, 6)[0] == 't' ?
		    N_("Within the deadline") : N_("After the deadline")));
		eco_buf_puts(&b, ".");
	}
	return b.data;
}

static void
entry(struct eco_ctx *ctx, struct eco_buf *b, PGresult *res, int i)
{
	const char *type = PQgetvalue(res, i, 2);
	const char *event = label_event(type);
	long long at = strtoll(PQgetvalue(res, i, 4), NULL, 10);

	/* A type this file does not know yet still says what it is. */
	event = event[0] != '\0' ? eco_tr(ctx, event) : type;
	eco_buf_puts(b, "<entry>\n");
	eco_buf_printf(b, "<id>" FEED_TAG "%s/events/%s</id>\n",
	    PQgetvalue(res, i, 1), PQgetvalue(res, i, 0));
	eco_xml_element(b, "title", eco_sprintf(ctx->arena, "%s — %s: %s",
	    PQgetvalue(res, i, 8), event, PQgetvalue(res, i, 9)));
	eco_xml_link(b, "alternate", "text/html", eco_sprintf(ctx->arena,
	    "%s/%s/requests/%s", ctx->app->config.site_url,
	    eco_lang_code(ctx->lang), PQgetvalue(res, i, 1)));
	eco_xml_time_element(b, "published", at);
	eco_xml_time_element(b, "updated", at);
	eco_buf_puts(b, "<category term=\"");
	eco_xml_escape(b, type);
	eco_buf_puts(b, "\" label=\"");
	eco_xml_escape(b, event);
	eco_buf_puts(b, "\"/>\n");
	eco_xml_element(b, "summary", summary(ctx, res, i, event));
	eco_buf_puts(b, "</entry>\n");
}

/*
 * Sends the feed: id after FEED_TAG, title, the page it mirrors and its
 * own address (both after /{lang}), the entries res holds.  200.
 */
static int
send_feed(struct eco_ctx *ctx, const char *id, const char *title,
    const char *page, const char *self, PGresult *res)
{
	int i;

	eco_atom_begin(ctx, FEED_TAG, id, title, page, self,
	    PQntuples(res) > 0 ? strtoll(PQgetvalue(res, 0, 4), NULL, 10) : 0);
	for (i = 0; i < PQntuples(res); i++)
		entry(ctx, &ctx->res.body, res, i);
	return eco_atom_end(ctx);
}

/* The feed's entries for the one parameter id (NULL: none).  NULL if the
 * database failed. */
static PGresult *
entries(struct eco_ctx *ctx, struct eco_stmt *stmt, long long id)
{
	const char *p[1];

	p[0] = eco_sprintf(ctx->arena, "%lld", id);
	return eco_db_exec(ctx->db, ctx->arena, stmt, id > 0 ? 1 : 0, p);
}

/* The holder or request a feed is about: 0, or the status already sent. */
static int
feed_target(struct eco_ctx *ctx, const struct follow_target *t,
    struct follow_about *a)
{
	switch (follow_about(ctx, t, a)) {
	case STORE_OK:
		return 0;
	case STORE_NOT_FOUND:
		return eco_error(ctx, 404, "not_found", t->request_id > 0 ?
		    N_("There is no such request.") :
		    N_("Unknown information holder"));
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
}

/*
 * GET /{lang}/requests/feed.atom[?holder_id=N]: the newest events of all
 * public requests, or of those to one holder.  200 application/atom+xml;
 * 400 holder_id not an id; 404 no such holder; 503.
 */
int
page_feed(struct eco_ctx *ctx)
{
	const char *v = eco_query(ctx, "holder_id");
	struct follow_target t = { 0, 0 };
	struct follow_about a;
	PGresult *res;
	int rc;

	if (v == NULL || v[0] == '\0') {
		if ((res = entries(ctx, &q_all, 0)) == NULL)
			return eco_error(ctx, 503, NULL, NULL);
		return send_feed(ctx, "all", eco_sprintf(ctx->arena, "%s — %s",
		    eco_tr(ctx, N_("Requests to state bodies")),
		    eco_tr(ctx, N_("ecogosfond"))), "/requests",
		    "/requests/feed.atom", res);
	}
	if ((t.holder_id = eco_parse_id(v)) <= 0)
		return eco_error(ctx, 400, NULL, N_("Unknown information holder"));
	if ((rc = feed_target(ctx, &t, &a)) != 0)
		return rc;
	if ((res = entries(ctx, &q_holder, t.holder_id)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	return send_feed(ctx, eco_sprintf(ctx->arena, "holders/%lld",
	    t.holder_id), eco_sprintf(ctx->arena, "%s — %s",
	    a.holder_name[ctx->lang], eco_tr(ctx,
	    N_("Requests to state bodies"))),
	    eco_sprintf(ctx->arena, "/requests?holder_id=%lld", t.holder_id),
	    eco_sprintf(ctx->arena, "/requests/feed.atom?holder_id=%lld",
	    t.holder_id), res);
}

/*
 * GET /{lang}/requests/{id}/feed.atom: the events of one public request.
 * 200 application/atom+xml; 404 no such request, or not public; 503.
 */
int
page_feed_request(struct eco_ctx *ctx)
{
	struct follow_target t = { 0, 0 };
	struct follow_about a;
	PGresult *res;
	int rc;

	if ((t.request_id = eco_parse_id(eco_param(ctx, "id"))) <= 0)
		return eco_error(ctx, 404, "not_found",
		    N_("There is no such request."));
	if ((rc = feed_target(ctx, &t, &a)) != 0)
		return rc;
	if ((res = entries(ctx, &q_request, t.request_id)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	return send_feed(ctx, eco_sprintf(ctx->arena, "requests/%lld",
	    t.request_id),
	    eco_sprintf(ctx->arena, "%s — %s", a.reg_no, a.subject),
	    eco_sprintf(ctx->arena, "/requests/%lld", t.request_id),
	    eco_sprintf(ctx->arena, "/requests/%lld/feed.atom", t.request_id),
	    res);
}
