/*
 * The frame of an Atom feed (RFC 4287) in a response's body; the module
 * writes the entries between (lib/xml.h has the elements).
 *
 *	eco_atom_begin(ctx, "tag:ecogosfond.kz,2026:courts/", "all", title,
 *	    "/courts", "/courts/feed.atom", newest);
 *	... one <entry> per row ...
 *	return eco_atom_end(ctx);
 */
#ifndef ECO_ATOM_H
#define ECO_ATOM_H

struct eco_ctx;

/*
 * Starts the feed: <feed> in the page's language, its id (tag, then
 * "feeds/{lang}/" and id), title, its own address and the page it mirrors
 * (both after /{lang}), updated (the newest entry's time; 0 when there is
 * none, so that an empty feed's date does not change on every fetch) and
 * the portal as its author.
 */
void	eco_atom_begin(struct eco_ctx *, const char *tag, const char *id,
	    const char *title, const char *page, const char *self,
	    long long updated);

/* Closes the feed and answers it: 200. */
int	eco_atom_end(struct eco_ctx *);

#endif
