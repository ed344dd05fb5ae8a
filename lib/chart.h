/*
 * Charts as SVG text, drawn on the server so that the statistics pages
 * show them without JavaScript or images: horizontal bars (refusals by
 * ground), columns (requests by month), groups of columns (court cases
 * received and decided by year) and a share (the decisions on time).
 * Pure: labels and values in, SVG text on the arena out.
 *
 *	struct chart_item months[12] = { { "January", "2026", 41 }, ... };
 *	const char *svg = chart_columns(arena, _("Requests by month"),
 *	    months, 12);
 *
 * Every text is escaped.  Lengths are integer arithmetic, so a zero or
 * empty total draws empty bars, never NaN; negative values count as 0.
 * Each chart is one <svg role="img"> whose accessible name is the title
 * (aria-label and <title>); the page shows the same numbers in a table
 * for readers that skip images.  Colours are classes (static/css/site.css)
 * with fill attributes as the fallback.
 */
#ifndef ECO_CHART_H
#define ECO_CHART_H

#include <stddef.h>

struct eco_arena;

#define CHART_WIDTH		640	/* of the viewBox */
#define CHART_LABEL_MAX		72	/* characters; a longer label is cut */

struct chart_item {
	const char	*label;
	const char	*sublabel;	/* columns: a second line, or NULL */
	long		 value;
};

/* One row per item: the label, then a bar with its value at the end. */
const char *chart_bars(struct eco_arena *, const char *title,
	    const struct chart_item *, size_t n);
/* One column per item, left to right, with the label (and sublabel)
 * under it and the value on top. */
const char *chart_columns(struct eco_arena *, const char *title,
	    const struct chart_item *, size_t n);
/*
 * Groups of columns, one group per item of groups, one column per
 * series (at most CHART_SERIES_MAX), all on one scale; a legend of the
 * series' names above.
 */
#define CHART_SERIES_MAX	4
struct chart_group {
	const char	*label;
	long		 values[CHART_SERIES_MAX];
};
const char *chart_groups(struct eco_arena *, const char *title,
	    const char *const *series, size_t nseries,
	    const struct chart_group *groups, size_t n);
/*
 * A bar split into part and the rest of total; under it part_label and
 * rest_label with their counts, and center (e.g. "87%") between them.
 * A total of 0 draws the empty bar.
 */
const char *chart_share(struct eco_arena *, const char *title, long part,
	    long total, const char *center, const char *part_label,
	    const char *rest_label);

/* value * length / max rounded to the nearest, within 0..length; 0 when
 * max or value is not positive. */
long	chart_scale(long value, long max, long length);
/* s cut to at most max characters (UTF-8), the last being "…" when cut. */
const char *chart_truncate(struct eco_arena *, const char *s, size_t max);

#endif
