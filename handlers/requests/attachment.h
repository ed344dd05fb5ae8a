/*
 * Files of an answer (or of a refusal), as pure rules: which files are
 * accepted and how a download names them.  No I/O.
 *
 * Accepted: PDF, PNG and JPEG images, Word, Excel and OpenDocument files
 * (docx, xlsx, odt, ods, and the old doc, xls), CSV and plain text in
 * UTF-8; at most 10 MB each and ATTACH_MAX on one request.  The type is
 * decided here from the name's extension and confirmed by the first bytes
 * of the content (a PDF must begin with %PDF-, a docx is a ZIP, a CSV is
 * valid UTF-8 text ...): what the sender declares is not trusted, and the
 * type stored is the one served, with X-Content-Type-Options: nosniff.
 */
#ifndef ECO_REQUESTS_ATTACHMENT_H
#define ECO_REQUESTS_ATTACHMENT_H

#include <stddef.h>

#define ATTACH_SIZE_MAX	(10 * 1024 * 1024)	/* requests.attachments */
#define ATTACH_NAME_MAX	200			/* characters */
#define ATTACH_MAX	10			/* on one request */

/* One file sent with a step. */
struct attachment_file {
	const char		*name;	/* without a directory */
	const unsigned char	*data;	/* may be NULL when size is over
					 * ATTACH_SIZE_MAX: never read then */
	size_t			 size;
	const char		*type;	/* set by attachment_check */
};

/*
 * Checks f and sets f->type to the Content-Type it is stored and served
 * with.  0, or the HTTP status to refuse it with (400, 413 too large)
 * and *why an English msgid.
 */
int	attachment_check(struct attachment_file *f, const char **why);

/*
 * The Content-Disposition of a download of a file named name (RFC 6266):
 * attachment; filename="<ASCII fallback>"; filename*=UTF-8''<RFC 5987
 * percent-encoding>.  The fallback keeps printable ASCII but '"', '\',
 * '%' and ';' and writes '_' for every other character.  On the arena.
 */
struct eco_arena;
const char *attachment_disposition(struct eco_arena *, const char *name);

#endif
