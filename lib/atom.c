/* The frame of an Atom feed (see atom.h). */
#include "app.h"
#include "atom.h"
#include "buf.h"
#include "xml.h"

void
eco_atom_begin(struct eco_ctx *ctx, const char *tag, const char *id,
    const char *title, const char *page, const char *self, long long updated)
{
	struct eco_buf *b = &ctx->res.body;
	const char *site = ctx->app->config.site_url;
	const char *lang = eco_lang_code(ctx->lang);

	eco_buf_clear(b);
	eco_buf_printf(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n",
	    lang);
	eco_buf_puts(b, "<id>");
	eco_xml_escape(b, eco_sprintf(ctx->arena, "%sfeeds/%s/%s", tag, lang,
	    id));
	eco_buf_puts(b, "</id>\n");
	eco_xml_element(b, "title", title);
	eco_xml_link(b, "self", "application/atom+xml",
	    eco_sprintf(ctx->arena, "%s/%s%s", site, lang, self));
	eco_xml_link(b, "alternate", "text/html",
	    eco_sprintf(ctx->arena, "%s/%s%s", site, lang, page));
	eco_xml_time_element(b, "updated", updated);
	eco_buf_puts(b, "<author>");
	eco_xml_element(b, "name", eco_tr(ctx, N_("ecogosfond")));
	eco_buf_puts(b, "</author>\n");
}

int
eco_atom_end(struct eco_ctx *ctx)
{
	eco_buf_puts(&ctx->res.body, "</feed>\n");
	ctx->res.content_type = "application/atom+xml";
	ctx->res.status = 200;
	return 200;
}
