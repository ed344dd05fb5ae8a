/*
 * Answer files in requests.attachments, and who sees them.  A file added
 * with a draft is the holder's until the head signs: the answer (or the
 * refusal) issues it.  An issued file is public when the request is, and
 * otherwise seen by the requester and the holder's officials only; a
 * draft's only by the holder's officials.  Whoever may not see a file
 * cannot tell it exists (404).  Writes run in the caller's transaction.
 */
#ifndef ECO_REQUESTS_ATTACHMENT_STORE_H
#define ECO_REQUESTS_ATTACHMENT_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "attachment.h"
#include "view.h"

struct eco_ctx;
struct request_row;

/* How many files request id has (issued or not) into *n.  0 or -1. */
int	attachments_count(struct eco_ctx *, long long id, long *n);
/* Adds files (checked: attachment_check) to request id.  0 or -1. */
int	attachments_add(struct eco_ctx *, long long id,
	    const struct attachment_file *, size_t n, bool issued);
/* Removes the draft files of request id named by ids (issued ones
 * stay).  0 or -1. */
int	attachments_remove_drafts(struct eco_ctx *, long long id,
	    const long long *ids, size_t n);
/* Issues every draft file of request id (the head signed).  0 or -1. */
int	attachments_issue(struct eco_ctx *, long long id);

/*
 * [{"id","name","content_type","size","issued","url"}] of the files of r
 * the visitor may see, by access (view.h).  NULL if the database failed.
 */
json_t	*attachments_json(struct eco_ctx *, const struct request_row *r,
	    enum view_access);

/* One file to send. */
struct attachment_data {
	const char		*name;
	const char		*type;
	const unsigned char	*data;
	size_t			 size;
};

/*
 * Loads file aid of r if the visitor may see it: 0, 1 when there is no
 * such file for this visitor, -1 if the database failed.
 */
int	attachment_load(struct eco_ctx *, const struct request_row *r,
	    enum view_access, long long aid, struct attachment_data *);

#endif
