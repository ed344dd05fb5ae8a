/*
 * XML text for feeds (Atom, RFC 4287) and other XML the portal writes.
 * Pure functions.
 */
#ifndef ECO_XML_H
#define ECO_XML_H

struct eco_buf;

/*
 * Appends s as XML 1.0 character data, safe in element content and in
 * quoted attributes: & < > " ' become references.  What XML 1.0 cannot
 * carry at all (C0 controls but TAB, LF and CR; U+FFFE and U+FFFF; bytes
 * that are not UTF-8) becomes U+FFFD, so the document stays well-formed
 * whatever the database holds.  NULL appends nothing.
 */
void	eco_xml_escape(struct eco_buf *, const char *s);

/*
 * An instant (seconds since 1970, UTC) as RFC 3339 in UTC, the form of
 * Atom's dates: "2026-03-07T05:04:03Z".  out has room for at least
 * ECO_XML_TIME_SIZE bytes; instants outside the years
 * 0000-9999 are clamped to them.
 */
#define ECO_XML_TIME_SIZE	21
void	eco_xml_time(long long t, char *out);

/* The elements of a feed, each followed by a line end: <name>text</name>
 * with text escaped; <name>instant</name> as eco_xml_time writes it; and
 * <link rel= type= href=/> with href escaped. */
void	eco_xml_element(struct eco_buf *, const char *name, const char *text);
void	eco_xml_time_element(struct eco_buf *, const char *name, long long t);
void	eco_xml_link(struct eco_buf *, const char *rel, const char *type,
	    const char *href);

#endif
