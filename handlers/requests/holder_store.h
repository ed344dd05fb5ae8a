/*
 * The information holders in PostgreSQL: reading them for the API, the
 * forms and the administrators' page, and the administrators' changes —
 * each in one transaction with its record in core.audit.  Holders are
 * never deleted: requests point at them.  A deactivated holder is no
 * longer offered to requesters but still names its old requests.
 */
#ifndef ECO_REQUESTS_HOLDER_STORE_H
#define ECO_REQUESTS_HOLDER_STORE_H

#include <stdbool.h>

#include <jansson.h>
#include <libpq-fe.h>

struct eco_ctx;
struct eco_field_error;
struct holder_input;

/* One holder as stored. */
struct holder_row {
	long long	 id;
	const char	*code;
	const char	*name[3];	/* kk, ru, en */
	const char	*region;	/* "" national */
	const char	*kind;
	const char	*parent_code;	/* "" none */
	long long	 parent_id;	/* 0 none */
	bool		 active;
};

/*
 * The holders in display order (all of them, or only the active ones);
 * read each with holder_from.  NULL if the database failed.
 */
PGresult *holders_list(struct eco_ctx *, bool all);
void	holder_from(PGresult *, int row, struct holder_row *);
/* Holder id: 0, or 1 when there is none, -1 when the database failed. */
int	holder_load(struct eco_ctx *, long long id, struct holder_row *);
/*
 * The holder whose id is the text id (of the route or the query): 0, or
 * the status of the error already sent (404 none, 503).
 */
int	holder_find(struct eco_ctx *, const char *id, struct holder_row *);

/* The API's shape: {"id","code","name":{"kk","ru","en"},"region","kind",
 * "parent","parent_id","active"}; region and parent null when none. */
json_t	*holder_json(const struct holder_row *);

/*
 * Adds a holder (id 0) or changes holder id as the signed-in
 * administrator, with what in holds (already holder_check'ed).  Returns
 * the HTTP status: 201 added or 200 changed (*out_id its id); 404 no
 * such holder; 400 or 409 with the problem in *error (a parent that is
 * not an active holder; a code taken or used by another holder's
 * registration numbers, a parent that would make a cycle, deactivating a
 * holder with active subordinate bodies); 503.
 */
int	holder_save(struct eco_ctx *, long long id, const struct holder_input *,
	    long long *out_id, struct eco_field_error *error);

#endif
