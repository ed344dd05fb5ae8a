/* Answer files in PostgreSQL (see attachment_store.h). */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "attachment_store.h"
#include "store.h"
#include "view.h"

static struct eco_stmt q_count = ECO_STMT(
    "SELECT count(*) FROM requests.attachments WHERE request_id = $1");

/* bytea travels as hex text: the statements take text parameters only. */
static struct eco_stmt q_add = ECO_STMT(
    "INSERT INTO requests.attachments "
    "    (request_id, name, content_type, size, data, issued, added_by) "
    "VALUES ($1, $2, $3, $4, decode($5, 'hex'), $6, $7)");

static struct eco_stmt q_remove = ECO_STMT(
    "DELETE FROM requests.attachments "
    "WHERE request_id = $1 AND id = ANY ($2::bigint[]) AND NOT issued");

static struct eco_stmt q_issue = ECO_STMT(
    "UPDATE requests.attachments SET issued = true "
    "WHERE request_id = $1 AND NOT issued");

/* $2: the visitor sees issued files; $3: drafts. */
static struct eco_stmt q_list = ECO_STMT(
    "SELECT id, name, content_type, size, issued FROM requests.attachments "
    "WHERE request_id = $1 "
    "AND CASE WHEN issued THEN $2::boolean ELSE $3::boolean END ORDER BY id");

static struct eco_stmt q_load = ECO_STMT(
    "SELECT name, content_type, data FROM requests.attachments "
    "WHERE id = $4 AND request_id = $1 "
    "AND CASE WHEN issued THEN $2::boolean ELSE $3::boolean END");

int
attachments_count(struct eco_ctx *ctx, long long id, long *n)
{
	const char *p[1] = { store_id(ctx, id) };
	PGresult *res;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_count, 1, p)) == NULL)
		return -1;
	*n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	return 0;
}

int
attachments_add(struct eco_ctx *ctx, long long id,
    const struct attachment_file *f, size_t n, bool issued)
{
	const char *p[7];
	char *hex;
	size_t i;

	p[0] = store_id(ctx, id);
	p[5] = issued ? "t" : "f";
	p[6] = store_id(ctx, ctx->user.id);
	for (i = 0; i < n; i++) {
		hex = eco_alloc(ctx->arena, f[i].size * 2 + 1);
		sodium_bin2hex(hex, f[i].size * 2 + 1, f[i].data, f[i].size);
		p[1] = f[i].name;
		p[2] = f[i].type;
		p[3] = eco_sprintf(ctx->arena, "%zu", f[i].size);
		p[4] = hex;
		if (eco_db_exec(ctx->db, ctx->arena, &q_add, 7, p) == NULL)
			return -1;
	}
	return 0;
}

int
attachments_remove_drafts(struct eco_ctx *ctx, long long id,
    const long long *ids, size_t n)
{
	struct eco_buf list;
	const char *p[2];
	size_t i;

	if (n == 0)
		return 0;
	eco_buf_init(&list, ctx->arena);
	eco_buf_putc(&list, '{');
	for (i = 0; i < n; i++)
		eco_buf_printf(&list, "%s%lld", i > 0 ? "," : "", ids[i]);
	eco_buf_putc(&list, '}');
	p[0] = store_id(ctx, id);
	p[1] = list.data;
	return eco_db_exec(ctx->db, ctx->arena, &q_remove, 2, p) != NULL ? 0 : -1;
}

int
attachments_issue(struct eco_ctx *ctx, long long id)
{
	const char *p[1] = { store_id(ctx, id) };

	return eco_db_exec(ctx->db, ctx->arena, &q_issue, 1, p) != NULL ? 0 : -1;
}

/* The parameters of q_list and q_load: request, sees issued, drafts. */
static void
visibility(struct eco_ctx *ctx, const struct request_row *r,
    enum view_access access, const char **p)
{
	/*
	 * The answer's files go to the requester and the holder only, even
	 * for a public request: a signed letter carries the requester's
	 * name and address on its letterhead, which the public never sees.
	 * (An administrator sees a private request, not its files.)
	 */
	bool issued = access == VIEW_PERSONAL;

	p[0] = store_id(ctx, r->id);
	p[1] = issued ? "t" : "f";
	p[2] = view_is_holder_official(ctx, r) ? "t" : "f";
}

json_t *
attachments_json(struct eco_ctx *ctx, const struct request_row *r,
    enum view_access access)
{
	const char *p[3];
	PGresult *res;
	json_t *list;
	int i;

	/* Most requests have none: nothing to ask (the loaded row says). */
	if (!r->has_attachments)
		return json_array();
	visibility(ctx, r, access, p);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_list, 3, p)) == NULL)
		return NULL;
	list = json_array();
	for (i = 0; i < PQntuples(res); i++) {
		long long aid = strtoll(PQgetvalue(res, i, 0), NULL, 10);

		json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:I,s:b,s:s}",
		    "id", (json_int_t)aid, "name", PQgetvalue(res, i, 1),
		    "content_type", PQgetvalue(res, i, 2),
		    "size", (json_int_t)strtoll(PQgetvalue(res, i, 3), NULL, 10),
		    "issued", PQgetvalue(res, i, 4)[0] == 't',
		    "url", eco_url(ctx, eco_sprintf(ctx->arena,
		    "/requests/%lld/attachments/%lld", r->id, aid))));
	}
	return list;
}

int
attachment_load(struct eco_ctx *ctx, const struct request_row *r,
    enum view_access access, long long aid, struct attachment_data *out)
{
	const char *p[4], *hex;
	unsigned char *data;
	size_t len, size;
	PGresult *res;

	visibility(ctx, r, access, p);
	p[3] = store_id(ctx, aid);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_load, 4, p)) == NULL)
		return -1;
	if (PQntuples(res) != 1)
		return 1;
	/* bytea in text: "\x" and two hex digits a byte. */
	hex = PQgetvalue(res, 0, 2);
	len = (size_t)PQgetlength(res, 0, 2);
	if (len < 2 || strncmp(hex, "\\x", 2) != 0)
		return -1;
	data = eco_alloc(ctx->arena, (len - 2) / 2 + 1);
	if (sodium_hex2bin(data, (len - 2) / 2 + 1, hex + 2, len - 2, NULL,
	    &size, NULL) != 0)
		return -1;
	out->name = PQgetvalue(res, 0, 0);
	out->type = PQgetvalue(res, 0, 1);
	out->data = data;
	out->size = size;
	return 0;
}
