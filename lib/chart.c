/* Charts as SVG text (see chart.h). */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "chart.h"
#include "html.h"

/* Bars: each row is a label line and a bar under it. */
#define BAR_ROW		40	/* height of a row */
#define BAR_HEIGHT	14
#define BAR_VALUE_ROOM	64	/* right of the longest bar, for its value */

/* Columns: values on top, the plot, then two lines of labels. */
#define COL_TOP		20
#define COL_PLOT	160
#define COL_BOTTOM	36

/* Groups: a line of the legend per series above the columns. */
#define GROUP_LEGEND	20

/* Share: a bar with the legend and the center text under it. */
#define SHARE_BAR	28
#define SHARE_HEIGHT	64

long
chart_scale(long value, long max, long length)
{
	long long v;

	if (max <= 0 || value <= 0 || length <= 0)
		return 0;
	if (value >= max)
		return length;
	/* long long: a count of 200,000 times 640 fits many times over. */
	v = ((long long)value * length * 2 + max) / ((long long)max * 2);
	return (long)v;
}

const char *
chart_truncate(struct eco_arena *arena, const char *s, size_t max)
{
	size_t chars = 0, i, cut = 0;

	if (s == NULL)
		return "";
	for (i = 0; s[i] != '\0'; i++) {
		/* A character starts at every byte that is not 10xxxxxx. */
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (chars == (max > 0 ? max - 1 : 0))
			cut = i;
		chars++;
	}
	if (chars <= max)
		return s;
	if (max == 0)
		return "";
	return eco_sprintf(arena, "%.*s\xe2\x80\xa6", (int)cut, s);
}

/* The opening tag with the accessible name, and the <title>; the font
 * attributes hold where site.css does not reach (an SVG saved alone). */
static void
open_svg(struct eco_buf *b, const char *title, const char *class, long height)
{
	eco_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart %s\" role=\"img\" viewBox=\"0 0 %d %ld\" "
	    "width=\"%d\" height=\"%ld\" font-family=\"sans-serif\" "
	    "font-size=\"12\" aria-label=\"", class, CHART_WIDTH,
	    height, CHART_WIDTH, height);
	eco_html_escape_str(b, title);
	eco_buf_puts(b, "\"><title>");
	eco_html_escape_str(b, title);
	eco_buf_puts(b, "</title>");
}

/* Text at x, y; anchor "start", "middle" or "end". */
static void
text(struct eco_buf *b, long x, long y, const char *anchor, const char *class,
    const char *s)
{
	eco_buf_printf(b, "<text x=\"%ld\" y=\"%ld\" text-anchor=\"%s\" "
	    "class=\"%s\">", x, y, anchor, class);
	eco_html_escape_str(b, s);
	eco_buf_puts(b, "</text>");
}

static long
max_value(const struct chart_item *items, size_t n)
{
	long max = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (items[i].value > max)
			max = items[i].value;
	return max;
}

static long
positive(long v)
{
	return v > 0 ? v : 0;
}

const char *
chart_bars(struct eco_arena *arena, const char *title,
    const struct chart_item *items, size_t n)
{
	long max = max_value(items, n), y, w;
	struct eco_buf b;
	size_t i;

	eco_buf_init(&b, arena);
	open_svg(&b, title, "chart-bars", (long)n * BAR_ROW + 8);
	for (i = 0; i < n; i++) {
		y = (long)i * BAR_ROW;
		w = chart_scale(items[i].value, max,
		    CHART_WIDTH - BAR_VALUE_ROOM);
		text(&b, 0, y + 14, "start", "chart-label",
		    chart_truncate(arena, items[i].label, CHART_LABEL_MAX));
		eco_buf_printf(&b, "<rect x=\"0\" y=\"%ld\" width=\"%ld\" "
		    "height=\"%d\" class=\"chart-bar\" fill=\"#0b6e4f\"/>",
		    y + 20, w, BAR_HEIGHT);
		text(&b, w + 6, y + 32, "start", "chart-value",
		    eco_sprintf(arena, "%ld", positive(items[i].value)));
	}
	eco_buf_puts(&b, "</svg>");
	return b.data;
}

const char *
chart_columns(struct eco_arena *arena, const char *title,
    const struct chart_item *items, size_t n)
{
	long max = max_value(items, n), slot, bar, x, h;
	long base = COL_TOP + COL_PLOT;
	struct eco_buf b;
	size_t i;

	eco_buf_init(&b, arena);
	open_svg(&b, title, "chart-columns", base + COL_BOTTOM);
	slot = n > 0 ? CHART_WIDTH / (long)n : CHART_WIDTH;
	bar = slot * 3 / 5;
	eco_buf_printf(&b, "<line x1=\"0\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" "
	    "class=\"chart-axis\" stroke=\"#4d5f68\"/>", base, CHART_WIDTH, base);
	for (i = 0; i < n; i++) {
		x = (long)i * slot;
		h = chart_scale(items[i].value, max, COL_PLOT);
		eco_buf_printf(&b, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" "
		    "height=\"%ld\" class=\"chart-bar\" fill=\"#0b6e4f\"/>",
		    x + (slot - bar) / 2, base - h, bar, h);
		text(&b, x + slot / 2, base - h - 4, "middle", "chart-value",
		    eco_sprintf(arena, "%ld", positive(items[i].value)));
		/* Smaller type: twelve months share the width. */
		text(&b, x + slot / 2, base + 15, "middle", "chart-tick",
		    chart_truncate(arena, items[i].label, 10));
		if (items[i].sublabel != NULL)
			text(&b, x + slot / 2, base + 30, "middle",
			    "chart-tick", items[i].sublabel);
	}
	eco_buf_puts(&b, "</svg>");
	return b.data;
}

/* The series' colours: fill attributes for an SVG saved alone. */
static const char *const series_fill[CHART_SERIES_MAX] = {
	"#0b6e4f", "#4d8fac", "#c77d0a", "#7a4e9c"
};

const char *
chart_groups(struct eco_arena *arena, const char *title,
    const char *const *series, size_t nseries,
    const struct chart_group *groups, size_t n)
{
	long max = 0, slot, bar, x, h, base;
	struct eco_buf b;
	size_t i, s;

	if (nseries > CHART_SERIES_MAX)
		nseries = CHART_SERIES_MAX;
	base = (long)nseries * GROUP_LEGEND + COL_TOP + COL_PLOT;
	for (i = 0; i < n; i++)
		for (s = 0; s < nseries; s++)
			if (groups[i].values[s] > max)
				max = groups[i].values[s];
	eco_buf_init(&b, arena);
	open_svg(&b, title, "chart-groups", base + COL_BOTTOM);
	/* The legend: a square and the name of each series, a line each
	 * (the names are long in Kazakh and Russian). */
	for (s = 0; s < nseries; s++) {
		eco_buf_printf(&b, "<rect x=\"0\" y=\"%ld\" width=\"12\" "
		    "height=\"12\" class=\"chart-series-%zu\" fill=\"%s\"/>",
		    (long)s * GROUP_LEGEND + 4, s, series_fill[s]);
		text(&b, 18, (long)s * GROUP_LEGEND + 15, "start", "chart-label",
		    chart_truncate(arena, series[s], CHART_LABEL_MAX));
	}
	slot = n > 0 ? CHART_WIDTH / (long)n : CHART_WIDTH;
	bar = nseries > 0 ? slot * 4 / 5 / (long)nseries : 0;
	eco_buf_printf(&b, "<line x1=\"0\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" "
	    "class=\"chart-axis\" stroke=\"#4d5f68\"/>", base, CHART_WIDTH, base);
	for (i = 0; i < n; i++) {
		x = (long)i * slot + slot / 10;
		for (s = 0; s < nseries; s++, x += bar) {
			h = chart_scale(groups[i].values[s], max, COL_PLOT);
			eco_buf_printf(&b, "<rect x=\"%ld\" y=\"%ld\" "
			    "width=\"%ld\" height=\"%ld\" "
			    "class=\"chart-series-%zu\" fill=\"%s\"/>",
			    x + 1, base - h, bar - 2, h, s, series_fill[s]);
			text(&b, x + bar / 2, base - h - 4, "middle",
			    "chart-tick", eco_sprintf(arena, "%ld",
			    positive(groups[i].values[s])));
		}
		text(&b, (long)i * slot + slot / 2, base + 15, "middle",
		    "chart-tick", chart_truncate(arena, groups[i].label, 16));
	}
	eco_buf_puts(&b, "</svg>");
	return b.data;
}

const char *
chart_share(struct eco_arena *arena, const char *title, long part,
    long total, const char *center, const char *part_label,
    const char *rest_label)
{
	long w, rest;
	struct eco_buf b;

	total = positive(total);
	part = positive(part) < total ? positive(part) : total;
	rest = total - part;
	w = chart_scale(part, total, CHART_WIDTH);
	eco_buf_init(&b, arena);
	open_svg(&b, title, "chart-share", SHARE_HEIGHT);
	/* The whole first, the part over it: no gap from rounding. */
	eco_buf_printf(&b, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" "
	    "class=\"chart-rest\" fill=\"%s\"/>", CHART_WIDTH, SHARE_BAR,
	    total > 0 ? "#a4161a" : "#d3dedc");
	eco_buf_printf(&b, "<rect x=\"0\" y=\"0\" width=\"%ld\" height=\"%d\" "
	    "class=\"chart-bar\" fill=\"#0b6e4f\"/>", w, SHARE_BAR);
	text(&b, 0, SHARE_BAR + 22, "start", "chart-label",
	    eco_sprintf(arena, "%s: %ld", part_label, part));
	text(&b, CHART_WIDTH / 2, SHARE_BAR + 22, "middle", "chart-center",
	    center);
	text(&b, CHART_WIDTH, SHARE_BAR + 22, "end", "chart-label",
	    eco_sprintf(arena, "%s: %ld", rest_label, rest));
	eco_buf_puts(&b, "</svg>");
	return b.data;
}
