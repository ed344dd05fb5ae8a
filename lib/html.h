/*
 * Escaping for HTML text and attributes, and percent-encoding for URLs.
 * Templates call these for every value unless a template explicitly asks
 * for raw output.
 */
#ifndef ECO_HTML_H
#define ECO_HTML_H

#include <stddef.h>

struct eco_buf;

/* Escapes & < > " ' so the result is safe in text and in quoted attributes. */
void	eco_html_escape(struct eco_buf *, const char *, size_t);
void	eco_html_escape_str(struct eco_buf *, const char *);
/* Percent-encodes everything except unreserved characters (RFC 3986). */
void	eco_url_encode(struct eco_buf *, const char *, size_t);

#endif
