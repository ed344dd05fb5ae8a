/* A file of a request's answer, downloaded, and the files on its page. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "attachment.h"
#include "attachment_store.h"
#include "pages.h"
#include "store.h"
#include "validate.h"
#include "view.h"

/*
 * GET /{lang}/requests/{id}/attachments/{aid}: the file, with its stored
 * type, as an attachment (Content-Disposition with the name in UTF-8;
 * nosniff comes with every answer).  200; 404 no such request or file,
 * or one the visitor may not see (an unissued draft's file, a private
 * request's): never 403, which would tell that it exists; 503.
 */
int
page_attachment(struct eco_ctx *ctx)
{
	long long aid = eco_parse_id(eco_param(ctx, "aid"));
	struct attachment_data f;
	struct request_row r;
	enum view_access access;
	int rc;

	if ((rc = view_find(ctx, &r, &access)) != 0)
		return rc;
	if (aid <= 0)
		return eco_error(ctx, 404, NULL, NULL);
	switch (attachment_load(ctx, &r, access, aid, &f)) {
	case 0:
		break;
	case 1:
		return eco_error(ctx, 404, NULL, NULL);
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
	ctx->res.content_type = f.type;
	eco_response_header(&ctx->res, "Content-Disposition",
	    attachment_disposition(ctx->arena, f.name));
	eco_buf_clear(&ctx->res.body);
	eco_buf_append(&ctx->res.body, f.data, f.size);
	ctx->res.status = 200;
	return 200;
}

/* "340 KB", "2,5 MB": the size of a file in the page's language. */
static const char *
size_label(struct eco_ctx *ctx, json_int_t size)
{
	char num[32];

	if (size < 1024 * 1024)
		return eco_subst(ctx->arena, eco_tr(ctx, N_("{n} KB")), "n",
		    eco_sprintf(ctx->arena, "%lld",
		    (long long)(size + 1023) / 1024), NULL);
	snprintf(num, sizeof(num), "%.1f", (double)size / (1024 * 1024));
	/* Kazakh and Russian write a decimal comma. */
	if (ctx->lang != ECO_LANG_EN && strchr(num, '.') != NULL)
		*strchr(num, '.') = ',';
	return eco_subst(ctx->arena, eco_tr(ctx, N_("{n} MB")), "n", num, NULL);
}

void
attachments_page_data(struct eco_ctx *ctx, json_t *view)
{
	json_t *issued = json_array(), *drafts = json_array(), *f;
	size_t i;

	json_array_foreach(json_object_get(view, "attachments"), i, f) {
		json_object_set_new(f, "size_label", json_string(size_label(ctx,
		    json_integer_value(json_object_get(f, "size")))));
		json_array_append(json_is_true(json_object_get(f, "issued")) ?
		    issued : drafts, f);
	}
	json_object_set_new(view, "answer_files", issued);
	json_object_set_new(view, "draft_files", drafts);
}
