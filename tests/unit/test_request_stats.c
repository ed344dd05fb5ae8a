/*
 * Unit tests of the requests' statistics: the arithmetic of stats.c
 * (percent with zero totals and rounding, the median, the months, sums
 * and sorting), the proof that a state reduced the way the database
 * groups it gives the same flags and on-time verdict as the request's
 * page, and the SVG charts of chart.c (escaping, accessible names,
 * integer lengths with zero totals).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "calendar.h"
#include "chart.h"
#include "date.h"
#include "holidays.h"
#include "stats.h"
#include "tap.h"

#define D(y, m, d)	eco_days_from_civil((y), (m), (d))

static struct eco_calendar *cal;
static struct eco_arena *arena;

static size_t
count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* --- percent, median, months --------------------------------------------- */

static void
test_percent(void)
{
	is_int(stats_percent(0, 0), -1, "nothing decided: no percent");
	is_int(stats_percent(5, 0), -1, "a part of nothing: no percent");
	is_int(stats_percent(1, -3), -1, "a negative whole: no percent");
	is_int(stats_percent(0, 7), 0, "none of 7: 0%");
	is_int(stats_percent(3, 3), 100, "all: 100%");
	is_int(stats_percent(1, 3), 33, "1 of 3: 33%");
	is_int(stats_percent(2, 3), 67, "2 of 3: 67%");
	is_int(stats_percent(1, 8), 13, "12.5% rounds half up to 13");
	is_int(stats_percent(5, 1000), 1, "0.5% rounds up to 1");
	is_int(stats_percent(4, 1000), 0, "0.4% rounds down to 0");
	is_int(stats_percent(199999, 200000), 100, "99.9995% rounds to 100");
	is_int(stats_percent(9, 7), 100, "a part above the whole is the whole");
	is_int(stats_percent(-2, 7), 0, "a negative part is none");
}

static void
test_median(void)
{
	struct stats_counts c;
	char s[32];

	memset(&c, 0, sizeof(c));
	is_int(stats_median_x2(&c), -1, "no answers: no median");
	stats_add_days(&c, 7, 1);
	is_int(stats_median_x2(&c), 14, "one answer in 7 days: 7");
	stats_add_days(&c, 8, 1);
	is_int(stats_median_x2(&c), 15, "7 and 8: 7.5");
	stats_add_days(&c, 30, 1);
	is_int(stats_median_x2(&c), 16, "7, 8, 30: 8");
	stats_add_days(&c, 1, 0);
	stats_add_days(&c, 1, -4);
	is_int(c.answers, 3, "no answers added for a count of 0 or less");

	memset(&c, 0, sizeof(c));
	stats_add_days(&c, 3, 2);
	stats_add_days(&c, 5, 2);
	is_int(stats_median_x2(&c), 8, "3, 3, 5, 5: 4");
	stats_add_days(&c, 0, 5);
	is_int(stats_median_x2(&c), 0, "mostly the same day: 0, not none");

	memset(&c, 0, sizeof(c));
	stats_add_days(&c, 1000, 1);
	stats_add_days(&c, -3, 1);
	is_int(c.days[STATS_MAX_DAYS], 1, "1000 days fall in the last bucket");
	is_int(c.days[0], 1, "a negative count of days is 0");
	is_int(stats_median_x2(&c), STATS_MAX_DAYS, "0 and 365+: 182.5");

	stats_half_format(14, ",", s, sizeof(s));
	is_str(s, "7", "14 halves: 7");
	stats_half_format(15, ",", s, sizeof(s));
	is_str(s, "7,5", "15 halves: 7,5");
	stats_half_format(1, ".", s, sizeof(s));
	is_str(s, "0.5", "1 half: 0.5");
	stats_half_format(-1, ",", s, sizeof(s));
	is_str(s, "", "none: empty");
}

static void
test_months(void)
{
	struct stats_counts c;
	long today = D(2026, 3, 7);

	memset(&c, 0, sizeof(c));
	is_int(stats_first_month(today), D(2025, 4, 1),
	    "12 months up to March 2026 start in April 2025");
	is_int(stats_first_month(D(2026, 1, 31)), D(2025, 2, 1),
	    "up to January: from February of the year before");
	is_int(stats_first_month(D(2025, 12, 1)), D(2025, 1, 1),
	    "up to December: the calendar year");
	is_int(stats_add_month(&c, today, D(2026, 3, 1), 5), 0, "this month");
	is_int(c.by_month[STATS_MONTHS - 1], 5, "this month is the last");
	is_int(stats_add_month(&c, today, D(2025, 4, 1), 2), 0, "the oldest");
	is_int(c.by_month[0], 2, "the oldest month is the first");
	is_int(stats_add_month(&c, today, D(2025, 12, 17), 3), 0, "December");
	is_int(c.by_month[8], 3, "December 2025 is the ninth");
	is_int(stats_add_month(&c, today, D(2025, 3, 31), 1), -1,
	    "13 months ago is not shown");
	is_int(stats_add_month(&c, today, D(2026, 4, 1), 1), -1,
	    "next month is not shown");
}

static void
test_complaints_and_sum(void)
{
	struct stats_counts a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	is_int(stats_add_complaints(&a, "court", "upheld", false, 2), 0,
	    "complaints to a court");
	is_int(stats_add_complaints(&a, "higher_body", "pending", true, 1), 0,
	    "a late complaint to a higher body");
	is_int(stats_add_complaints(&a, "ombudsman", "pending", false, 1), -1,
	    "an unknown instance");
	is_int(stats_add_complaints(&a, "court", "won", false, 1), -1,
	    "an unknown outcome");
	is_int(a.complaints, 3, "three complaints");
	is_int(a.complaints_late, 1, "one late");
	is_int(a.complaints_by_instance[STATS_COURT], 2, "two to a court");
	is_int(a.complaints_by_outcome[STATS_PENDING], 1, "one pending");
	is_str(stats_instance_code(STATS_HIGHER_BODY), "higher_body",
	    "instance code");
	is_str(stats_outcome_code(STATS_PARTIALLY_UPHELD), "partially_upheld",
	    "outcome code");
	is_str(stats_outcome_code(STATS_NOUTCOMES), "", "no code out of range");

	stats_add_days(&b, 4, 2);
	stats_add_month(&b, D(2026, 3, 7), D(2026, 3, 7), 6);
	b.requests = 6;
	b.by_status[REQ_REFUSED] = 1;
	b.by_ground[REQ_GROUND_RESTRICTED_ACCESS] = 1;
	stats_sum(&a, &b);
	stats_sum(&a, &b);
	is_int(a.requests, 12, "sum: requests");
	is_int(a.by_status[REQ_REFUSED], 2, "sum: by status");
	is_int(a.by_ground[REQ_GROUND_RESTRICTED_ACCESS], 2, "sum: by ground");
	is_int(a.days[4], 4, "sum: days to answer");
	is_int(a.answers, 4, "sum: answers");
	is_int(a.by_month[STATS_MONTHS - 1], 12, "sum: months");
	is_int(a.complaints, 3, "sum: the complaints kept");
	is_int(stats_median_x2(&a), 8, "the median of the sum");
}

/* --- the groups against request_flags() ------------------------------------ */

static int
sign_of(long v)
{
	return (v > 0) - (v < 0);
}

/* The state reduced the way stats_db.c's query groups it. */
static struct stats_group
group_of(const struct request_state *st, long today)
{
	struct stats_group g;
	long due_in = st->due_on - today;

	memset(&g, 0, sizeof(g));
	g.status = st->status;
	g.ground = st->ground;
	g.extended_inspection = st->extended_inspection;
	g.extended_holders = st->extended_holders;
	g.due_in = (int)(due_in < -1 ? -1 : due_in > STATS_DUE_IN_MAX ?
	    STATS_DUE_IN_MAX : due_in);
	g.answered_vs_due = st->answered_on != 0 ?
	    sign_of(st->answered_on - st->due_on) : 0;
	g.refused_vs_due = st->refused_on != 0 ?
	    sign_of(st->refused_on - st->refusal_due_on) : 0;
	g.redirected_vs_due = st->redirected_on != 0 ?
	    sign_of(st->redirected_on - st->redirect_due_on) : 0;
	g.count = 1;
	return g;
}

/*
 * Every status, with due dates from 40 days before to 40 days after
 * today and decisions from 3 days before to 3 days after their
 * deadlines: the counts from the reduced groups equal the flags and the
 * on-time verdict of each state itself.
 */
static void
test_groups_match_flags(void)
{
	struct stats_counts got, want;
	struct request_state st;
	struct request_flags f;
	struct stats_group g;
	long today = D(2026, 3, 7), due, off;
	int s, t, mismatches = 0, n = 0;

	memset(&got, 0, sizeof(got));
	memset(&want, 0, sizeof(want));
	for (s = 0; s < REQ_STATUS_COUNT; s++)
		for (due = today - 40; due <= today + 40; due++)
			for (off = -3; off <= 3; off++) {
				memset(&st, 0, sizeof(st));
				st.status = (enum request_status)s;
				st.received_on = due - 15;
				st.due_on = due;
				st.refusal_due_on = due - 8;
				st.redirect_due_on = due - 11;
				if (s == REQ_ANSWERED || s == REQ_PARTIALLY_ANSWERED)
					st.answered_on = due + off;
				if (s == REQ_REFUSED) {
					st.refused_on = st.refusal_due_on + off;
					st.ground = REQ_GROUND_DECISION_PENDING;
				}
				if (s == REQ_REDIRECTED)
					st.redirected_on =
					    st.redirect_due_on + off;
				st.extended_inspection = (due + off) % 3 == 0;
				st.extended_holders = (due + off) % 5 == 0;

				g = group_of(&st, today);
				stats_add_group(&got, cal, &g, today);

				request_flags(cal, &st, today, &f);
				t = request_on_time(&st, &f);
				want.requests++;
				want.by_status[s]++;
				want.open += f.open;
				want.overdue += f.overdue;
				want.due_soon += f.due_soon;
				want.decided += t >= 0;
				want.on_time += t > 0;
				want.answered_late += f.answered_late;
				want.refused_late += f.refused_late;
				want.redirected_late += f.redirected_late;
				if (s == REQ_REFUSED)
					want.by_ground[st.ground]++;
				want.extended_inspection += st.extended_inspection;
				want.extended_holders += st.extended_holders;
				want.extended += st.extended_inspection ||
				    st.extended_holders;
				n++;
			}
	mismatches = memcmp(&got, &want, sizeof(got)) != 0;
	ok(n == REQ_STATUS_COUNT * 81 * 7, "every state was tried");
	ok(!mismatches, "the groups count what request_flags() says, state by state");
	is_int(got.overdue, want.overdue, "overdue");
	is_int(got.due_soon, want.due_soon, "due soon");
	is_int(got.on_time, want.on_time, "on time");
	is_int(got.decided, want.decided, "decided");
	ok(got.overdue > 0 && got.due_soon > 0 && got.on_time > 0 &&
	    got.decided > got.on_time, "the cases include every verdict");

	memset(&got, 0, sizeof(got));
	memset(&g, 0, sizeof(g));
	g.status = REQ_ANSWERED;
	g.count = 0;
	stats_add_group(&got, cal, &g, today);
	g.status = REQ_STATUS_COUNT;
	g.count = 4;
	stats_add_group(&got, cal, &g, today);
	is_int(got.requests, 0, "an empty group or an unknown status adds nothing");
	g.status = REQ_REDIRECTED;
	g.came_redirected = true;
	g.redirected_vs_due = 1;
	stats_add_group(&got, cal, &g, today);
	is_int(got.redirected_in, 4, "received by redirect");
	is_int(got.redirected_late, 4, "redirected late");
	is_int(got.decided - got.on_time, 4, "a late redirect is late");
}

/* --- sorting ----------------------------------------------------------------- */

static void
test_sort(void)
{
	struct stats_counts c[4];
	struct stats_holder h[4];
	const struct stats_holder *v[4];
	enum stats_sort s;
	int i;

	memset(c, 0, sizeof(c));
	memset(h, 0, sizeof(h));
	for (i = 0; i < 4; i++) {
		h[i].id = 10 + i;
		h[i].c = &c[i];
		v[i] = &h[i];
	}
	/* on time: 2/3, 66/100, none, 1/1 */
	c[0].on_time = 2, c[0].decided = 3;
	c[1].on_time = 66, c[1].decided = 100;
	c[3].on_time = 1, c[3].decided = 1;
	stats_sort(v, 4, STATS_SORT_ON_TIME, true);
	ok(v[0] == &h[3] && v[1] == &h[0] && v[2] == &h[1] && v[3] == &h[2],
	    "on time, most first: 100%, 2/3 before 66%, none last");
	stats_sort(v, 4, STATS_SORT_ON_TIME, false);
	ok(v[0] == &h[1] && v[1] == &h[0] && v[2] == &h[3] && v[3] == &h[2],
	    "on time, least first: none still last");

	/* requests: 5, 9, 5, 0; ties keep the holders' order */
	c[0].requests = 5, c[1].requests = 9, c[2].requests = 5;
	stats_sort(v, 4, STATS_SORT_REQUESTS, true);
	ok(v[0] == &h[1] && v[1] == &h[0] && v[2] == &h[2] && v[3] == &h[3],
	    "requests, most first; a tie in the holders' order");
	stats_sort(v, 4, STATS_SORT_ORDER, false);
	ok(v[0] == &h[0] && v[1] == &h[1] && v[2] == &h[2] && v[3] == &h[3],
	    "the holders' own order");

	/* median: 10, none, 2.5, 4 */
	stats_add_days(&c[0], 10, 1);
	stats_add_days(&c[2], 2, 1);
	stats_add_days(&c[2], 3, 1);
	stats_add_days(&c[3], 4, 1);
	stats_sort(v, 4, STATS_SORT_MEDIAN, false);
	ok(v[0] == &h[2] && v[1] == &h[3] && v[2] == &h[0] && v[3] == &h[1],
	    "median, fastest first, no answers last");

	for (i = 0; i < STATS_NSORTS; i++)
		ok(stats_sort_parse(stats_sort_code(i), &s) == 0 && (int)s == i,
		    stats_sort_code(i));
	ok(stats_sort_parse("name", &s) != 0, "an unknown column");
	ok(stats_sort_parse(NULL, &s) != 0, "no column");
	is_str(stats_sort_code(STATS_NSORTS), "", "no code out of range");
}

/* --- charts ------------------------------------------------------------------- */

static void
test_scale_and_truncate(void)
{
	const char *s = "short";

	is_int(chart_scale(5, 0, 640), 0, "a zero maximum draws nothing");
	is_int(chart_scale(0, 0, 640), 0, "zero of zero draws nothing");
	is_int(chart_scale(-5, 10, 640), 0, "a negative value draws nothing");
	is_int(chart_scale(5, -10, 640), 0, "a negative maximum draws nothing");
	is_int(chart_scale(10, 10, 640), 640, "the maximum is the whole length");
	is_int(chart_scale(11, 10, 640), 640, "never beyond the length");
	is_int(chart_scale(1, 3, 640), 213, "213.33 rounds down");
	is_int(chart_scale(2, 3, 640), 427, "426.67 rounds up");
	is_int(chart_scale(1, 1280, 640), 1, "0.5 rounds up");
	is_int(chart_scale(199999, 200000, 576), 576, "large counts: no overflow");
	is_int(chart_scale(1, 200000, 576), 0, "a tiny share is 0");

	ok(chart_truncate(arena, s, 5) == s, "a label that fits is kept");
	is_str(chart_truncate(arena, "Қазақстан", 4), "Қаз\xe2\x80\xa6",
	    "cut at a character, not a byte, with an ellipsis");
	is_str(chart_truncate(arena, "Қазақстан", 9), "Қазақстан",
	    "nine characters fit in nine");
	is_str(chart_truncate(arena, "abc", 1), "\xe2\x80\xa6", "one: the ellipsis");
	is_str(chart_truncate(arena, "abc", 0), "", "none");
	is_str(chart_truncate(arena, NULL, 5), "", "NULL is empty");
}

static void
test_bars(void)
{
	struct chart_item items[3] = {
		{ "<script>alert('x')</script> & \"co\"", NULL, 10 },
		{ "Ақпарат қолжетімділігі шектелген", NULL, 5 },
		{ "none", NULL, -3 },
	};
	const char *svg;

	svg = chart_bars(arena, "Refusals <by> ground & \"why\"", items, 3);
	ok(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0,
	    "an <svg> element");
	ok(strstr(svg, "role=\"img\"") != NULL, "role img");
	ok(strstr(svg, "aria-label=\"Refusals &lt;by&gt; ground &amp; "
	    "&quot;why&quot;\"") != NULL, "the accessible name, escaped");
	ok(strstr(svg, "<title>Refusals &lt;by&gt; ground &amp; &quot;why&quot;"
	    "</title>") != NULL, "the title, escaped");
	ok(strstr(svg, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
	    "&quot;co&quot;") != NULL, "a label, escaped");
	ok(strstr(svg, "<script") == NULL && strstr(svg, "\"co\"") == NULL,
	    "nothing unescaped");
	ok(strstr(svg, "Ақпарат қолжетімділігі шектелген") != NULL,
	    "Kazakh text as it is");
	ok(strstr(svg, "width=\"576\"") != NULL, "the largest bar is full");
	ok(strstr(svg, "width=\"288\"") != NULL, "half of it is half");
	ok(strstr(svg, ">-3<") == NULL && strstr(svg, "width=\"0\"") != NULL,
	    "a negative value is drawn and written as 0");
	is_int(count_of(svg, "<rect"), 3, "a bar per item");
	ok(strcmp(svg + strlen(svg) - 6, "</svg>") == 0, "closed");

	svg = chart_bars(arena, "Empty", items, 0);
	ok(strstr(svg, "<title>Empty</title></svg>") != NULL,
	    "no items: an empty chart with its title");
}

static void
test_columns(void)
{
	struct chart_item months[12];
	const char *svg;
	int i;

	for (i = 0; i < 12; i++) {
		months[i].label = "Қыркүйек";
		months[i].sublabel = i == 0 ? "2025" : NULL;
		months[i].value = 0;
	}
	svg = chart_columns(arena, "By month", months, 12);
	is_int(count_of(svg, "<rect"), 12, "a column per month");
	is_int(count_of(svg, "height=\"0\""), 12, "all zero: flat columns");
	ok(strstr(svg, "nan") == NULL && strstr(svg, "inf") == NULL,
	    "no NaN or infinity with a zero total");
	is_int(count_of(svg, ">2025<"), 1, "the year once");
	months[3].value = 40;
	months[4].value = 10;
	svg = chart_columns(arena, "By month", months, 12);
	ok(strstr(svg, "height=\"160\"") != NULL, "the largest fills the plot");
	ok(strstr(svg, "height=\"40\"") != NULL, "a quarter of it is a quarter");
	ok(strstr(svg, "aria-label=\"By month\"") != NULL, "named");
}

static void
test_share(void)
{
	const char *svg;

	svg = chart_share(arena, "On time", 0, 0, "\xe2\x80\x94", "On time",
	    "Late");
	ok(strstr(svg, "width=\"0\"") != NULL, "nothing decided: no part");
	ok(strstr(svg, "#d3dedc") != NULL, "an empty grey bar");
	ok(strstr(svg, "On time: 0") != NULL && strstr(svg, "Late: 0") != NULL,
	    "the legend counts 0 and 0");
	ok(strstr(svg, "nan") == NULL, "no NaN");

	svg = chart_share(arena, "On time", 3, 4, "75%", "<On>", "Late");
	ok(strstr(svg, "width=\"480\"") != NULL, "3 of 4 is 480 of 640");
	ok(strstr(svg, "&lt;On&gt;: 3") != NULL && strstr(svg, "Late: 1") != NULL,
	    "the legend, escaped");
	ok(strstr(svg, ">75%<") != NULL, "the center text");

	svg = chart_share(arena, "On time", 9, 4, "x", "a", "b");
	ok(strstr(svg, "a: 4") != NULL && strstr(svg, "b: 0") != NULL,
	    "a part above the total is the total");
	svg = chart_share(arena, "On time", -2, 4, "x", "a", "b");
	ok(strstr(svg, "a: 0") != NULL && strstr(svg, "b: 4") != NULL,
	    "a negative part is none");
}

/* Groups of columns: the official court figures by year (lib/chart.c). */
static void
test_groups(void)
{
	const char *series[5] = { "Received", "Decided", "<Aarhus>", "x", "y" };
	struct chart_group years[4] = {
		{ "2017", { 316, 250, 16, 0 } },
		{ "2018", { 245, 147, 4, 0 } },
		{ "2019", { 560, 274, -7, 0 } },
		{ "2020", { 432, 228, 1, 0 } },
	};
	const char *svg;

	svg = chart_groups(arena, "Cases & years", series, 3, years, 4);
	ok(strstr(svg, "<title>Cases &amp; years</title>") != NULL,
	    "the title, escaped");
	is_int(count_of(svg, "<rect"), 3 + 4 * 3,
	    "a legend square per series and a column per figure");
	ok(strstr(svg, "&lt;Aarhus&gt;") != NULL && strstr(svg, "<Aarhus>") ==
	    NULL, "a series' name, escaped");
	ok(strstr(svg, "height=\"160\"") != NULL, "the largest fills the plot");
	ok(strstr(svg, "height=\"90\"") != NULL, "316 of 560 is 90 of 160");
	ok(strstr(svg, ">316<") != NULL && strstr(svg, ">2019<") != NULL,
	    "values and group labels written");
	ok(strstr(svg, ">-7<") == NULL, "a negative value written as 0");
	is_int(count_of(svg, "class=\"chart-series-2\""), 5,
	    "the third series: its square and four columns");

	svg = chart_groups(arena, "Many", series, 5, years, 1);
	is_int(count_of(svg, "<rect"), CHART_SERIES_MAX * 2,
	    "at most CHART_SERIES_MAX series");
	svg = chart_groups(arena, "None", series, 3, years, 0);
	ok(strstr(svg, "nan") == NULL && count_of(svg, "<rect") == 3,
	    "no groups: the legend only");
}

int
main(void)
{
	if ((cal = eco_calendar_new_default()) == NULL ||
	    eco_holidays_generate(cal, 2015, 2036) != 0 ||
	    eco_calendar_finish(cal) != 0) {
		fputs("no calendar\n", stderr);
		return 1;
	}
	arena = eco_arena_new();
	test_percent();
	test_median();
	test_months();
	test_complaints_and_sum();
	test_groups_match_flags();
	test_sort();
	test_scale_and_truncate();
	test_bars();
	test_columns();
	test_share();
	test_groups();
	eco_arena_free(arena);
	eco_calendar_free(cal);
	return tap_done();
}
